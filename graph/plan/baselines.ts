import type {
  BaselineOptions,
  BaselineResult,
  CurveOptions,
  CurvePoint,
  InfluenceGraph,
  SpreadEstimate,
} from './plan.types.ts';

export function estimateSpread(
  _graph: InfluenceGraph,
  _seeds: ArrayLike<number>,
  _options: { rrSets?: number; seed?: number; signal?: AbortSignal } = {},
): SpreadEstimate {
  throw new Error('not yet');
}

export function spreadCurve(_graph: InfluenceGraph, _options: CurveOptions): CurvePoint[] {
  throw new Error('not yet');
}

export function rankingBaseline(
  _graph: InfluenceGraph,
  _ranking: ArrayLike<number>,
  _options: BaselineOptions,
): BaselineResult {
  throw new Error('not yet');
}
