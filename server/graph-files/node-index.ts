/**
 * Interning node ids into dense indices without a string per lookup. Canonical decimal ids (no
 * sign, no leading zero, at most 15 digits) are parsed straight from the text and looked up in a
 * typed array (below 2^24) or a number-keyed Map. Other ids are hashed where they stand in the
 * text into an open-addressing table whose keys live in one character arena; strings are only
 * made once, by `ids()`. An id is the same node whichever door it comes through: `'123'` and the
 * digits 1-2-3 inside a line share an index. (A JS Map keyed by sliced strings was 3x slower on
 * a million distinct handles: every lookup allocated, and every new key kept its chunk alive.)
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
const decoder = new TextDecoder('utf-16le');

const grown = <T extends Int32Array | Float64Array | Uint16Array>(array: T, needed: number, fill = 0): T => {
  if (needed <= array.length) return array;
  let size = array.length;
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  if (fill !== 0) bigger.fill(fill);
  bigger.set(array);
  return bigger;
};

export const createNodeIndex = (): NodeIndex => {
  let count = 0;
  // Per node: its number, or where its text sits in `chars` ([start, end); end -1 for numbers).
  let numberOrStart = new Float64Array(1 << 12);
  let textEnd = new Int32Array(1 << 12);
  let chars = new Uint16Array(1 << 16);
  let used = 0;
  let dense = new Int32Array(1 << 16).fill(-1);
  const sparse = new Map<number, number>();
  let table = new Int32Array(1 << 13); // pairs: [hash, node index + 1]; 0 marks an empty slot
  let named = 0;

  const add = (value: number, end: number) => {
    if (count === textEnd.length) {
      numberOrStart = grown(numberOrStart, count + 1);
      textEnd = grown(textEnd, count + 1);
    }
    numberOrStart[count] = value;
    textEnd[count] = end;
    return count++;
  };

  const byNumber = (n: number) => {
    if (n < DENSE_LIMIT) {
      dense = grown(dense, n + 1, -1);
      let i = dense[n]!;
      if (i === -1) {
        i = add(n, -1);
        dense[n] = i;
      }
      return i;
    }
    let i = sparse.get(n);
    if (i === undefined) {
      i = add(n, -1);
      sparse.set(n, i);
    }
    return i;
  };

  const hashOf = (text: string, start: number, end: number) => {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    // FNV's low bits never see its high bits, and the table indexes by low bits: mix (fmix32).
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  };

  const sameText = (i: number, text: string, start: number, end: number) => {
    const from = numberOrStart[i]!;
    if (textEnd[i]! - from !== end - start) return false;
    for (let k = 0; k < end - start; k += 1) if (chars[from + k] !== text.charCodeAt(start + k)) return false;
    return true;
  };

  const rehash = () => {
    const old = table;
    table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s]! & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = old[s]!;
      table[2 * slot + 1] = old[s + 1]!;
    }
  };

  const byText = (text: string, start: number, end: number) => {
    const hash = hashOf(text, start, end);
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (; table[2 * slot + 1] !== 0; slot = (slot + 1) & mask) {
      if (table[2 * slot] === hash && sameText(table[2 * slot + 1]! - 1, text, start, end))
        return table[2 * slot + 1]! - 1;
    }
    if (used + end - start > chars.length) chars = grown(chars, used + end - start);
    const from = used;
    for (let k = start; k < end; k += 1) chars[used++] = text.charCodeAt(k);
    const index = add(from, used);
    table[2 * slot] = hash;
    table[2 * slot + 1] = index + 1;
    named += 1;
    if (named * 4 > table.length) rehash(); // keep the table at most half full
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

  const textOf = (i: number) => {
    const from = numberOrStart[i]!;
    const to = textEnd[i]!;
    if (to - from <= 1024)
      return String.fromCharCode.apply(null, chars.subarray(from, to) as unknown as number[]);
    return decoder.decode(new Uint8Array(chars.buffer, from * 2, (to - from) * 2));
  };

  return {
    get size() {
      return count;
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
    ids: () =>
      Array.from({ length: count }, (_, i) => (textEnd[i] === -1 ? String(numberOrStart[i]) : textOf(i))),
  };
};
