import { describe, expect, it } from 'vitest';
import { buildCsr, GraphError, type ReshareInput, reconstructCascade, seededRng } from '../index.ts';

/** A small follow graph: `ann: ['inf']` means ann follows inf. */
const followGraph: Record<string, string[]> = {
  ann: ['inf'],
  bob: ['ann', 'cat'],
  cat: [],
  dan: ['cat', 'bob', 'inf'],
  eve: ['zed'],
  fay: ['cat', 'bob'],
};
const following = (account: string) => followGraph[account];
const follows = (a: string, b: string) => followGraph[a]?.includes(b) ?? false;
const root = { account: 'inf', time: 1000 };

function view(
  reshares: ReshareInput[],
  extra: Partial<Parameters<typeof reconstructCascade<string>>[0]> = {},
) {
  const c = reconstructCascade({ root, reshares, following, ...extra });
  return c.accounts.map((a, i) => ({
    account: a,
    parent: c.parent[i] < 0 ? null : c.accounts[c.parent[i]],
    depth: c.depth[i],
    how: c.attribution[i],
    unknown: c.followsUnknown[i] === 1,
  }));
}

describe('cascade reconstruction', () => {
  it('attributes each reshare to the earliest earlier sharer the resharer follows, else the root', () => {
    const tree = view([
      { account: 'dan', time: 1400 },
      { account: 'ann', time: 1100 },
      { account: 'cat', time: 1200 },
      { account: 'bob', time: 1300 },
    ]);
    expect(tree).toEqual([
      { account: 'inf', parent: null, depth: 0, how: 'root', unknown: false },
      { account: 'ann', parent: 'inf', depth: 1, how: 'followed', unknown: false },
      // cat follows nobody: it saw the post some other way, so it hangs off the root.
      { account: 'cat', parent: 'inf', depth: 1, how: 'fallback', unknown: false },
      // bob follows ann (1100) and cat (1200): the earliest wins.
      { account: 'bob', parent: 'ann', depth: 2, how: 'followed', unknown: false },
      // dan follows cat, bob and the influencer: the root is the earliest sharer of all.
      { account: 'dan', parent: 'inf', depth: 1, how: 'followed', unknown: false },
    ]);
  });

  it('gives the same tree from the follows predicate as from the adjacency', () => {
    const reshares = [
      { account: 'ann', time: 1100 },
      { account: 'cat', time: 1200 },
      { account: 'bob', time: 1300 },
      { account: 'dan', time: 1400 },
    ];
    const a = reconstructCascade({ root, reshares, following });
    const b = reconstructCascade({ root, reshares, follows });
    expect(b.parent).toEqual(a.parent);
    expect(b.attribution).toEqual(a.attribution);
  });

  it("with rule 'latest', attributes to the most recent earlier sharer followed instead", () => {
    const reshares = [
      { account: 'ann', time: 1100 },
      { account: 'cat', time: 1200 },
      { account: 'bob', time: 1300 },
      { account: 'dan', time: 1400 },
    ];
    for (const lookup of [{ following }, { follows }]) {
      const c = reconstructCascade({ root, reshares, ...lookup }, { rule: 'latest' });
      // bob follows ann and cat: cat is more recent; dan follows cat, bob and inf: bob is.
      expect(c.parent[3]).toBe(2);
      expect(c.accounts[c.parent[4]]).toBe('bob');
      expect(c.depth[4]).toBe(3);
    }
  });

  it("lets a Bluesky repost's via win when it points to an earlier sharer, and ignores it otherwise", () => {
    const c = reconstructCascade({
      root,
      reshares: [
        { account: 'ann', time: 1100 },
        { account: 'cat', time: 1200 },
        // bob follows ann, but the platform says he reposted cat's repost.
        { account: 'bob', time: 1300, via: 'cat' },
        // via a later sharer (clock skew or a bad reference) cannot be the parent.
        { account: 'dan', time: 1250, via: 'bob' },
        { account: 'eve', time: 1500, via: 'nobody-we-know' },
      ],
      following,
    });
    expect(c.accounts).toEqual(['inf', 'ann', 'cat', 'dan', 'bob', 'eve']);
    expect(Array.from(c.parent)).toEqual([-1, 0, 0, 0, 2, 0]);
    expect(c.attribution).toEqual(['root', 'followed', 'fallback', 'followed', 'via', 'fallback']);
    expect(c.counts).toMatchObject({ via: 1, followed: 2, fallback: 2, viaIgnored: 2 });
  });

  it('orders equal times by account, never by the order the platform listed them, and equal times cannot see each other', () => {
    const listed = [
      { account: 'cat', time: 1100 },
      { account: 'bob', time: 1100 },
      { account: 'fay', time: 1200 },
    ];
    const a = reconstructCascade({ root, reshares: listed, following });
    const b = reconstructCascade({ root, reshares: [...listed].reverse(), following });
    expect(a.accounts).toEqual(['inf', 'bob', 'cat', 'fay']);
    expect(b.accounts).toEqual(a.accounts);
    expect(b.parent).toEqual(a.parent);
    // bob follows cat, but they reshared at the same instant: bob falls back to the root.
    expect(a.attribution[1]).toBe('fallback');
    // fay follows cat and bob, both at 1100: the tie goes to the account that sorts first.
    expect(a.accounts[a.parent[3]]).toBe('bob');
  });

  it("keeps an account's first reshare only, and never lets the influencer reshare their own post", () => {
    const c = reconstructCascade({
      root,
      reshares: [
        { account: 'bob', time: 1500 },
        { account: 'ann', time: 1100 },
        { account: 'bob', time: 1300 },
        { account: 'inf', time: 1400 },
      ],
      following,
    });
    expect(c.accounts).toEqual(['inf', 'ann', 'bob']);
    expect(Array.from(c.times)).toEqual([1000, 1100, 1300]);
    expect(Array.from(c.source)).toEqual([-1, 1, 2]);
    expect(c.counts.duplicates).toBe(2);
  });

  it('flags resharers whose follows were not fetched, so a fallback to the root is not taken as fact', () => {
    const tree = view(
      [
        { account: 'ann', time: 1100 },
        { account: 'zoe', time: 1200 },
        { account: 'bob', time: 1300 },
      ],
      { followsKnown: (a) => a !== 'bob' },
    );
    expect(tree.map((n) => [n.account, n.parent, n.how, n.unknown])).toEqual([
      ['inf', null, 'root', false],
      ['ann', 'inf', 'followed', false],
      // zoe is not in the follow data at all: `following` returns undefined.
      ['zoe', 'inf', 'fallback', true],
      // bob's list is partial (the caller says so), but it still shows he follows ann.
      ['bob', 'ann', 'followed', true],
    ]);
  });

  it('keeps reshares timed before the post and attributes them to the root', () => {
    const c = reconstructCascade({ root, reshares: [{ account: 'ann', time: 900 }], following });
    expect(Array.from(c.parent)).toEqual([-1, 0]);
    expect(c.counts.beforeRoot).toBe(1);
  });

  it('gives the same tree from a typed-array graph, the adjacency callback and the predicate, for both rules', () => {
    const rng = seededRng(8);
    const n = 400;
    const from = Int32Array.from({ length: 4000 }, () => Math.floor(rng() * n));
    const to = Int32Array.from({ length: 4000 }, () => Math.floor(rng() * n));
    const csr = buildCsr(n, from, to);
    const out = (a: number) => csr.outTargets.subarray(csr.outOffsets[a], csr.outOffsets[a + 1]);
    // Coarse times so ties happen; some duplicates and a few via references.
    const reshares = Array.from({ length: 300 }, () => ({
      account: 1 + Math.floor(rng() * (n - 1)),
      time: Math.floor(rng() * 50),
      via: rng() < 0.1 ? Math.floor(rng() * n) : undefined,
    }));
    for (const rule of ['earliest', 'latest'] as const) {
      const input = { root: { account: 0, time: 0 }, reshares };
      const typed = reconstructCascade({ ...input, graph: csr }, { rule });
      const callback = reconstructCascade({ ...input, following: out }, { rule });
      const predicate = reconstructCascade({ ...input, follows: (a, b) => out(a).includes(b) }, { rule });
      for (const other of [callback, predicate]) {
        expect(other.accounts).toEqual(typed.accounts);
        expect(other.parent).toEqual(typed.parent);
        expect(other.attribution).toEqual(typed.attribution);
      }
      expect(typed.counts.duplicates).toBeGreaterThan(0);
    }
    expect(() =>
      reconstructCascade({ root: { account: 0, time: 0 }, reshares: [{ account: n, time: 1 }], graph: csr }),
    ).toThrow(/unknown node/);
  });

  it('refuses input it cannot order', () => {
    expect(() =>
      reconstructCascade({ root, reshares: [{ account: 'ann', time: Number.NaN }], following }),
    ).toThrow(GraphError);
    expect(() => reconstructCascade({ root, reshares: [] })).toThrow(/following/);
  });
});
