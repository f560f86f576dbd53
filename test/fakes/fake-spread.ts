/**
 * What happened to the fake accounts' posts after they went out: who reposted (and through whose
 * repost, Bluesky's `via`), quoted, replied and liked, and which posts were deleted. The fake
 * Bluesky and Mastodon servers read it on every request, so a test changes it between polls and
 * sees the platforms' counts and lists change, as a live post's do.
 *
 *   const spread = createFakeSpread();
 *   spread.on(hub, 0).reposts.push({ by: 5, at: '2026-03-01T10:05:00Z', via: 3 });
 *   spread.on(hub, 0).deleted = true;
 *   startFakeBluesky({ graph, spread });
 */

export type FakeEngagement = { by: number; at: string };
export type FakeRepost = FakeEngagement & { via?: number };
export type FakeReply = FakeEngagement & { text: string };

export type FakePostSpread = {
  reposts: FakeRepost[];
  quotes: FakeReply[];
  replies: FakeReply[];
  likes: FakeEngagement[];
  deleted: boolean;
};

export type FakeSpread = {
  /** The spread of account `author`'s post number `post`, created empty on first use. */
  on(author: number, post: number): FakePostSpread;
  /** The spread if any was recorded; a post without one keeps its generated counts. */
  get(author: number, post: number): FakePostSpread | undefined;
  /** Every recorded spread, for reverse lookups (who reposted what). */
  entries(): Array<{ author: number; post: number; spread: FakePostSpread }>;
};

export const createFakeSpread = (): FakeSpread => {
  const map = new Map<string, { author: number; post: number; spread: FakePostSpread }>();
  return {
    on(author, post) {
      const key = `${author}:${post}`;
      let entry = map.get(key);
      if (!entry) {
        entry = { author, post, spread: { reposts: [], quotes: [], replies: [], likes: [], deleted: false } };
        map.set(key, entry);
      }
      return entry.spread;
    },
    get: (author, post) => map.get(`${author}:${post}`)?.spread,
    entries: () => [...map.values()],
  };
};

/** The counts a platform reports for a post: the recorded spread's, else the generated ones. */
export const countsOf = (
  generated: { likes: number; reposts: number; replies: number; quotes: number },
  spread: FakePostSpread | undefined,
) =>
  spread
    ? {
        likes: spread.likes.length,
        reposts: spread.reposts.length,
        replies: spread.replies.length,
        quotes: spread.quotes.length,
      }
    : generated;
