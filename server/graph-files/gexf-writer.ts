/**
 * An `ImportedGraph` as GEXF 1.3, with labels and typed node attributes, such that
 * `importGexf` reads back the same nodes, edges, labels and attribute values and types.
 *
 *   await writeTextFile('graph.gexf', gexfChunks(graph, { creator: 'Murmur' }));
 *   const text = [...gexfChunks(graph)].join('');
 */
import type { AttributeValue, ImportedGraph } from './imported-graph.ts';
import { batched } from './text-sink.ts';

export type GexfWriterOptions = { creator?: string; description?: string };

type GexfType = 'boolean' | 'integer' | 'long' | 'double' | 'string';

const INT32 = 2 ** 31;

/** Escapes for attribute values and text, dropping characters XML 1.0 cannot carry. */
export const escapeXml = (text: string): string =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what XML forbids
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');

const widen = (current: GexfType | undefined, value: AttributeValue): GexfType => {
  const own: GexfType =
    typeof value === 'boolean'
      ? 'boolean'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? Math.abs(value) < INT32
            ? 'integer'
            : 'long'
          : 'double'
        : 'string';
  if (current === undefined || current === own) return own;
  const numeric = ['integer', 'long', 'double'];
  if (numeric.includes(current) && numeric.includes(own)) {
    return current === 'double' || own === 'double' ? 'double' : 'long';
  }
  return 'string';
};

/** Attribute titles in first-seen order with the narrowest GEXF type that holds every value. */
export const attributeColumns = (graph: ImportedGraph): Map<string, GexfType> => {
  const columns = new Map<string, GexfType>();
  for (const account of graph.accounts.values()) {
    for (const [title, value] of Object.entries(account.attributes))
      columns.set(title, widen(columns.get(title), value));
  }
  return columns;
};

export function* gexfChunks(graph: ImportedGraph, options: GexfWriterOptions = {}): Generator<string> {
  yield* batched(gexfParts(graph, options));
}

function* gexfParts(graph: ImportedGraph, { creator = 'Murmur', description }: GexfWriterOptions) {
  const columns = attributeColumns(graph);
  const ids = new Map([...columns.keys()].map((title, i) => [title, String(i)]));
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n';
  yield `  <meta><creator>${escapeXml(creator)}</creator>`;
  if (description) yield `<description>${escapeXml(description)}</description>`;
  yield '</meta>\n';
  yield `  <graph mode="static" defaultedgetype="${graph.directed ? 'directed' : 'undirected'}">\n`;
  if (columns.size > 0) {
    yield '    <attributes class="node" mode="static">\n';
    for (const [title, type] of columns) {
      yield `      <attribute id="${ids.get(title)}" title="${escapeXml(title)}" type="${type}"/>\n`;
    }
    yield '    </attributes>\n';
  }
  yield '    <nodes>\n';
  for (const id of graph.nodeIds) {
    const account = graph.accounts.get(id);
    const label = account?.label === undefined ? '' : ` label="${escapeXml(account.label)}"`;
    const values = account ? Object.entries(account.attributes) : [];
    if (values.length === 0) {
      yield `      <node id="${escapeXml(id)}"${label}/>\n`;
      continue;
    }
    yield `      <node id="${escapeXml(id)}"${label}><attvalues>`;
    for (const [title, value] of values) {
      yield `<attvalue for="${ids.get(title)}" value="${escapeXml(String(value))}"/>`;
    }
    yield '</attvalues></node>\n';
  }
  yield '    </nodes>\n    <edges>\n';
  const { from, to, length } = graph.edges;
  for (let i = 0; i < length; i += 1) {
    yield `      <edge id="${i}" source="${escapeXml(graph.nodeIds[from[i]!]!)}" target="${escapeXml(graph.nodeIds[to[i]!]!)}"/>\n`;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}
