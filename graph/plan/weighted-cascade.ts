import type { Csr } from '../build/csr.ts';
import type { InfluenceGraph } from './plan.types.ts';

export function weightedCascade(_csr: Csr): InfluenceGraph {
  throw new Error('not yet');
}

export function uniformCascade(_csr: Csr, _options: { probability?: number } = {}): InfluenceGraph {
  throw new Error('not yet');
}

export function influenceTransferList(_graph: InfluenceGraph): ArrayBuffer[] {
  throw new Error('not yet');
}
