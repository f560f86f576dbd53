/**
 * Murmur graph/influence/niche-affinity
 * =====================================
 *
 * How concentrated an account's audience is inside the niche, against its
 * overall popularity. Affinity is the share of the account's followers that
 * belong to the niche audience, shrunk towards the niche-wide share:
 *
 *   affinity(v) = (nicheFollowers(v) + k * b) / (popularity(v) + k)
 *
 * where popularity is the follower count the platform reports (or the
 * in-graph follower count when unknown or smaller), b is the niche-wide share
 * (sum of niche followers / sum of popularity) and k (`priorStrength`) is a
 * pseudo-count, so an account with 2 of 2 followers in the niche does not
 * outrank one with 2,000 of 5,000. This is the lift of association rules
 * (Brin, Motwani, Ullman & Tsur 1997) with an empirical-Bayes prior, and the
 * same idea as inverse document frequency (Sparck Jones 1972): what everyone
 * follows says little about a niche, so a celebrity with 10,000 niche
 * followers out of 50 million scores far below a blogger with 2,000 of 5,000.
 */
import type { Csr } from '../build/csr.ts';

export type NicheAffinityOptions = {
  /** 1 = member of the niche audience; absent = every account. */
  audience?: Uint8Array;
  /** Platform-reported follower counts, NaN = unknown. */
  platformFollowers?: Float64Array;
  priorStrength?: number;
};

export type NicheAffinityResult = {
  affinity: Float64Array;
  /** Followers of each account inside the niche audience. */
  nicheFollowers: Float64Array;
  /** Niche-wide share b that affinities are shrunk towards. */
  baseline: number;
};

export const NICHE_AFFINITY_DEFAULTS = { priorStrength: 20 };

function popularity(csr: Csr, platformFollowers: Float64Array | undefined, v: number): number {
  const inGraph = csr.inOffsets[v + 1] - csr.inOffsets[v];
  const reported = platformFollowers ? platformFollowers[v] : Number.NaN;
  return Number.isFinite(reported) && reported > inGraph ? reported : inGraph;
}

/**
 * @example
 * const { affinity } = nicheAffinity(csr, { audience, platformFollowers });
 */
export function nicheAffinity(csr: Csr, options: NicheAffinityOptions = {}): NicheAffinityResult {
  const { audience, platformFollowers } = options;
  const k = options.priorStrength ?? NICHE_AFFINITY_DEFAULTS.priorStrength;
  const n = csr.nodeCount;
  const nicheFollowers = new Float64Array(n);
  let totalNiche = 0;
  let totalPopularity = 0;
  for (let v = 0; v < n; v++) {
    let count = 0;
    if (audience) {
      for (let i = csr.inOffsets[v]; i < csr.inOffsets[v + 1]; i++)
        count += audience[csr.inSources[i]] ? 1 : 0;
    } else count = csr.inOffsets[v + 1] - csr.inOffsets[v];
    nicheFollowers[v] = count;
    totalNiche += count;
    totalPopularity += popularity(csr, platformFollowers, v);
  }
  const baseline = totalPopularity > 0 ? totalNiche / totalPopularity : 0;
  const affinity = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    affinity[v] = (nicheFollowers[v] + k * baseline) / (popularity(csr, platformFollowers, v) + k);
  }
  return { affinity, nicheFollowers, baseline };
}
