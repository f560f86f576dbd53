import type { InfluenceGraph, RRCollection } from './plan.types.ts';

export function emptyRRCollection(_nodeCount: number, _sets = 1024, _nodes = 4096): RRCollection {
  throw new Error('not yet');
}

export function sampleRRSets(
  _graph: InfluenceGraph,
  _count: number,
  _seed: number,
  _into?: RRCollection,
): RRCollection {
  throw new Error('not yet');
}

export function countCoveredRRSets(
  _graph: InfluenceGraph,
  _count: number,
  _seed: number,
  _inSet: Uint8Array,
): number {
  throw new Error('not yet');
}

export function appendRRSets(_into: RRCollection, _from: RRCollection): RRCollection {
  throw new Error('not yet');
}

export function rrTransferList(_rr: RRCollection): ArrayBuffer[] {
  throw new Error('not yet');
}
