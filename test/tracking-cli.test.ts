/**
 * `murmur track URL --deal ID` and `murmur report --campaign NAME --format csv|json`, run as a
 * user runs them, on an embedded data folder, against the loopback Bluesky.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../server/cli/main.ts';
import { loadConfig } from '../server/config.ts';
import { openConfiguredDatabase } from '../server/db/open.ts';
import { type FakeBluesky, startFakeBluesky } from './fakes/bluesky-server.ts';
import { buildFakeGraph } from './fakes/fake-graph.ts';
import { createTestApp, userInWorkspace } from './support/app.ts';
import { callerFor } from './support/caller.ts';
import { migratedDataDir } from './support/templates.ts';

const graph = buildFakeGraph({
  edges: [...Array.from({ length: 5 }, (_, i) => [`fan${i}`, 'star'] as [string, string]), ['fan0', 'fan1']],
});

describe('murmur track and murmur report', () => {
  const dataDir = migratedDataDir('murmur-track-cli-');
  let server: FakeBluesky;
  let dealId = '';
  const star = graph.byName.get('userstar')!;

  /** The `murmur` command in this process (the process boundary is test/cli.test.ts's subject). */
  async function murmur(args: string[]) {
    const saved = { ...process.env };
    Object.assign(process.env, { DATA_DIR: dataDir, LOG_LEVEL: 'warn', BLUESKY_APPVIEW_URL: server.url });
    delete process.env.DATABASE_URL;
    let stdout = '';
    let stderr = '';
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string) => {
      stdout += chunk;
      return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => {
      stderr += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      const code = await main(args);
      return { code, stdout, stderr };
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
      process.env = saved;
    }
  }

  beforeAll(async () => {
    server = await startFakeBluesky({ graph, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    server.spread
      .on(star, 0)
      .reposts.push({ by: graph.byName.get('userfan0')!, at: graph.accounts[star]!.posts[0]!.createdAt });
    // Set up the workspace, campaign and deal through the API, then hand the folder to the CLI.
    const database = await openConfiguredDatabase(loadConfig({ DATA_DIR: dataDir }));
    try {
      const app = createTestApp(database);
      const mia = callerFor(
        database,
        await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' }),
      );
      const campaign = await mia.campaigns.create({ name: 'Star Launch', currency: 'EUR' });
      const contact = await mia.contacts.create({
        name: 'Star',
        socialAccounts: [{ platform: 'bluesky', handle: server.handle(star) }],
      });
      await mia.deals.create({ campaignId: campaign.id, contactIds: [contact.id] });
      dealId = (await mia.deals.list({ campaignId: campaign.id }))[0]!.id;
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tracks a pasted post and reports the campaign as CSV and JSON', async () => {
    const url = `https://bsky.app/profile/${server.handle(star)}/post/3kfake${star.toString(36)}p0`;
    const tracked = await murmur(['track', url, '--deal', dealId]);
    expect(tracked.stderr).not.toMatch(/Warning/);
    expect(tracked.stdout).toMatch(new RegExp(`Tracking .* by ${server.handle(star)}`));
    expect(tracked.code).toBe(0);

    const csv = await murmur(['report', '--campaign', 'star launch', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const [header, line] = csv.stdout.trim().split('\r\n');
    expect(header).toMatch(/^influencer,platform,url/);
    expect(line).toMatch(/^Star,bluesky,https:\/\/bsky\.app/);

    const json = JSON.parse(
      (await murmur(['report', '--campaign', 'Star Launch', '--format', 'json'])).stdout,
    );
    expect(json.totals).toMatchObject({ posts: 1, directReach: 5 });
    expect(json.posts[0].cascade.size).toBe(2);

    const missing = await murmur(['report', '--campaign', 'Nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/No campaign named "Nope"/);
    const usage = await murmur(['track', url]);
    expect(usage.stderr).toMatch(/Usage: murmur track URL --deal/);
    expect(usage.code).toBe(2);
  });
});
