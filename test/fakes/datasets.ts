/**
 * Where the shared real-world datasets live (read-only, never copied into the repo), and a
 * deliberately naive reader for their edge lists, independent of the importers under test.
 *
 *   const edges = readDatasetEdges('twitch-ru');   // null when the folder is missing
 *   it.skipIf(!edges)('…', …)
 *   const graph = datasetFakeGraph('twitch-ru');    // mutual ties as two follows, for the fakes
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFakeGraph, type FakeGraph, type FakeGraphInput } from './fake-graph.ts';

export const DATASETS_DIR = resolve(
  process.env.MURMUR_DATASETS_DIR ??
    join(fileURLToPath(new URL('../..', import.meta.url)), '../shared/datasets'),
);

export type DatasetName = 'twitch-ru' | 'twitch-de' | 'wiki-vote';

export const datasetFile = (name: DatasetName): string | null => {
  const file = join(DATASETS_DIR, name, name === 'wiki-vote' ? 'edges.tsv' : 'edges.csv');
  return existsSync(file) ? file : null;
};

export const missingDatasetMessage = (name: DatasetName) =>
  `dataset ${name} not found under ${DATASETS_DIR} (set MURMUR_DATASETS_DIR); skipping`;

/** Pairs from a dataset's edge file: header and `#` lines dropped, split on comma or tab. */
export const readDatasetEdges = (name: DatasetName): Array<[string, string]> | null => {
  const file = datasetFile(name);
  if (!file) return null;
  const pairs: Array<[string, string]> = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line || line.startsWith('#') || /^[a-z]/i.test(line)) continue;
    const [from, to] = line.split(/[,\t]/);
    pairs.push([from!, to!]);
  }
  return pairs;
};

/** A fake server's graph from a dataset: Twitch ties are mutual follows, wiki-vote edges are not. */
export const datasetFakeGraph = (
  name: DatasetName,
  options: Omit<FakeGraphInput, 'edges'> = {},
): FakeGraph | null => {
  const edges = readDatasetEdges(name);
  return edges ? buildFakeGraph({ mutual: name !== 'wiki-vote', ...options, edges }) : null;
};
