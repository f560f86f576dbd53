/**
 * Phase timing for the measure bench: wall and CPU milliseconds per phase,
 * heap after each phase, and the process's peak RSS (getrusage maxrss, so a
 * spike between samples still counts).
 */
export type Phase = { name: string; wallMs: number; cpuMs: number; heapMb: number };

const mb = (bytes: number) => bytes / 1024 / 1024;

export function phaseTimer() {
  const phases: Phase[] = [];
  let peakHeapMb = mb(process.memoryUsage().heapUsed);
  return {
    phases,
    run<T>(name: string, work: () => T): T {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const result = work();
      const { user, system } = process.cpuUsage(cpu);
      const heapMb = mb(process.memoryUsage().heapUsed);
      peakHeapMb = Math.max(peakHeapMb, heapMb);
      phases.push({ name, wallMs: performance.now() - started, cpuMs: (user + system) / 1000, heapMb });
      return result;
    },
    get peakHeapMb() {
      return peakHeapMb;
    },
    /** Peak resident set size of the whole process so far. */
    peakRssMb: () => process.resourceUsage().maxRSS / 1024,
    print(title: string): void {
      console.log(`\n${title}`);
      console.log(
        `${'phase'.padEnd(34)} ${'wall ms'.padStart(9)} ${'cpu ms'.padStart(9)} ${'heap MB'.padStart(9)}`,
      );
      for (const p of phases) {
        console.log(
          `${p.name.padEnd(34)} ${p.wallMs.toFixed(0).padStart(9)} ${p.cpuMs.toFixed(0).padStart(9)} ${p.heapMb.toFixed(0).padStart(9)}`,
        );
      }
    },
  };
}
