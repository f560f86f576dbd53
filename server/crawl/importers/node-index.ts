/**
 * Interning node ids into dense indices, fast for the common case of numeric ids: canonical
 * decimal ids (no sign, no leading zero, at most 15 digits) are parsed straight from the text
 * and looked up in a typed array (below 2^24) or a number-keyed Map, never sliced into strings.
 * Everything else goes through a string-keyed Map. An id is the same node whichever door it
 * comes through: `'123'` and the digits 1-2-3 inside a line share an index.
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
  const named = new Map<string, number>();

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

  const byString = (id: string) => {
    let i = named.get(id);
    if (i === undefined) {
      i = add(id);
      named.set(id, i);
    }
    return i;
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
      return n >= 0 ? byNumber(n) : byString(id);
    },
    fromText(text, start, end) {
      let s = start;
      let e = end;
      while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s += 1;
      while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e -= 1;
      const n = canonical(text, s, e);
      return n >= 0 ? byNumber(n) : byString(text.slice(s, e));
    },
    ids: () => raw.map((id) => (typeof id === 'number' ? String(id) : id)),
  };
};
