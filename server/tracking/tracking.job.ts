/**
 * The polling loop: each tick polls every tracked post that is due, then schedules the next tick
 * for the soonest poll to come (between 30 s and 15 min away). One queued tick at a time
 * (singleton); a crashed tick is retried by pg-boss and the due times live in the database.
 */

import type { Queue } from '../jobs/queue.ts';
import { defineJob } from '../jobs/registry.ts';
import { pollDuePosts, soonestPoll } from './poll-post.ts';
import { TRACKING_TICK } from './tracking.context.ts';
import { trackingRuntime } from './tracking-runtime.ts';

export async function scheduleTick(queue: Queue | undefined, now: Date, at: Date | null) {
  if (!queue || !at) return;
  const seconds = Math.min(900, Math.max(30, Math.ceil((at.getTime() - now.getTime()) / 1000)));
  await queue.send(TRACKING_TICK, {}, { singletonKey: TRACKING_TICK, startAfter: seconds });
}

export const trackingJob = defineJob<Record<string, never>>({
  name: TRACKING_TICK,
  policy: 'short',
  options: { pollingIntervalSeconds: 5 },
  async run(_data, deps) {
    const runtime = trackingRuntime(deps.config);
    const db = deps.database.db;
    const counts = await pollDuePosts(db, runtime);
    deps.logger.info(counts, 'tracked posts polled');
    await scheduleTick(deps.queue, runtime.now(), await soonestPoll(db));
  },
  async failed(_data, deps) {
    await scheduleTick(deps.queue, new Date(), new Date(Date.now() + 60_000));
  },
});
