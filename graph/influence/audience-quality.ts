/**
 * Murmur graph/influence/audience-quality
 * =======================================
 *
 * Share of an account's followers that look authentic, from profile
 * attributes only. Each follower gets a suspicion score: the weighted share
 * of the known red flags it raises, after the rule sets evaluated by Cresci
 * et al. 2015 ("Fame for sale: efficient detection of fake Twitter
 * followers"): no posts, mass following (follows many, followed by few),
 * a very young account, no avatar, no bio. A follower with suspicion at or
 * above `threshold` counts as inauthentic; quality = 1 - inauthentic share
 * over followers with at least one known attribute (NaN when none is known).
 *
 * Limits: these are heuristics. Real but passive accounts (lurkers) raise the
 * same flags, bought followers can be given avatars and bios, and the
 * thresholds differ between platforms. It ranks audiences; it does not prove
 * fraud. `hasAvatar` / `hasBio` use 1 = yes, 0 = no, any other value = unknown.
 */
import type { Csr } from '../build/csr.ts';

export type ProfileAttributes = {
  postsCount?: Float64Array;
  followsCount?: Float64Array;
  followersCount?: Float64Array;
  accountAgeDays?: Float64Array;
  hasAvatar?: Uint8Array;
  hasBio?: Uint8Array;
};

export type AudienceQualityOptions = {
  /** Fewer posts than this is a flag. */
  minPosts?: number;
  /** follows / followers at or above this, with at least `massFollowMin` follows, is a flag. */
  massFollowRatio?: number;
  massFollowMin?: number;
  /** Younger than this many days is a flag. */
  minAgeDays?: number;
  threshold?: number;
  flagWeights?: { noPosts?: number; massFollow?: number; young?: number; noAvatar?: number; noBio?: number };
};

export type AudienceQualityResult = {
  /** 0..1 per account, NaN when no follower has a known attribute. */
  quality: Float64Array;
  /** Suspicion of each account as a follower, 0..1, NaN when nothing is known. */
  suspicion: Float64Array;
  inauthenticFollowers: Float64Array;
  ratedFollowers: Float64Array;
};

export const AUDIENCE_QUALITY_DEFAULTS = {
  minPosts: 3,
  massFollowRatio: 20,
  massFollowMin: 100,
  minAgeDays: 30,
  threshold: 0.5,
  flagWeights: { noPosts: 1.5, massFollow: 1.5, young: 1, noAvatar: 1, noBio: 0.5 },
};

/**
 * Suspicion score of each account from its own profile, 0..1 (NaN = nothing known).
 *
 * @example
 * profileSuspicion(n, { postsCount, hasAvatar })[7]; // 1 = every known flag raised
 */
export function profileSuspicion(
  nodeCount: number,
  profile: ProfileAttributes,
  options: AudienceQualityOptions = {},
) {
  const o = { ...AUDIENCE_QUALITY_DEFAULTS, ...options };
  const w = { ...AUDIENCE_QUALITY_DEFAULTS.flagWeights, ...options.flagWeights };
  const suspicion = new Float64Array(nodeCount);
  const { postsCount, followsCount, followersCount, accountAgeDays, hasAvatar, hasBio } = profile;
  for (let v = 0; v < nodeCount; v++) {
    let flagged = 0;
    let known = 0;
    const posts = postsCount ? postsCount[v] : Number.NaN;
    if (Number.isFinite(posts)) {
      known += w.noPosts;
      if (posts < o.minPosts) flagged += w.noPosts;
    }
    const follows = followsCount ? followsCount[v] : Number.NaN;
    const followers = followersCount ? followersCount[v] : Number.NaN;
    if (Number.isFinite(follows) && Number.isFinite(followers)) {
      known += w.massFollow;
      if (follows >= o.massFollowMin && follows / Math.max(1, followers) >= o.massFollowRatio)
        flagged += w.massFollow;
    }
    const age = accountAgeDays ? accountAgeDays[v] : Number.NaN;
    if (Number.isFinite(age)) {
      known += w.young;
      if (age < o.minAgeDays) flagged += w.young;
    }
    if (hasAvatar && hasAvatar[v] <= 1) {
      known += w.noAvatar;
      if (hasAvatar[v] === 0) flagged += w.noAvatar;
    }
    if (hasBio && hasBio[v] <= 1) {
      known += w.noBio;
      if (hasBio[v] === 0) flagged += w.noBio;
    }
    suspicion[v] = known > 0 ? flagged / known : Number.NaN;
  }
  return suspicion;
}

/**
 * @example
 * const { quality } = audienceQuality(csr, { postsCount, hasAvatar });
 */
export function audienceQuality(
  csr: Csr,
  profile: ProfileAttributes,
  options: AudienceQualityOptions = {},
): AudienceQualityResult {
  const n = csr.nodeCount;
  const threshold = options.threshold ?? AUDIENCE_QUALITY_DEFAULTS.threshold;
  const suspicion = profileSuspicion(n, profile, options);
  const quality = new Float64Array(n);
  const inauthenticFollowers = new Float64Array(n);
  const ratedFollowers = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let rated = 0;
    let bad = 0;
    for (let i = csr.inOffsets[v]; i < csr.inOffsets[v + 1]; i++) {
      const s = suspicion[csr.inSources[i]];
      if (Number.isNaN(s)) continue;
      rated++;
      if (s >= threshold) bad++;
    }
    ratedFollowers[v] = rated;
    inauthenticFollowers[v] = bad;
    quality[v] = rated > 0 ? 1 - bad / rated : Number.NaN;
  }
  return { quality, suspicion, inauthenticFollowers, ratedFollowers };
}
