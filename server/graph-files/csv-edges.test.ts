import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DATASETS_DIR,
  datasetFile,
  missingDatasetMessage,
  readDatasetEdges,
} from '../../test/fakes/datasets.ts';
import { importCsvGraph } from './csv-edges.ts';
import { detectDelimiter, parseQuotedLine } from './csv-reader.ts';
import { edgePairs, type ImportedGraph } from './imported-graph.ts';

const pairs = (graph: ImportedGraph) => [...edgePairs(graph)];
/** One string per edge list: deep-equality over 150k small arrays is slow in the test runner. */
const flat = (list: Iterable<[string, string]>) => Array.from(list, ([a, b]) => `${a} ${b}`).join('\n');

/** Bytes in `size`-byte pieces, splitting lines and multi-byte characters anywhere. */
async function* trickle(text: string, size: number) {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('CSV edge lists from the shared datasets', () => {
  const twitchRu = datasetFile('twitch-ru');
  if (!twitchRu) console.warn(missingDatasetMessage('twitch-ru'));

  it.skipIf(!twitchRu)(
    'twitch-ru: mutual follows with typed account attributes keyed by new_id',
    async () => {
      const graph = await importCsvGraph({
        edges: { path: twitchRu! },
        accounts: { path: join(DATASETS_DIR, 'twitch-ru', 'accounts.csv') },
        accountsOptions: { idColumn: 'new_id' },
        directed: false,
        expandUndirected: true,
      });
      expect(graph.directed).toBe(true);
      expect(graph.nodeIds).toHaveLength(4385);
      expect(graph.edges.length).toBe(2 * 37_304);
      const naive = readDatasetEdges('twitch-ru')!;
      expect(pairs(graph).slice(0, 4)).toEqual([
        naive[0],
        [naive[0]![1], naive[0]![0]],
        naive[1],
        [naive[1]![1], naive[1]![0]],
      ]);
      // accounts.csv row: 43622128,1910,False,2002,False,1076
      expect(graph.accounts.get('1076')).toEqual({
        label: undefined,
        attributes: { id: 43622128, days: 1910, mature: false, views: 2002, partner: false },
      });
    },
  );

  for (const [name, nodes, edges] of [
    ['twitch-de', 9498, 153_138],
    ['wiki-vote', 7115, 103_689],
  ] as const) {
    const file = datasetFile(name);
    if (!file) console.warn(missingDatasetMessage(name));
    it.skipIf(!file)(`${name}: every edge, delimiter and comments detected`, async () => {
      const graph = await importCsvGraph({ edges: { path: file! } });
      expect(graph.nodeIds).toHaveLength(nodes);
      expect(graph.edges.length).toBe(edges);
      expect(flat(edgePairs(graph)) === flat(readDatasetEdges(name)!)).toBe(true);
    });
  }
});

describe('messy CSV edge lists', () => {
  it('reads a BOM, CRLF, comments, blank lines, quotes, a header by name and ; delimiters', async () => {
    const text = [
      '\uFEFF# exported by hand',
      'Followed;Follower;note',
      '',
      'bob.bsky.social; alice.bsky.social ;hi',
      '"carol;the ""great""";alice.bsky.social;"multi',
      'line note"',
      '"dave";"émile";x',
    ].join('\r\n');
    for (const size of [1, 3, 7, 1 << 20]) {
      const graph = await importCsvGraph({ edges: trickle(text, size) });
      expect(pairs(graph)).toEqual([
        ['alice.bsky.social', 'bob.bsky.social'],
        ['alice.bsky.social', 'carol;the "great"'],
        ['émile', 'dave'],
      ]);
    }
  });

  it('tells a header from data: names, words over numbers, or none', async () => {
    const noHeader = await importCsvGraph({ edges: { text: '1,2\n2,3\n' } });
    expect(pairs(noHeader)).toEqual([
      ['1', '2'],
      ['2', '3'],
    ]);
    const words = await importCsvGraph({ edges: { text: 'user_a,user_b\n1,2\n' } });
    expect(pairs(words)).toEqual([['1', '2']]);
    const single = await importCsvGraph({ edges: { text: 'source,target\n' } });
    expect(single.edges.length).toBe(0);
    const forced = await importCsvGraph({ edges: { text: 'x,y\n' }, header: false });
    expect(pairs(forced)).toEqual([['x', 'y']]);
    const byName = await importCsvGraph({ edges: { text: 'w,to,from\n1,a,b\n' } });
    expect(pairs(byName)).toEqual([['b', 'a']]);
  });

  it('keeps ids as text: leading zeros, huge numbers and handles are distinct nodes', async () => {
    const graph = await importCsvGraph({
      edges: { text: '007,7\n12345678901234567890,12345678901234567891\n7,007\n' },
    });
    expect(graph.nodeIds).toEqual(['007', '7', '12345678901234567890', '12345678901234567891']);
    expect(pairs(graph)[2]).toEqual(['7', '007']);
  });

  it('reads whitespace-separated SNAP files and keeps undirected edges single unless expanded', async () => {
    const text = '# Directed graph\n# FromNodeId\tToNodeId\n1  2\n2   3\n';
    expect(detectDelimiter('1  2\n2 3\n')).toBe('whitespace');
    const graph = await importCsvGraph({ edges: { text }, directed: false });
    expect(graph.directed).toBe(false);
    expect(pairs(graph)).toEqual([
      ['1', '2'],
      ['2', '3'],
    ]);
  });

  it('reports rows it cannot read with their line number', async () => {
    await expect(importCsvGraph({ edges: { text: 'a,b\nc\n' }, header: false })).rejects.toMatchObject({
      code: 'parse_error',
      line: 2,
    });
    await expect(importCsvGraph({ edges: { text: 'a,b\n"c,d\n' } })).rejects.toMatchObject({
      code: 'parse_error',
    });
    await expect(importCsvGraph({ edges: { text: 'a,b\n' }, from: 'follower' })).rejects.toMatchObject({
      code: 'missing_column',
    });
    await expect(importCsvGraph({ edges: { path: '/nonexistent/edges.csv' } })).rejects.toMatchObject({
      code: 'unreadable',
    });
  });

  it('parses RFC 4180 quoting', () => {
    expect(parseQuotedLine('"a,b",c,"d ""e"""', ',')).toEqual(['a,b', 'c', 'd "e"']);
    expect(parseQuotedLine('"open,', ',')).toBeNull();
    expect(parseQuotedLine('a,,"",', ',')).toEqual(['a', '', '', '']);
  });
});
