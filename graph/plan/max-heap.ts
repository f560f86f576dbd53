/**
 * Murmur graph/plan/max-heap
 * ==========================
 *
 * Binary max-heap of (key, node) on typed arrays for lazy greedy (CELF,
 * Leskovec et al., KDD 2007, "Cost-effective outbreak detection in
 * networks"). Ties go to the lower node index, so picks are deterministic.
 */
export class MaxHeap {
  private keys: Float64Array;
  private items: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.items = new Int32Array(Math.max(1, capacity));
  }

  private above(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka > kb || (ka === kb && this.items[a] < this.items[b]);
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a];
    this.keys[a] = this.keys[b];
    this.keys[b] = k;
    const t = this.items[a];
    this.items[a] = this.items[b];
    this.items[b] = t;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const items = new Int32Array(this.size * 2);
      items.set(this.items);
      this.items = items;
    }
    let i = this.size++;
    this.keys[i] = key;
    this.items[i] = node;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  topKey(): number {
    return this.keys[0];
  }

  topNode(): number {
    return this.items[0];
  }

  pop(): void {
    this.size--;
    if (this.size === 0) return;
    this.keys[0] = this.keys[this.size];
    this.items[0] = this.items[this.size];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < this.size && this.above(l, best)) best = l;
      if (r < this.size && this.above(r, best)) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }
}
