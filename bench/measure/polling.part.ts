/**
 * Polling part of the measure bench: 1,000 tracked Bluesky posts polled once each, the way the
 * tracking tick does it (pollDuePosts: counts, reposters, quotes, thread, author profile, then
 * one transaction per post), against the loopback AppView publishing Bluesky's PDS limit of
 * 3000 requests per 5 minutes, through the shared polite fetcher and per-host limiter.
 *
 * The fake server and the client share a scaled clock (BENCH_POLL_SPEED, default 20: one real
 * second is 20 clock seconds), so the 5-minute window plays out in seconds with real headers.
 *
 * Floor: at or under the published limit as the platform counts it, in fixed windows: no 429
 * after the first (the limiter learns the quota from the first response's headers), no request
 * sent into a spent window, and an average no higher than such windows allow (one window's
 * quota on top of 10 per second: a run can start at one window's end and use the next).
 * Also printed, not a floor: the busiest sliding 300 clock seconds. The limiter spends what a
 * window has left before it resets (a slow stretch early in it, as on a loaded machine, means a
 * faster end), so 300 s straddling a reset can hold more than 3000 while every window the
 * platform counts holds at most 3000.
 */
import { availableParallelism, loadavg } from 'node:os';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { deals, trackedPosts } from '../../server/db/schema/index.ts';
import { pollDuePosts } from '../../server/tracking/poll-post.ts';
import { createTrackingRuntime } from '../../server/tracking/tracking-runtime.ts';
import { startFakeBluesky } from '../../test/fakes/bluesky-server.ts';
import { buildFakeGraph } from '../../test/fakes/fake-graph.ts';
import { createScaledClock } from '../../test/fakes/scaled-clock.ts';
import { createTestApp, userInWorkspace } from '../../test/support/app.ts';
import { callerFor } from '../../test/support/caller.ts';

export type PollingBenchResult = { ok: boolean; skipped?: string };

const POSTS = Number(process.env.BENCH_POLL_POSTS ?? 1000);
const SPEED = Number(process.env.BENCH_POLL_SPEED ?? 20);
const LIMIT = 3000;
const WINDOW_MS = 300_000;

/** Most requests in any `windowMs` (sliding), from sorted arrival times. */
function busiestWindow(arrivals: number[], windowMs: number): number {
  const times = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let end = 0, start = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

export async function runPollingBench(): Promise<PollingBenchResult> {
  const clock = createScaledClock({ speed: SPEED });
  const edges = Array.from({ length: POSTS }, (_, i) => [`a${i}`, `a${(i + 1) % POSTS}`] as [string, string]);
  const graph = buildFakeGraph({ edges, seed: 5 });
  // A few reshares per post, so the reposter and profile calls have something to return.
  const fake = await startFakeBluesky({ graph, clock, rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
  for (let i = 0; i < POSTS; i += 1) {
    const at = graph.accounts[i]!.posts[0]!.createdAt;
    fake.spread.on(i, 0).reposts.push({ by: (i + 7) % POSTS, at });
  }
  const database = await openDatabase({});
  await migrate(database);
  try {
    const app = createTestApp(database);
    const api = callerFor(
      database,
      await userInWorkspace(app, database, { email: 'bench@agency.test', workspace: 'Bench' }),
    );
    const campaign = await api.campaigns.create({ name: 'Bench', currency: 'EUR' });
    const contact = await api.contacts.create({ name: 'Creator' });
    await api.deals.create({ campaignId: campaign.id, contactIds: [contact.id] });
    const [deal] = await api.deals.list({ campaignId: campaign.id });
    const [{ workspaceId }] = await database.db
      .select({ workspaceId: deals.workspaceId })
      .from(deals)
      .where(eq(deals.id, deal!.id));
    const now = new Date(clock.now());
    await database.db.insert(trackedPosts).values(
      graph.accounts.slice(0, POSTS).map((a) => ({
        workspaceId,
        campaignId: campaign.id,
        dealId: deal!.id,
        platform: 'bluesky' as const,
        postRef: `at://${fake.did(a.index)}/app.bsky.feed.post/3kfake${a.index.toString(36)}p0`,
        url: `https://bsky.app/profile/${fake.handle(a.index)}`,
        authorId: fake.did(a.index),
        authorHandle: fake.handle(a.index),
        postedAt: new Date(now.getTime() - 3_600_000),
        status: 'tracking' as const,
        source: 'pasted' as const,
        nextPollAt: now,
      })),
    );
    const runtime = createTrackingRuntime(
      { blueskyAppviewUrl: fake.url, mastodonInstanceUrls: {}, mastodonSearchInstance: 'masto.test' },
      { clock },
    );
    const [load1] = loadavg();
    const startClock = clock.now();
    const startReal = performance.now();
    const counts = await pollDuePosts(database.db, runtime, { limit: POSTS, concurrency: 8 });
    const clockSeconds = (clock.now() - startClock) / 1000;
    const realSeconds = (performance.now() - startReal) / 1000;
    const requests = fake.stats.requests;
    const rate = requests / clockSeconds;
    const published = LIMIT / (WINDOW_MS / 1000);
    const busiest = busiestWindow(fake.stats.arrivals, WINDOW_MS);
    const late429 = Math.max(0, fake.stats.tooManyRequests - 1);
    // One window's allowance may go out at once; beyond it the average must stay at the limit.
    const allowed = (LIMIT + published * clockSeconds) / clockSeconds;
    const ok = counts.polled === POSTS && rate <= allowed && late429 === 0 && fake.stats.whileExhausted === 0;
    console.log(
      `\npolling part: ${POSTS} tracked posts, clock ×${SPEED}; load average ${load1!.toFixed(1)} on ${availableParallelism()} cores`,
    );
    console.log(`  polled ${counts.polled}, failed ${counts.failed}, deleted ${counts.deleted}`);
    console.log(
      `  ${requests} requests in ${clockSeconds.toFixed(0)} clock s (${realSeconds.toFixed(1)} real s)`,
    );
    console.log(
      `  ${rate.toFixed(2)} requests per clock second; published ${published.toFixed(2)}/s (${LIMIT} per ${WINDOW_MS / 1000} s), ceiling with one window's burst ${allowed.toFixed(2)}/s`,
    );
    console.log(
      `  busiest sliding ${WINDOW_MS / 1000} clock s: ${busiest} requests (the platform counts fixed windows of ${LIMIT})`,
    );
    console.log(
      `  429s: ${fake.stats.tooManyRequests} (after the first: ${late429}); sent while exhausted: ${fake.stats.whileExhausted}`,
    );
    console.log(
      `  floor: at or under the published limit, no 429 after the first — ${ok ? 'met' : 'MISSED'}`,
    );
    return { ok };
  } finally {
    await fake.close();
    await database.close();
  }
}
