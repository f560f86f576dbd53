import type { Csr } from '../build/csr.ts';
import type { IndependentCascadeOptions, SimulatedCascade } from './cascade.types.ts';

export const INDEPENDENT_CASCADE_DEFAULTS = {
  probability: 'weighted-cascade' as number | 'weighted-cascade',
  maxSize: Number.POSITIVE_INFINITY,
  meanDelay: 3_600_000,
  startTime: 0,
};

export function simulateIndependentCascade(
  _csr: Csr,
  _root: number,
  _options: IndependentCascadeOptions,
): SimulatedCascade {
  throw new Error('murmur/graph/cascade/independent-cascade: not implemented yet');
}
