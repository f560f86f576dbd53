export function wienerIndex(_parent: Int32Array): number {
  throw new Error('murmur/graph/cascade/structural-virality: not implemented yet');
}

export function structuralVirality(_parent: Int32Array): number | null {
  throw new Error('murmur/graph/cascade/structural-virality: not implemented yet');
}
