/** The tracking runtime a request uses: the process's connectors on the request's clock. */
import { BLUESKY_DEFAULT_APPVIEW } from '../adapters/platforms/bluesky.ts';
import type { Context } from '../trpc/context.ts';
import { createTrackingRuntime, type TrackingRuntime, trackingRuntime } from './tracking-runtime.ts';

let unconfigured: TrackingRuntime | undefined;

export function runtimeOf(ctx: Pick<Context, 'config' | 'now'>): TrackingRuntime {
  // Without a config (a bare in-process caller) the public platforms are asked.
  unconfigured ??= ctx.config
    ? undefined
    : createTrackingRuntime({
        blueskyAppviewUrl: BLUESKY_DEFAULT_APPVIEW,
        mastodonInstanceUrls: {},
        mastodonSearchInstance: 'mastodon.social',
      });
  const base = ctx.config ? trackingRuntime(ctx.config) : unconfigured!;
  return { ...base, now: ctx.now };
}

export const TRACKING_TICK = 'tracking-tick';
