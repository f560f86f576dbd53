/**
 * GEXF 1.1-1.3 (Gephi) into an `ImportedGraph`, streaming: node labels, typed node attributes
 * from `<attributes class="node">` declarations (defaults applied), `defaultedgetype` and per-edge
 * `type` (`mutual` and `undirected` edges become two follows with `expandUndirected`).
 * Visual (`viz:`) data, edge attributes and dynamics are ignored.
 *
 *   const graph = await importGexf({ path: 'network.gexf' }, { expandUndirected: true });
 */
import { valueOfType } from './attribute-values.ts';
import { ImportError } from './import.errors.ts';
import {
  type Attributes,
  createGraphBuilder,
  type GraphBuilder,
  type ImportedGraph,
} from './imported-graph.ts';
import { type TextSource, textChunks } from './text-source.ts';
import { createXmlTokenizer } from './xml-tokenizer.ts';

export type XmlGraphOptions = { expandUndirected?: boolean };

type Declared = { title: string; type?: string; fallback?: string };

export const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export const importGexf = async (
  source: TextSource,
  { expandUndirected = false }: XmlGraphOptions = {},
): Promise<ImportedGraph> => {
  let builder: GraphBuilder | null = null;
  let defaultDirected = true;
  const declared = new Map<string, Declared>();
  let attributeClass: string | null = null;
  let attribute: Declared | null = null;
  let inDefault = false;
  let node: { id: string; label?: string; attributes: Attributes; seen: Set<string> } | null = null;
  let nodeDepth = 0;

  const graph = () => {
    builder ??= createGraphBuilder({ directed: defaultDirected, expandUndirected });
    return builder;
  };

  const xml = createXmlTokenizer({
    open(rawName, attrs, selfClosing) {
      const name = localName(rawName);
      if (node) {
        if (name === 'node') nodeDepth += selfClosing ? 0 : 1; // nested hierarchy: ignored
        if (name !== 'attvalue' || nodeDepth > 0) return;
        const key = attrs.for ?? attrs.id;
        const declaration = key === undefined ? undefined : declared.get(key);
        if (!key || attrs.value === undefined) return;
        const title = declaration?.title ?? key;
        const value = valueOfType(attrs.value, declaration?.type);
        if (value !== undefined) node.attributes[title] = value;
        node.seen.add(key);
        return;
      }
      switch (name) {
        case 'graph':
          defaultDirected = (attrs.defaultedgetype ?? 'undirected') === 'directed';
          graph();
          return;
        case 'attributes':
          attributeClass = attrs.class ?? 'node';
          return;
        case 'attribute':
          if (attributeClass !== 'node' || attrs.id === undefined) return;
          attribute = { title: attrs.title ?? attrs.id, type: attrs.type };
          declared.set(attrs.id, attribute);
          return;
        case 'default':
          inDefault = attribute !== null;
          return;
        case 'node':
          if (attrs.id === undefined) throw new ImportError('parse_error', 'GEXF node without id');
          node = { id: attrs.id, label: attrs.label, attributes: {}, seen: new Set() };
          if (selfClosing) finishNode();
          return;
        case 'edge': {
          if (attrs.source === undefined || attrs.target === undefined) {
            throw new ImportError('parse_error', 'GEXF edge without source or target');
          }
          const type = attrs.type;
          graph().edge(
            attrs.source,
            attrs.target,
            type === undefined ? defaultDirected : type === 'directed',
          );
        }
      }
    },
    close(rawName) {
      const name = localName(rawName);
      if (node && name === 'node') {
        if (nodeDepth > 0) nodeDepth -= 1;
        else finishNode();
      } else if (name === 'default') inDefault = false;
      else if (name === 'attribute') attribute = null;
      else if (name === 'attributes') attributeClass = null;
    },
    text(text) {
      if (inDefault && attribute) attribute.fallback = (attribute.fallback ?? '') + text;
    },
  });

  function finishNode() {
    const current = node!;
    node = null;
    for (const [key, declaration] of declared) {
      if (current.seen.has(key) || declaration.fallback === undefined) continue;
      const value = valueOfType(declaration.fallback, declaration.type);
      if (value !== undefined) current.attributes[declaration.title] = value;
    }
    const hasData = current.label !== undefined || Object.keys(current.attributes).length > 0;
    if (hasData) graph().account(current.id, { label: current.label, attributes: current.attributes });
    else graph().node(current.id);
  }

  for await (const chunk of textChunks(source)) xml.write(chunk);
  xml.end();
  return graph().build();
};
