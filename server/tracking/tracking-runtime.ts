/**
 * The platform side of tracking for one process: post and account connectors over one polite
 * fetcher per platform, sharing one per-host rate limiter (quotas are per IP), and the clock
 * polls are scheduled by. Tests build one over the loopback fakes with an injected clock.
 *
 *   const runtime = trackingRuntime(config);
 *   runtime.posts('bluesky').post(ref); runtime.accounts('mastodon').follows(account);
 */
import { type Clock, systemClock } from '../adapters/http/clock.ts';
import { createFetcher, type Fetcher } from '../adapters/http/fetcher.ts';
import { createRateLimiter, type RateLimiter } from '../adapters/http/rate-limiter.ts';
import { createBlueskyConnector } from '../adapters/platforms/bluesky.ts';
import { type BlueskyLogin, createBlueskyPosts } from '../adapters/platforms/bluesky-posts.ts';
import { createMastodonConnector } from '../adapters/platforms/mastodon.ts';
import { createMastodonPosts } from '../adapters/platforms/mastodon-posts.ts';
import type { PostConnector, PostPlatform } from '../adapters/platforms/post-types.ts';
import type { Connector } from '../adapters/platforms/types.ts';
import type { Config } from '../config.ts';

export type TrackingRuntime = {
  /** Tracking time: schedules, snapshot times, "first seen" of reshares. */
  now(): Date;
  posts(platform: PostPlatform, login?: BlueskyLogin): PostConnector;
  accounts(platform: PostPlatform): Connector;
  /** Requests sent so far (for budgets and benchmarks). */
  requests(): number;
};

export type TrackingRuntimeOptions = {
  clock?: Clock;
  /** Tracking time, when it differs from the fetcher's clock (tests move it by days). */
  now?: () => Date;
  limiter?: RateLimiter;
  fetcher?: Fetcher;
  /** Where Bluesky's createSession and searchPosts go. */
  blueskyPdsUrl?: string;
};

export function createTrackingRuntime(
  urls: Pick<Config, 'blueskyAppviewUrl' | 'mastodonInstanceUrls' | 'mastodonSearchInstance' | 'userAgent'>,
  options: TrackingRuntimeOptions = {},
): TrackingRuntime {
  const clock = options.clock ?? systemClock;
  const limiter = options.limiter ?? createRateLimiter({ clock, maxConcurrentPerHost: 4 });
  const fetcher =
    options.fetcher ??
    createFetcher({ userAgent: urls.userAgent, limiter, clock, timeoutMs: 15_000, maxRetries: 4 });
  const mastodon = {
    fetcher,
    instances: urls.mastodonInstanceUrls,
    searchInstance: urls.mastodonSearchInstance,
  };
  const bluesky = createBlueskyPosts({ fetcher, baseUrl: urls.blueskyAppviewUrl });
  const masto = createMastodonPosts(mastodon);
  const accounts = {
    bluesky: createBlueskyConnector({ fetcher, baseUrl: urls.blueskyAppviewUrl }),
    mastodon: createMastodonConnector(mastodon),
  };
  return {
    now: options.now ?? (() => new Date(clock.now())),
    posts(platform, login) {
      if (platform === 'mastodon') return masto;
      if (!login) return bluesky;
      return createBlueskyPosts({
        fetcher,
        baseUrl: urls.blueskyAppviewUrl,
        pdsUrl: options.blueskyPdsUrl ?? 'https://bsky.social',
        login,
      });
    },
    accounts: (platform) => accounts[platform],
    requests: () => fetcher.stats().requests,
  };
}

const runtimes = new WeakMap<Config, TrackingRuntime>();

/** This process's runtime for `config` (one rate limiter per process). */
export function trackingRuntime(config: Config): TrackingRuntime {
  let runtime = runtimes.get(config);
  if (!runtime) {
    runtime = createTrackingRuntime(config);
    runtimes.set(config, runtime);
  }
  return runtime;
}
