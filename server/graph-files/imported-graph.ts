/**
 * The plain structure every importer returns and every writer takes, and the builder that
 * makes one. Node ids are strings exactly as in the file; edges are indices into `nodeIds`,
 * held in typed arrays so that millions of edges cost 8 bytes each.
 *
 *   const builder = createGraphBuilder({ directed: false, expandUndirected: true });
 *   builder.edge('a', 'b');                 // undirected: a→b and b→a
 *   builder.account('a', { label: 'A', attributes: { views: 12 } });
 *   const graph = builder.build();          // { directed: true, nodeIds, accounts, edges }
 *   for (const [from, to] of edgePairs(graph)) …
 */

import { hasUnsafeText, safeDeep, safeText } from '../lib/safe-text.ts';
import { ImportError } from './import.errors.ts';
import { createNodeIndex } from './node-index.ts';

export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;
export type ImportedAccount = { label?: string; attributes: Attributes };

export type EdgeList = {
  length: number;
  /** `from[i]` follows `to[i]`; both index `nodeIds`. Only the first `length` entries are used. */
  from: Uint32Array;
  to: Uint32Array;
};

export type ImportedGraph = {
  /** False only for an undirected graph whose edges were not expanded into two follows. */
  directed: boolean;
  /** Every node, in first-seen order. */
  nodeIds: string[];
  /**
   * Labels and attributes by id, for the nodes the file described; nodes known only from edges
   * have no entry (a million empty entries would cost more than the edges).
   */
  accounts: Map<string, ImportedAccount>;
  edges: EdgeList;
};

export type GraphBuilderOptions = {
  /** How edges without their own direction are read. */
  directed: boolean;
  /** Store each undirected (mutual) edge as two follows, one each way. */
  expandUndirected?: boolean;
};

export type GraphBuilder = {
  node(id: string): number;
  /** The node whose id is `text[start, end)`, without slicing numeric ids out of the text. */
  nodeInText(text: string, start: number, end: number): number;
  /** An edge between node indices from `node`/`nodeInText`. */
  link(from: number, to: number, directed?: boolean): void;
  account(id: string, account: ImportedAccount): void;
  /** `directed` overrides the graph's default for this edge (GEXF `type`, GraphML `directed`). */
  edge(from: string, to: string, directed?: boolean): void;
  build(): ImportedGraph;
};

export const createGraphBuilder = ({
  directed,
  expandUndirected = false,
}: GraphBuilderOptions): GraphBuilder => {
  const index = createNodeIndex();
  const accounts = new Map<string, ImportedAccount>();
  let from = new Uint32Array(1 << 16);
  let to = new Uint32Array(1 << 16);
  let length = 0;
  let sawUndirected = false;

  const node = (id: string) => index.fromString(id);

  const push = (a: number, b: number) => {
    if (length === from.length) {
      const grownFrom = new Uint32Array(from.length * 2);
      const grownTo = new Uint32Array(to.length * 2);
      grownFrom.set(from);
      grownTo.set(to);
      from = grownFrom;
      to = grownTo;
    }
    from[length] = a;
    to[length] = b;
    length += 1;
  };

  const builder: GraphBuilder = {
    node,
    account(id, account) {
      node(id);
      // Labels and attributes are only shown: a NUL or broken character is dropped, not fatal.
      const label = account.label === undefined ? undefined : safeText(account.label);
      const attributes = safeDeep({ ...account.attributes });
      const existing = accounts.get(id);
      if (!existing) accounts.set(id, { label, attributes });
      else {
        if (label !== undefined) existing.label = label;
        Object.assign(existing.attributes, attributes);
      }
    },
    nodeInText: (text, start, end) => index.fromText(text, start, end),
    link(i, j, edgeDirected = directed) {
      push(i, j);
      if (!edgeDirected) {
        if (expandUndirected) push(j, i);
        else sawUndirected = true;
      }
    },
    edge(a, b, edgeDirected) {
      builder.link(node(a), node(b), edgeDirected);
    },
    build() {
      const nodeIds = index.ids();
      // An id is a key: cleaning it could merge two accounts, so a bad one stops the import.
      const bad = nodeIds.find(hasUnsafeText);
      if (bad !== undefined) {
        const shown = JSON.stringify(bad.slice(0, 60)); // escapes NUL and surrogates as \u…
        throw new ImportError(
          'parse_error',
          `the account id ${shown} holds a NUL or an invalid (lone surrogate) character; fix the file and upload it again`,
        );
      }
      return {
        directed: !sawUndirected,
        nodeIds,
        accounts,
        edges: { length, from: from.subarray(0, length), to: to.subarray(0, length) },
      };
    },
  };
  return builder;
};

export function* edgePairs(graph: ImportedGraph): Generator<[string, string]> {
  const { nodeIds, edges } = graph;
  for (let i = 0; i < edges.length; i += 1) yield [nodeIds[edges.from[i]!]!, nodeIds[edges.to[i]!]!];
}
