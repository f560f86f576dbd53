/**
 * A small streaming XML tokenizer, enough for GEXF and GraphML: start and end tags with
 * attributes, self-closing tags, text (entities decoded), CDATA; comments, processing
 * instructions and DOCTYPE are skipped. It does not validate or resolve namespaces: names
 * arrive as written (`viz:color`). Chunks may split anywhere.
 *
 *   const xml = createXmlTokenizer({ open(name, attrs, selfClosing) {…}, close(name) {…}, text(t) {…} });
 *   xml.write(chunk); …; xml.end();
 */
import { ImportError } from './import.errors.ts';

export type XmlHandlers = {
  open(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text?(text: string): void;
};

export type XmlTokenizer = { write(chunk: string): void; end(): void };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export const decodeXmlEntities = (text: string): string =>
  text.indexOf('&') === -1
    ? text
    : text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
        if (name[0] !== '#') return ENTITIES[name] ?? whole;
        const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      });

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const parseTag = (tag: string): [string, Record<string, string>] => {
  const space = tag.search(/\s/);
  const name = space === -1 ? tag : tag.slice(0, space);
  const attributes: Record<string, string> = {};
  if (space !== -1) {
    ATTRIBUTE.lastIndex = space;
    for (let m = ATTRIBUTE.exec(tag); m; m = ATTRIBUTE.exec(tag)) {
      attributes[m[1]!] = decodeXmlEntities(m[2] ?? m[3] ?? '');
    }
  }
  return [name, attributes];
};

/** Index of the `>` closing a start tag at `from`, skipping quoted attribute values; -1 if not yet. */
const tagEnd = (s: string, from: number) => {
  let quote = 0;
  for (let i = from; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
};

export const createXmlTokenizer = (handlers: XmlHandlers): XmlTokenizer => {
  let buffer = '';
  let consumed = 0; // characters handled before `buffer`, for error positions

  /** Handles what it can of `s`; returns where the unfinished rest starts. */
  const parse = (s: string, final: boolean): number => {
    let i = 0;
    while (i < s.length) {
      if (s.charCodeAt(i) !== 60) {
        const lt = s.indexOf('<', i);
        if (lt === -1 && !final) return i;
        const stop = lt === -1 ? s.length : lt;
        if (handlers.text) handlers.text(decodeXmlEntities(s.slice(i, stop)));
        i = stop;
        continue;
      }
      let close: number;
      if (s.startsWith('<!--', i)) {
        close = s.indexOf('-->', i + 4);
        if (close === -1) return i;
        i = close + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        close = s.indexOf(']]>', i + 9);
        if (close === -1) return i;
        handlers.text?.(s.slice(i + 9, close));
        i = close + 3;
      } else if (s.startsWith('<?', i)) {
        close = s.indexOf('?>', i + 2);
        if (close === -1) return i;
        i = close + 2;
      } else if (s.startsWith('<!', i)) {
        close = tagEnd(s, i + 2);
        if (close === -1) return i;
        i = close + 1;
      } else if (s.charCodeAt(i + 1) === 47) {
        close = s.indexOf('>', i + 2);
        if (close === -1) return i;
        handlers.close(s.slice(i + 2, close).trim());
        i = close + 1;
      } else {
        close = tagEnd(s, i + 1);
        if (close === -1) return i;
        const selfClosing = s.charCodeAt(close - 1) === 47;
        const [name, attributes] = parseTag(s.slice(i + 1, selfClosing ? close - 1 : close));
        handlers.open(name, attributes, selfClosing);
        if (selfClosing) handlers.close(name);
        i = close + 1;
      }
    }
    return i;
  };

  return {
    write(chunk) {
      buffer += chunk;
      const done = parse(buffer, false);
      consumed += done;
      buffer = buffer.slice(done);
    },
    end() {
      const done = parse(buffer, true);
      if (buffer.slice(done).trim()) {
        throw new ImportError('parse_error', `unterminated XML markup at character ${consumed + done}`);
      }
      buffer = '';
    },
  };
};
