/**
 * Interning node ids into dense indices, fast for the common case of numeric ids: canonical
 * decimal ids (no sign, no leading zero, at most 15 digits) are parsed straight from the text
 * and looked up in a typed array (below 2^24) or a number-keyed Map, never sliced into strings.
 * Other ids are hashed where they stand in the text into an open-addressing table, so a lookup
 * allocates nothing; only a new id is copied out (as its own string, so it does not keep the
 * whole chunk it came from alive). An id is the same node whichever door it comes through:
 * `'123'` and the digits 1-2-3 inside a line share an index.
 *
 *   const index = createNodeIndex();
 *   index.fromText('12,34', 0, 2) === index.fromString('12') // 0
 *   index.ids() // ['12']
 */

export type NodeIndex = {
  fromString(id: string): number;
  /** The id in `text[start, end)`, spaces and tabs around it ignored. */
  fromText(text: string, start: number, end: number): number;
  readonly size: number;
  /** Ids in index order, as text. */
  ids(): string[];
};

const DENSE_LIMIT = 1 << 24;
const MAX_DIGITS = 15;

export const createNodeIndex = (): NodeIndex => {
  const raw: Array<string | number> = [];
  let dense = new Int32Array(1 << 16).fill(-1);
  const sparse = new Map<number, number>();
  let slots = new Int32Array(1 << 12); // 0: empty, else node index + 1
  let hashes = new Uint32Array(1 << 12); // by node index, for text ids
  let named = 0;

  const add = (id: string | number) => {
    raw.push(id);
    return raw.length - 1;
  };

  const byNumber = (n: number) => {
    if (n < DENSE_LIMIT) {
      if (n >= dense.length) {
        let size = dense.length;
        while (size <= n) size *= 2;
        const grown = new Int32Array(size).fill(-1);
        grown.set(dense);
        dense = grown;
      }
      let i = dense[n]!;
      if (i === -1) {
        i = add(n);
        dense[n] = i;
      }
      return i;
    }
    let i = sparse.get(n);
    if (i === undefined) {
      i = add(n);
      sparse.set(n, i);
    }
    return i;
  };

  const hashOf = (text: string, start: number, end: number) => {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    // FNV's low bits never see its high bits; the table indexes by low bits, so mix (murmur3 fmix32).
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };

  const sameText = (id: string, text: string, start: number, end: number) => {
    if (id.length !== end - start) return false;
    for (let k = 0; k < id.length; k += 1) if (id.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
    return true;
  };

  const place = (index: number) => {
    let slot = hashes[index]! & (slots.length - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (slots.length - 1);
    slots[slot] = index + 1;
  };

  const byText = (text: string, start: number, end: number) => {
    const hash = hashOf(text, start, end);
    const mask = slots.length - 1;
    for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const i = slots[slot]! - 1;
      if (hashes[i] === hash && sameText(raw[i] as string, text, start, end)) return i;
    }
    const cut = text.slice(start, end);
    // Long slices are views into the chunk; concatenating first makes a copy of their own.
    const index = add(cut.length < 13 ? cut : ` ${cut}`.slice(1));
    if (index >= hashes.length) {
      const grown = new Uint32Array(hashes.length * 2);
      grown.set(hashes);
      hashes = grown;
    }
    hashes[index] = hash;
    named += 1;
    if (named * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2);
      for (let i = 0; i < raw.length; i += 1) if (typeof raw[i] === 'string') place(i);
    } else place(index);
    return index;
  };

  /** The canonical number in text[start, end), or -1. */
  const canonical = (text: string, start: number, end: number) => {
    const length = end - start;
    if (length === 0 || length > MAX_DIGITS) return -1;
    if (length > 1 && text.charCodeAt(start) === 48) return -1;
    let n = 0;
    for (let i = start; i < end; i += 1) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return -1;
      n = n * 10 + digit;
    }
    return n;
  };

  return {
    get size() {
      return raw.length;
    },
    fromString(id) {
      const n = canonical(id, 0, id.length);
      return n >= 0 ? byNumber(n) : byText(id, 0, id.length);
    },
    fromText(text, start, end) {
      let s = start;
      let e = end;
      while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s += 1;
      while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e -= 1;
      const n = canonical(text, s, e);
      return n >= 0 ? byNumber(n) : byText(text, s, e);
    },
    ids: () => raw.map((id) => (typeof id === 'number' ? String(id) : id)),
  };
};
