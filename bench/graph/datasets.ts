/**
 * Loaders for ../shared/datasets, shared by the benchmark and the tests
 * (graph/ itself never touches the file system). Node indices are the sorted
 * distinct account ids of the edge file, as in
 * scripts/graph-reference/reference.py.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DATASETS_DIR = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

export type Dataset = {
  name: string;
  nodeCount: number;
  sources: Int32Array;
  targets: Int32Array;
  ids: Int32Array;
};

export const DATASETS = {
  'wiki-vote': { file: 'wiki-vote/edges.tsv', mutual: false },
  'twitch-ru': { file: 'twitch-ru/edges.csv', mutual: true },
  'twitch-de': { file: 'twitch-de/edges.csv', mutual: true },
} as const;

export type DatasetName = keyof typeof DATASETS;

export function datasetPath(name: DatasetName): string {
  return DATASETS_DIR + DATASETS[name].file;
}

export function hasDataset(name: DatasetName): boolean {
  return existsSync(datasetPath(name));
}

/** Mutual-follower datasets become two follow edges per line. */
export function loadDataset(name: DatasetName): Dataset {
  const { mutual } = DATASETS[name];
  const text = readFileSync(datasetPath(name), 'utf8');
  const from: number[] = [];
  const to: number[] = [];
  for (const line of text.split('\n')) {
    const parts = line.split(/[\t,]/);
    if (parts.length < 2) continue;
    const a = Number(parts[0]);
    const b = Number(parts[1]);
    if (!Number.isInteger(a) || !Number.isInteger(b) || parts[0].trim() === '') continue;
    from.push(a);
    to.push(b);
  }
  const ids = Int32Array.from(new Set([...from, ...to])).sort();
  const index = new Map<number, number>();
  ids.forEach((id, i) => {
    index.set(id, i);
  });
  const m = from.length * (mutual ? 2 : 1);
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let i = 0; i < from.length; i++) {
    const a = index.get(from[i])!;
    const b = index.get(to[i])!;
    sources[i] = a;
    targets[i] = b;
    if (mutual) {
      sources[from.length + i] = b;
      targets[from.length + i] = a;
    }
  }
  return { name, nodeCount: ids.length, sources, targets, ids };
}
