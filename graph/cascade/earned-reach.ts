import type { AccountId, EarnedReach, EarnedReachInput, EarnedReachOptions } from './cascade.types.ts';

export const EARNED_REACH_DEFAULTS = { exactLimit: 2_000_000, precision: 12, includeSharers: true };

export function earnedReach<Id extends AccountId>(
  _input: EarnedReachInput<Id>,
  _options: EarnedReachOptions<Id> = {},
): EarnedReach {
  throw new Error('murmur/graph/cascade/earned-reach: not implemented yet');
}
