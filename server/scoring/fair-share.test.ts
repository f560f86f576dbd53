import { describe, expect, it } from 'vitest';
import { fairShare } from './fair-share.ts';

/** A process whose threads together get `cores` cores, on a clock the test moves. */
function machine(cores: number) {
  let wall = 0;
  let cpu = 0;
  return {
    now: () => wall,
    cpuMs: () => cpu,
    run(ms: number, on = cores) {
      wall += ms;
      cpu += ms * on;
    },
  };
}

describe('fairShare', () => {
  it('keeps the first helper claiming while the process gets two cores', () => {
    const m = machine(2);
    const keepClaiming = fairShare({ rank: 1, windowMs: 250, now: m.now, cpuMs: m.cpuMs });
    for (let i = 0; i < 20; i++) {
      m.run(100);
      expect(keepClaiming()).toBe(true);
    }
  });

  it('stops it for good once a whole window ran on one core', () => {
    const m = machine(2);
    const keepClaiming = fairShare({ rank: 1, windowMs: 250, now: m.now, cpuMs: m.cpuMs });
    m.run(300);
    expect(keepClaiming()).toBe(true);
    m.run(100, 1.1); // another process took a core: not yet a whole window
    expect(keepClaiming()).toBe(true);
    m.run(200, 1.1);
    expect(keepClaiming()).toBe(false);
    m.run(1000, 2);
    expect(keepClaiming()).toBe(false);
  });

  it('stops the helpers without a core of their own, not the others', () => {
    const m = machine(2.4);
    const second = fairShare({ rank: 2, windowMs: 250, now: m.now, cpuMs: m.cpuMs });
    const first = fairShare({ rank: 1, windowMs: 250, now: m.now, cpuMs: m.cpuMs });
    m.run(300);
    expect(first()).toBe(true);
    expect(second()).toBe(false);
  });

  it('measures the whole process on the real clocks', () => {
    const keepClaiming = fairShare({ rank: 1, windowMs: 0 });
    const until = performance.now() + 20;
    while (performance.now() < until) {} // one busy thread: one core, not two
    expect(keepClaiming()).toBe(false);
  });
});
