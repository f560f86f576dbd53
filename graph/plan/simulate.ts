import type { InfluenceGraph, SimulateOptions, SpreadEstimate } from './plan.types.ts';

export function simulateSpread(
  _graph: InfluenceGraph,
  _seeds: ArrayLike<number>,
  _options: SimulateOptions = {},
): SpreadEstimate {
  throw new Error('not yet');
}
