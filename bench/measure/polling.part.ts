/**
 * ============================================================================
 * POLLING PART — placeholder for branch i12-app (owner: i12-app).
 * ============================================================================
 * Replace this file: poll 1,000 tracked posts against the loopback Bluesky /
 * Mastodon servers through the shared polite fetcher and per-host limiter,
 * print requests/s against the published rate limit and the 429 count (floor:
 * at or under the limit, zero 429s after the first), and return `ok`.
 * measure.bench.ts already calls `runPollingBench()` after the reconstruct part.
 */
export type PollingBenchResult = { ok: boolean; skipped?: string };

export async function runPollingBench(): Promise<PollingBenchResult> {
  console.log('\npolling part: not built yet (branch i12-app adds it in bench/measure/polling.part.ts)');
  return { ok: true, skipped: 'not built yet' };
}
