/**
 * The polling loop: each tick polls every tracked post that is due, then schedules the next tick
 * for the soonest poll to come (within 5 s when one is due already, else between 30 s and 15 min
 * away). One queued tick at a time (singleton); a crashed tick is retried by pg-boss and the due
 * times live in the database. Time is the job clock's, so tests move it.
 */

import { type Clock, systemClock } from '../adapters/http/clock.ts';
import type { Queue } from '../jobs/queue.ts';
import { defineJob } from '../jobs/registry.ts';
import { pollDuePosts, soonestPoll } from './poll-post.ts';
import { TRACKING_TICK } from './tracking.context.ts';
import { trackingRuntime } from './tracking-runtime.ts';

export async function scheduleTick(queue: Queue | undefined, now: Date, at: Date | null, clock?: Clock) {
  if (!queue || !at) return;
  const wait = at.getTime() - now.getTime();
  // A post due already is polled soon, but never in a tight loop should one stay due.
  const ms = wait <= 0 ? 5_000 : Math.min(900_000, Math.max(30_000, wait));
  // At least a second: a tick never wakes the workers at once, so it cannot spin (queue.ts).
  const startAfter = Math.max(1, Math.ceil((clock?.realMs ? clock.realMs(ms) : ms) / 1000));
  await queue.send(TRACKING_TICK, {}, { singletonKey: TRACKING_TICK, startAfter });
}

/**
 * Makes sure the loop runs, after a post is tracked: a tick a second from now, which then
 * schedules itself by the due times. When a tick is queued already, that one stays (singleton).
 */
export async function startTicking(queue: Queue | undefined) {
  await queue?.send(TRACKING_TICK, {}, { singletonKey: TRACKING_TICK, startAfter: 1 });
}

export const trackingJob = defineJob<Record<string, never>>({
  name: TRACKING_TICK,
  policy: 'short',
  options: { pollingIntervalSeconds: 2 },
  async run(_data, deps) {
    const clock = deps.clock ?? systemClock;
    const runtime = { ...trackingRuntime(deps.config), now: () => new Date(clock.now()) };
    const db = deps.database.db;
    const counts = await pollDuePosts(db, runtime);
    deps.logger.info(counts, 'tracked posts polled');
    await scheduleTick(deps.queue, runtime.now(), await soonestPoll(db), clock);
  },
  async failed(_data, deps) {
    const clock = deps.clock ?? systemClock;
    await scheduleTick(deps.queue, new Date(clock.now()), new Date(clock.now() + 60_000), clock);
  },
});
