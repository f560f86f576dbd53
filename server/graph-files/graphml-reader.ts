/**
 * GraphML (Gephi, NodeXL, igraph, networkx exports) into an `ImportedGraph`, streaming: node
 * attributes through `<key for="node|all" attr.name attr.type>` declarations with `<default>`,
 * `edgedefault` and per-edge `directed` (undirected edges become two follows with
 * `expandUndirected`). A key named `label` (NodeXL: `V-Label`) becomes the label; yEd's
 * `<y:NodeLabel>` does when there is no such key. Edge data is ignored.
 *
 *   const graph = await importGraphml({ path: 'network.graphml' }, { expandUndirected: true });
 */
import { valueOfType } from './attribute-values.ts';
import type { XmlGraphOptions } from './gexf-reader.ts';
import { localName } from './gexf-reader.ts';
import { ImportError } from './import.errors.ts';
import {
  type Attributes,
  createGraphBuilder,
  type GraphBuilder,
  type ImportedGraph,
} from './imported-graph.ts';
import { type TextSource, textChunks } from './text-source.ts';
import { createXmlTokenizer } from './xml-tokenizer.ts';

type Key = { name: string; type?: string; fallback?: string; isLabel: boolean };

const LABEL_KEY = /^(v-)?label$/i;

export const importGraphml = async (
  source: TextSource,
  { expandUndirected = false }: XmlGraphOptions = {},
): Promise<ImportedGraph> => {
  let builder: GraphBuilder | null = null;
  let defaultDirected = false; // GraphML's own default
  const keys = new Map<string, Key>();
  let key: Key | null = null;
  let node: { id: string; label?: string; attributes: Attributes; seen: Set<string> } | null = null;
  let data: { key: string; text: string; nested: boolean } | null = null;
  let yLabel: string | null = null;
  let text: string | null = null; // collects <default> or <y:NodeLabel> text

  const graph = () => {
    builder ??= createGraphBuilder({ directed: defaultDirected, expandUndirected });
    return builder;
  };

  const xml = createXmlTokenizer({
    open(rawName, attrs, selfClosing) {
      const name = localName(rawName);
      if (data) {
        data.nested = true;
        if (name === 'NodeLabel' && !selfClosing) text = '';
        return;
      }
      switch (name) {
        case 'key': {
          const scope = attrs.for ?? 'all';
          if (scope !== 'node' && scope !== 'all') return;
          const keyName = attrs['attr.name'] ?? attrs.id ?? '';
          key = { name: keyName, type: attrs['attr.type'], isLabel: LABEL_KEY.test(keyName) };
          if (attrs.id) keys.set(attrs.id, key);
          return;
        }
        case 'default':
          if (key) text = '';
          return;
        case 'graph':
          if (!builder) {
            defaultDirected = attrs.edgedefault === 'directed';
            graph();
          }
          return;
        case 'node':
          if (attrs.id === undefined) throw new ImportError('parse_error', 'GraphML node without id');
          node = { id: attrs.id, attributes: {}, seen: new Set() };
          yLabel = null;
          if (selfClosing) finishNode();
          return;
        case 'data':
          if (node && attrs.key !== undefined && !selfClosing)
            data = { key: attrs.key, text: '', nested: false };
          return;
        case 'edge': {
          if (attrs.source === undefined || attrs.target === undefined) {
            throw new ImportError('parse_error', 'GraphML edge without source or target');
          }
          const directed = attrs.directed === undefined ? defaultDirected : attrs.directed === 'true';
          graph().edge(attrs.source, attrs.target, directed);
        }
      }
    },
    close(rawName) {
      const name = localName(rawName);
      if (name === 'NodeLabel' && text !== null) {
        yLabel ??= text.trim() || null;
        text = null;
      } else if (name === 'data' && data) {
        if (!data.nested && node) {
          const declared = keys.get(data.key);
          node.seen.add(data.key);
          if (declared?.isLabel) node.label = data.text;
          else {
            const value = valueOfType(data.text, declared?.type);
            if (value !== undefined) node.attributes[declared?.name ?? data.key] = value;
          }
        }
        data = null;
      } else if (name === 'default' && key && text !== null) {
        key.fallback = text;
        text = null;
      } else if (name === 'key') key = null;
      else if (name === 'node' && node) finishNode();
    },
    text(chunk) {
      if (text !== null) text += chunk;
      else if (data && !data.nested) data.text += chunk;
    },
  });

  function finishNode() {
    const current = node!;
    node = null;
    for (const [id, declared] of keys) {
      if (current.seen.has(id) || declared.fallback === undefined) continue;
      if (declared.isLabel) current.label ??= declared.fallback;
      else
        current.attributes[declared.name] =
          valueOfType(declared.fallback, declared.type) ?? declared.fallback;
    }
    current.label ??= yLabel ?? undefined;
    const hasData = current.label !== undefined || Object.keys(current.attributes).length > 0;
    if (hasData) graph().account(current.id, { label: current.label, attributes: current.attributes });
    else graph().node(current.id);
  }

  for await (const chunk of textChunks(source)) xml.write(chunk);
  xml.end();
  return graph().build();
};
