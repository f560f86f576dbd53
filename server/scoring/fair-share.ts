/**
 * When a helper thread stops paying. Sampled betweenness splits its sources between the scoring
 * thread and helpers (graph/centrality/betweenness.ts). With a core free per thread, two threads
 * are 1.85× faster than one; when another process keeps a core busy, the kernel shares what is
 * left between our threads, and two threads taking turns on one core ran at 0.6× the speed of
 * one (bench:graph, 3M edges, one `yes` running). So a helper keeps claiming work only while the
 * process gets the cores its threads need, measured over short windows of its own CPU time
 * against the wall clock; once it falls short, the helper leaves the rest to the threads before
 * it and stops for good.
 */
export type FairShareOptions = {
  /** This helper's place among the threads: 1 for the first helper (the scoring thread is 0). */
  rank: number;
  /** How long each measurement runs. */
  windowMs?: number;
  /** Wall clock, milliseconds. */
  now?: () => number;
  /** CPU time of the whole process (every thread), milliseconds. */
  cpuMs?: () => number;
};

const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * A `keepClaiming` check for helper number `rank`: false once, over a whole window, the process
 * ran on fewer than `rank + 0.5` cores (that is, this helper had no core of its own).
 *
 * @example
 * accumulateBetweennessShared(csr, sources, counter, 2, partial, { keepClaiming: fairShare({ rank: 1 }) });
 */
export function fairShare(options: FairShareOptions): () => boolean {
  const { rank, windowMs = 250, now = performance.now.bind(performance), cpuMs = processCpuMs } = options;
  let windowStart = now();
  let cpuStart = cpuMs();
  let stopped = false;
  return () => {
    if (stopped) return false;
    const elapsed = now() - windowStart;
    if (elapsed < windowMs) return true;
    const cores = (cpuMs() - cpuStart) / elapsed;
    if (cores < rank + 0.5) {
      stopped = true;
      return false;
    }
    windowStart = now();
    cpuStart = cpuMs();
    return true;
  };
}
