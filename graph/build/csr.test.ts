import { describe, expect, it } from 'vitest';
import { buildCsr, GraphError, transferList, undirectedView } from '../index.ts';

const edges = (pairs: [number, number][]) => ({
  sources: Int32Array.from(pairs, (p) => p[0]),
  targets: Int32Array.from(pairs, (p) => p[1]),
});

describe('buildCsr', () => {
  it('lists whom each account follows and its followers, sorted', () => {
    const { sources, targets } = edges([
      [2, 0],
      [1, 0],
      [0, 2],
      [1, 2],
    ]);
    const csr = buildCsr(3, sources, targets);
    expect(Array.from(csr.outTargets.subarray(csr.outOffsets[1], csr.outOffsets[2]))).toEqual([0, 2]);
    expect(Array.from(csr.inSources.subarray(csr.inOffsets[0], csr.inOffsets[1]))).toEqual([1, 2]);
    expect(csr.edgeCount).toBe(4);
  });

  it('merges duplicate follows and drops self-loops, counting both', () => {
    const { sources, targets } = edges([
      [0, 1],
      [0, 1],
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    const csr = buildCsr(2, sources, targets);
    expect(csr.edgeCount).toBe(2);
    expect(csr.duplicateEdges).toBe(2);
    expect(csr.selfLoops).toBe(1);
  });

  it('handles the empty graph and a single isolated account', () => {
    expect(buildCsr(0, new Int32Array(0), new Int32Array(0)).edgeCount).toBe(0);
    const single = buildCsr(1, new Int32Array(0), new Int32Array(0));
    expect(Array.from(single.inOffsets)).toEqual([0, 0]);
  });

  it('rejects unknown node ids and mismatched arrays with typed errors', () => {
    const bad = () => buildCsr(2, Int32Array.of(0), Int32Array.of(5));
    expect(bad).toThrow(GraphError);
    expect(bad).toThrow(/targets\[0\] = 5 is not a node/);
    try {
      buildCsr(2, Int32Array.of(0, 1), Int32Array.of(1));
    } catch (error) {
      expect((error as GraphError).code).toBe('length-mismatch');
    }
    expect(() => buildCsr(-1, new Int32Array(0), new Int32Array(0))).toThrow(/nodeCount/);
  });

  it('survives structured cloning with its buffers transferred', () => {
    const { sources, targets } = edges([
      [0, 1],
      [1, 2],
    ]);
    const csr = buildCsr(3, sources, targets);
    const copy = structuredClone(csr, { transfer: transferList(buildCsr(3, sources, targets)) });
    expect(copy).toEqual(csr);
  });

  it('sees a mutual follow as one undirected edge', () => {
    const { sources, targets } = edges([
      [0, 1],
      [1, 0],
      [1, 2],
    ]);
    const und = undirectedView(buildCsr(3, sources, targets));
    expect(und.edgeCount).toBe(2);
    expect(Array.from(und.neighbors.subarray(und.offsets[1], und.offsets[2]))).toEqual([0, 2]);
  });
});
