import type { AccountId, Cascade, ReconstructInput, ReconstructOptions } from './cascade.types.ts';

export function reconstructCascade<Id extends AccountId>(
  _input: ReconstructInput<Id>,
  _options: ReconstructOptions<Id> = {},
): Cascade<Id> {
  throw new Error('murmur/graph/cascade/reconstruct: not implemented yet');
}
