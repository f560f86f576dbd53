import type { AccountId, CascadeMetrics, CascadeMetricsOptions, CascadeTree } from './cascade.types.ts';

export function cascadeMetrics<Id extends AccountId>(
  _tree: CascadeTree,
  _options: CascadeMetricsOptions<Id> = {},
): CascadeMetrics {
  throw new Error('murmur/graph/cascade/tree-metrics: not implemented yet');
}
