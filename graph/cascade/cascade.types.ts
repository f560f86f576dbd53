/**
 * Murmur graph/cascade types
 * ==========================
 *
 * The shapes shared by cascade reconstruction, tree metrics and earned reach.
 * Accounts are whatever the caller uses as a key (a DID, a Mastodon account
 * id, a node index): anything that works as a `Map` key. Times are numbers in
 * one unit chosen by the caller (epoch milliseconds in the app); durations in
 * the results are in the same unit.
 */

export type AccountId = string | number;

/** The influencer's post: who posted it and when. */
export type CascadeRoot<Id extends AccountId = string> = { account: Id; time: number };

/**
 * One reshare as the platform reports it: every reshare is attributed to the
 * root post. `via` is the account whose reshare this one came through, when
 * the platform says so (a Bluesky repost's `via` record, resolved to its
 * author by the caller).
 */
export type ReshareInput<Id extends AccountId = string> = { account: Id; time: number; via?: Id | null };

/** Does `follower` follow `followee`? */
export type FollowsPredicate<Id extends AccountId = string> = (follower: Id, followee: Id) => boolean;

/** The accounts `account` follows, or `undefined` when its follow list is not known. */
export type FollowingLookup<Id extends AccountId = string> = (account: Id) => Iterable<Id> | undefined;

export type ReconstructInput<Id extends AccountId = string> = {
  root: CascadeRoot<Id>;
  reshares: readonly ReshareInput<Id>[];
  /**
   * Typed-array adjacency for accounts that are node indices of a follower
   * graph (a `Csr` fits): `outTargets[outOffsets[v] .. outOffsets[v + 1])` are
   * the accounts v follows. Fastest path; takes precedence over `following`
   * and `follows`, and every list counts as known unless `followsKnown` says not.
   */
  graph?: { nodeCount: number; outOffsets: Int32Array; outTargets: Int32Array };
  /**
   * Adjacency: whom a resharer follows. Preferred on large cascades (cost is
   * the resharers' follow counts). Returning `undefined` marks the resharer's
   * follows as unknown.
   */
  following?: FollowingLookup<Id>;
  /** Predicate form, used when `following` is absent (cost up to sharers² / 2 calls). */
  follows?: FollowsPredicate<Id>;
  /** Whose follow lists the caller actually knows; absent = everyone's (or whatever `following` returns). */
  followsKnown?: (account: Id) => boolean;
};

export type ReconstructOptions<Id extends AccountId = string> = {
  /**
   * Which earlier followed sharer becomes the parent: the `earliest` (the
   * rule the issue specifies, default) or the `latest`, i.e. the most recent
   * exposure before the reshare. See cascade/README.md for how each recovers
   * simulated ground truth.
   */
  rule?: 'earliest' | 'latest';
  /**
   * Orders reshares with equal times, so the result never depends on the
   * order the platform listed them in. Default: numbers ascending, strings by
   * code unit.
   */
  compareAccounts?: (a: Id, b: Id) => number;
};

/**
 * How a node got its parent:
 * - `root`: the influencer's post itself (node 0);
 * - `via`: the platform named the reshare it came through, and that reshare is earlier;
 * - `followed`: the earliest (or, with `rule: 'latest'`, the latest) earlier sharer the resharer follows;
 * - `fallback`: no earlier sharer is followed (or follows are unknown), attributed to the root.
 */
export type Attribution = 'root' | 'via' | 'followed' | 'fallback';

/**
 * A reconstructed cascade tree. Node 0 is the root; nodes are in time order
 * (ties by `compareAccounts`), so `parent[i] < i` for every reshare.
 */
export type Cascade<Id extends AccountId = string> = {
  /** Nodes including the root. */
  size: number;
  accounts: Id[];
  times: Float64Array;
  /** Parent node index, -1 for the root. */
  parent: Int32Array;
  /** Hops from the root (root 0). */
  depth: Int32Array;
  attribution: Attribution[];
  /** 1 when the resharer's follows were unknown, so a `fallback` may hide a real parent. */
  followsUnknown: Uint8Array;
  /** Index into the input `reshares` of each node; -1 for the root. */
  source: Int32Array;
  counts: {
    via: number;
    followed: number;
    fallback: number;
    followsUnknown: number;
    /** Later reshares by an account that already reshared (or by the root's account), dropped. */
    duplicates: number;
    /** `via` present but not usable (not a sharer, or not earlier); the node was attributed otherwise. */
    viaIgnored: number;
    /** Reshares timed before the root post (clock skew); kept, attributed to the root unless `via` names an earlier one. */
    beforeRoot: number;
  };
};

/** The minimum a tree needs for the metrics: a parent array (root = -1) and, optionally, times. */
export type CascadeTree = { parent: Int32Array; times?: Float64Array };

export type CascadeMetricsOptions<Id extends AccountId = string> = {
  /** Account of each node, needed with `influencerFollowers`. */
  accounts?: readonly Id[];
  /**
   * The influencer's followers. When given, word of mouth = reshares by
   * accounts outside this set; otherwise reshares whose parent is not the root.
   */
  influencerFollowers?: { has(account: Id): boolean };
};

export type CascadeMetrics = {
  /** Nodes including the root. */
  size: number;
  /** Nodes excluding the root. */
  reshares: number;
  /** Largest hop count from the root. */
  depth: number;
  /** Largest number of nodes on one level below the root, and that level. */
  maxBreadth: number;
  maxBreadthDepth: number;
  /** Goel et al. 2016: mean distance over all pairs of nodes; null below 2 nodes. */
  structuralVirality: number | null;
  /** Time after the root post until half of the reshares had happened; null without reshares or times. */
  timeToHalf: number | null;
  wordOfMouth: {
    /** Reshares counted as word of mouth. */
    count: number;
    /** count / reshares; null without reshares. */
    share: number | null;
    /** 'followers': outside the influencer's followers; 'tree': parent is not the root. */
    basis: 'followers' | 'tree';
  };
};

/** One sharer's audience: the follower list when fetched, else only the count the platform shows. */
export type SharerAudience<Id extends AccountId = string> = {
  account: Id;
  followers?: Iterable<Id>;
  followerCount?: number;
};

export type EarnedReachInput<Id extends AccountId = string> = {
  influencer: Id;
  /** The direct audience, subtracted exactly. */
  influencerFollowers: { has(account: Id): boolean };
  sharers: readonly SharerAudience<Id>[];
};

/**
 * One post for `earnedReachUnion`: its author and their followers (the direct audience), and
 * who reshared it. `influencerFollowers` absent means the author's follower list is not known;
 * `influencerFollowerCount` then bounds how many counted accounts may really be direct audience.
 */
export type ReachPost<Id extends AccountId = string> = {
  influencer: Id;
  influencerFollowers?: { has(account: Id): boolean };
  influencerFollowerCount?: number | null;
  sharers: readonly SharerAudience<Id>[];
};

/** Earned reach over several posts, with what is unknown about their direct audiences. */
export type EarnedReachUnion = EarnedReach & {
  /** Distinct sharers over all posts (an account that reshared two posts is one sharer). */
  sharers: number;
  directUnknown: {
    /** Authors whose follower lists are unknown, so their audience could not be subtracted. */
    influencers: number;
    /** Sum of their follower counts, subtracted from `low`; null when a count is missing too. */
    followerCountSum: number | null;
  };
};

export type EarnedReachOptions<Id extends AccountId = string> = {
  /** Count distinct accounts exactly up to this many; beyond, switch to a HyperLogLog sketch. */
  exactLimit?: number;
  /** HyperLogLog precision p (2^p registers), 4..16. */
  precision?: number;
  /** Count the sharers themselves as reached (they saw the post). */
  includeSharers?: boolean;
  /**
   * Accounts are integers 0..nodeCount-1 (graph node indices): count exactly
   * with a bitmap of nodeCount bytes instead of a set (`exactLimit` unused).
   */
  nodeCount?: number;
  /** 32-bit hash of an account for the sketch; default hashes numbers and strings. */
  hash?: (account: Id) => number;
};

export type EarnedReach = {
  /** Best estimate: counted + extrapolated. */
  value: number;
  /** 'exact' only when every sharer's list was known and counted exactly. */
  kind: 'exact' | 'estimate';
  /**
   * Honest range: the counted part ± 2 standard errors, plus 0..followerCountSum
   * for sharers whose lists are unknown. `high` is null (unbounded) when some
   * sharer has neither a follower list nor a follower count.
   */
  low: number;
  high: number | null;
  /** Relative standard error of `value` when only the sketch is uncertain; null when lists are missing (no error model). */
  standardError: number | null;
  /** Accounts counted from known follower lists. */
  counted: {
    value: number;
    method: 'exact' | 'hyperloglog';
    /** Relative standard error of the sketch (0 when exact). */
    standardError: number;
    sharers: number;
  };
  /** Sharers whose follower lists were not fetched. */
  uncounted: {
    sharers: number;
    /** Sum of their platform follower counts (upper bound on what they add); unknown counts add 0. */
    followerCountSum: number;
    /** Sharers with neither a list nor a count. */
    withoutCount: number;
    /**
     * followerCountSum × the share of list entries that were new (outside the
     * direct audience and not yet counted) in the known lists; 1 when no list is known.
     */
    noveltyRate: number;
    extrapolated: number;
  };
};

export type IndependentCascadeOptions = {
  rng: () => number;
  /** Activation probability per follow edge, or 'weighted-cascade' (1 / accounts the follower follows). */
  probability?: number | 'weighted-cascade';
  /** Stop once this many nodes (root included) are active. */
  maxSize?: number;
  /** Mean of the exponential delay between a share and a follower's reshare. */
  meanDelay?: number;
  startTime?: number;
};

/** A simulated spread: the truth the reconstruction is measured against. Node 0 is the root. */
export type SimulatedCascade = {
  /** Graph node of each cascade node, in activation order. */
  accounts: Int32Array;
  times: Float64Array;
  /** True parent (cascade node index), -1 for the root. */
  parent: Int32Array;
};
