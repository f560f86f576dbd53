import type { Csr } from '../build/csr.ts';
import type { InfluenceGraph, PropagationAction } from './plan.types.ts';

export function learnedCascade(
  _csr: Csr,
  _cascades: ReadonlyArray<ReadonlyArray<PropagationAction>>,
  _options: { priorWeight?: number } = {},
): InfluenceGraph {
  throw new Error('not yet');
}
