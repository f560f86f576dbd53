/**
 * An imported niche without follower counts or profiles: what is unknown stays unknown in the
 * score, the leaderboard, the account panel's explanation and the exports.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Caller } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { testDatabaseKinds } from './support/database.ts';
import { openWorld, type World } from './support/world.ts';

// A small follower graph: "ana" is followed by most, "bo" and "cy" by a few, the rest by one or none.
const EDGES = `source,target
bo,ana
cy,ana
dee,ana
eli,ana
fay,ana
cy,bo
dee,bo
dee,cy
fay,eli
ana,gus
gus,hal
hal,ana
`;
// The file's own columns, and no follower counts, avatars, bios or account ages.
const ACCOUNTS = `id,views,language,partner
ana,9100,ru,True
bo,310,en,False
cy,55,ru,False
dee,12,de,False
eli,7,ru,False
fay,3,en,False
gus,80,ru,False
hal,40,en,False
`;

/** A CSV of plain cells (no quotes or commas inside), as header-keyed rows. */
function parseCsv(text: string) {
  const [head, ...lines] = text.trim().split('\n');
  const header = head.split(',');
  return {
    header,
    rows: lines.map((l) => Object.fromEntries(l.split(',').map((cell, i) => [header[i], cell]))),
  };
}

describe.each(testDatabaseKinds)('unknown data in an imported niche on %s', (kind) => {
  let world: World;
  let member: Caller;
  let api: Api;
  let nicheId = '';

  beforeAll(async () => {
    world = await openWorld(kind, { workers: true, prefix: 'unknown' });
    member = world.member;
    api = callerFor(world.database, member, { queue: world.queue });
    nicheId = (await api.niches.create({ name: 'Small import', platform: 'file' })).id;
    const form = new FormData();
    form.append('edges', new Blob([EDGES]), 'edges.csv');
    form.append('accounts', new Blob([ACCOUNTS]), 'accounts.csv');
    const response = await world.app.request(`/api/niches/${nicheId}/import`, {
      method: 'POST',
      headers: { cookie: member.cookie!, 'x-murmur-client': 'test' },
      body: form,
    });
    expect(response.status).toBe(200);
    const settled = await vi.waitFor(
      async () => {
        const niche = await api.niches.byId({ id: nicheId });
        if (niche.status !== 'ready' && niche.status !== 'failed') throw new Error(`still ${niche.status}`);
        return niche;
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(settled.lastError).toBeNull();
  }, 90_000);
  afterAll(() => world?.close());

  const download = async (query: string) => {
    const response = await world.app.request(`/api/niches/${nicheId}/export?${query}`, {
      headers: { cookie: member.cookie! },
    });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('shows unknown audience quality and followers as null, never 0, and offers the file columns', async () => {
    const board = await api.leaderboard.list({ nicheId, limit: 50 });
    expect(board.total).toBe(8);
    for (const row of board.rows) {
      expect(row.audienceQuality).toBeNull();
      expect(row.followers).toBeNull();
    }
    expect([...board.attributeKeys].sort()).toEqual(['language', 'partner', 'views']);
    const ana = board.rows.find((r) => r.handle === 'ana')!;
    expect(ana.attributes).toMatchObject({ views: 9100, language: 'ru' });
    expect(board.snapshot?.excluded).toMatchObject({
      platformFollowers: 'no-data',
      audienceQuality: 'no-data',
    });
  });

  it('leaves components without data out of the score and says so in the explanation', async () => {
    const board = await api.leaderboard.list({ nicheId, limit: 50 });
    const top = board.rows[0];
    expect(top.handle).toBe('ana');
    const account = await api.leaderboard.account({ nicheId, accountId: top.accountId });
    expect(account.profile.attributes).toMatchObject({ views: 9100, language: 'ru', partner: true });
    const row = (c: string) => account.explanation.find((e) => e.component === c)!;
    for (const c of ['platformFollowers', 'audienceQuality']) {
      expect(row(c)).toMatchObject({ excluded: 'no-data', weight: 0, contribution: 0, raw: null });
    }
    // Without an audience or follower counts every account has the same niche affinity.
    expect(row('nicheAffinity')).toMatchObject({ excluded: 'same-for-all', weight: 0, contribution: 0 });
    expect(row('pagerank').excluded).toBeNull();
    // The left-out weight is spread over the rest: weights add up to 1, contributions to the score.
    const counted = account.explanation.filter((e) => !e.excluded);
    expect(counted.reduce((s, e) => s + e.weight, 0)).toBeCloseTo(1, 6);
    expect(account.explanation.reduce((s, e) => s + e.contribution, 0)).toBeCloseTo(top.score, 3);
    // Ranked on what is known, the leader stands apart rather than tying with the next.
    expect(top.score).toBeGreaterThan(board.rows[1].score);
  });

  it('exports every leaderboard metric with the snapshot, matching the leaderboard, unknown as empty', async () => {
    const board = await api.leaderboard.list({ nicheId, limit: 50 });
    const csv = parseCsv(await download('format=csv&part=accounts'));
    // The file's own columns come first, in the order the database keeps them.
    expect(csv.header.slice(0, 2)).toEqual(['id', 'label']);
    expect(csv.header.slice(2, 5).sort()).toEqual(['language', 'partner', 'views']);
    expect(csv.header.slice(5)).toEqual([
      'handle',
      'rank',
      'score',
      'niche_followers',
      'followers_in_graph',
      'platform_followers',
      'reach',
      'pagerank',
      'hub',
      'authority',
      'betweenness',
      'coreness',
      'niche_affinity',
      'audience_quality',
      'engagement_rate',
      'community',
      'snapshot_id',
      'scored_at',
    ]);
    expect(csv.rows).toHaveLength(8);
    for (const r of board.rows) {
      const line = csv.rows.find((l) => l.id === r.handle)!;
      expect(Number(line.rank)).toBe(r.rank);
      expect(Number(line.score)).toBe(r.score);
      expect(Number(line.niche_followers)).toBe(r.nicheFollowers);
      expect(Number(line.reach)).toBe(r.reach);
      expect(Number(line.pagerank)).toBe(r.pagerank);
      expect(Number(line.hub)).toBe(r.hub);
      expect(Number(line.authority)).toBe(r.authority);
      expect(Number(line.betweenness)).toBe(r.betweenness);
      expect(Number(line.coreness)).toBe(r.coreness);
      expect(Number(line.niche_affinity)).toBe(r.nicheAffinity);
      expect(Number(line.community)).toBe(r.community);
      expect(line.platform_followers).toBe('');
      expect(line.audience_quality).toBe('');
      expect(line.engagement_rate).toBe('');
      expect(line.snapshot_id).toBe(board.snapshot!.id);
      expect(line.scored_at).toBe(board.snapshot!.createdAt);
    }
  });

  it('exports the metrics to GEXF as node attributes, leaving unknown ones out', async () => {
    const board = await api.leaderboard.list({ nicheId, limit: 50 });
    const gexf = await download('format=gexf');
    for (const title of ['rank', 'score', 'pagerank', 'betweenness', 'coreness', 'community', 'reach']) {
      expect(gexf).toContain(`title="${title}"`);
    }
    expect(gexf).not.toContain('title="audience_quality"');
    expect(gexf).not.toContain('title="platform_followers"');
    expect(gexf).toContain(board.snapshot!.id);
    const ana = board.rows.find((r) => r.handle === 'ana')!;
    const node = gexf.split('\n').find((l) => l.includes('<node id="ana"'))!;
    const pagerankId = gexf.match(/<attribute id="(\d+)" title="pagerank"/)![1];
    expect(node).toContain(`<attvalue for="${pagerankId}" value="${ana.pagerank}"/>`);
  });
});

describe('murmur help export', () => {
  it('says what each export part holds, metric by metric', async () => {
    const { execFile } = await import('node:child_process');
    const bin = new URL('../bin/murmur.js', import.meta.url).pathname;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [bin, 'help', 'export'], (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    for (const column of [
      'pagerank',
      'audience_quality',
      'snapshot_id',
      'scored_at',
      '--part accounts',
      'gexf',
    ])
      expect(stdout).toContain(column);
    expect(stdout).toContain('never 0');
  });
});
