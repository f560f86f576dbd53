import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { parse as parseGexfWithGraphology, write as writeGexfWithGraphology } from 'graphology-gexf';
import { afterAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR, datasetFile, missingDatasetMessage } from '../../test/fakes/datasets.ts';
import { importCsvGraph } from './csv-edges.ts';
import { accountsCsvChunks, edgesCsvChunks } from './csv-writer.ts';
import { importGexf } from './gexf-reader.ts';
import { gexfChunks } from './gexf-writer.ts';
import { createGraphBuilder, edgePairs, type ImportedGraph } from './imported-graph.ts';
import { writeTextFile } from './text-sink.ts';

const dir = mkdtempSync(join(tmpdir(), 'murmur-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a user would compare: nodes, labels, typed attributes, and the edge multiset. */
const summary = (graph: ImportedGraph) => ({
  directed: graph.directed,
  nodes: [...graph.nodeIds].sort(),
  accounts: [...graph.accounts.entries()]
    .filter(([, a]) => a.label !== undefined || Object.keys(a.attributes).length > 0)
    .map(([id, a]) => JSON.stringify([id, a.label ?? null, Object.entries(a.attributes).sort()]))
    .sort()
    .join('\n'),
  edges: Array.from(edgePairs(graph), ([a, b]) => `${a} ${b}`)
    .sort()
    .join('\n'),
});

const handMade = () => {
  const builder = createGraphBuilder({ directed: true });
  builder.account('alice', {
    label: 'Alice <& "friends">',
    attributes: { views: 12, ratio: 0.5, partner: true },
  });
  builder.account('bob', { attributes: { views: 3_000_000_000, note: 'line one\nline two, "quoted"' } });
  builder.account('lonely', { label: 'No edges', attributes: {} });
  builder.edge('alice', 'bob');
  builder.edge('bob', 'alice');
  builder.edge('carol', 'alice');
  builder.edge('carol', 'alice'); // parallel edges are kept
  return builder.build();
};

const twitchRu = datasetFile('twitch-ru');
if (!twitchRu) console.warn(missingDatasetMessage('twitch-ru'));

describe('import → export → import', () => {
  it('GEXF keeps nodes, labels, typed attributes and edges', async () => {
    const graph = handMade();
    const path = join(dir, 'hand.gexf');
    await writeTextFile(path, gexfChunks(graph));
    const back = await importGexf({ path });
    expect(summary(back)).toEqual(summary(graph));
    expect(back.accounts.get('bob')!.attributes.views).toBe(3_000_000_000);
  });

  it.skipIf(!twitchRu)('GEXF round trip of twitch-ru with its accounts', async () => {
    const graph = await importCsvGraph({
      edges: { path: twitchRu! },
      accounts: { path: join(DATASETS_DIR, 'twitch-ru', 'accounts.csv') },
      accountsOptions: { idColumn: 'new_id' },
    });
    const path = join(dir, 'twitch-ru.gexf');
    await writeTextFile(path, gexfChunks(graph));
    expect(summary(await importGexf({ path }))).toEqual(summary(graph));
  });

  it('CSV keeps nodes, labels, attributes and edges (an attribute named id moves the key to node_id)', async () => {
    const graph = handMade();
    graph.accounts.get('alice')!.attributes.id = 42;
    await writeTextFile(join(dir, 'edges.csv'), edgesCsvChunks(graph));
    await writeTextFile(join(dir, 'accounts.csv'), accountsCsvChunks(graph));
    const back = await importCsvGraph({
      edges: { path: join(dir, 'edges.csv') },
      accounts: { path: join(dir, 'accounts.csv') },
    });
    expect(summary(back)).toEqual(summary(graph));
  });

  it('undirected graphs stay undirected, or expand into two follows on request', async () => {
    const builder = createGraphBuilder({ directed: false });
    builder.edge('a', 'b');
    const graph = builder.build();
    const text = [...gexfChunks(graph)].join('');
    expect(text).toContain('defaultedgetype="undirected"');
    expect(summary(await importGexf({ text }))).toEqual(summary(graph));
    const expanded = await importGexf({ text }, { expandUndirected: true });
    expect([...edgePairs(expanded)]).toEqual([
      ['a', 'b'],
      ['b', 'a'],
    ]);
  });

  it('speaks the same GEXF as graphology-gexf (and so Gephi), both ways', async () => {
    const graph = handMade();
    const theirs = parseGexfWithGraphology(Graph, [...gexfChunks(graph)].join(''), { addMissingNodes: true });
    expect(theirs.order).toBe(graph.nodeIds.length);
    expect(theirs.size).toBe(graph.edges.length);
    expect(theirs.getNodeAttributes('alice')).toMatchObject({
      label: 'Alice <& "friends">',
      views: 12,
      partner: true,
    });

    const g = new Graph({ type: 'mixed', multi: true });
    g.addNode('x', { label: 'Ex', score: 1.5, tag: 'one' });
    g.addNode('y', { label: 'Why', score: 2 });
    g.addDirectedEdge('x', 'y');
    g.addUndirectedEdge('y', 'x');
    const ours = await importGexf({ text: writeGexfWithGraphology(g) }, { expandUndirected: true });
    expect(ours.accounts.get('x')).toEqual({ label: 'Ex', attributes: { score: 1.5, tag: 'one' } });
    expect([...edgePairs(ours)]).toEqual([
      ['x', 'y'],
      ['y', 'x'],
      ['x', 'y'],
    ]);
  });
});
