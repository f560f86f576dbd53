/**
 * Which reader a graph file needs, from its name. Pure and dependency-free: the web app imports
 * this same file, so the form's guess and the server's rule for an upload naming no format
 * cannot disagree.
 */
export const graphFormats = ['csv', 'gexf', 'graphml'] as const;
export type GraphFormat = (typeof graphFormats)[number];

/** "edges.csv" → csv; null when the extension says nothing, so the person chooses. */
export function formatFromName(filename: string): GraphFormat | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (ext === 'gexf') return 'gexf';
  if (ext === 'graphml' || ext === 'xml') return 'graphml';
  if (['csv', 'tsv', 'txt', 'edges', 'edgelist'].includes(ext)) return 'csv';
  return null;
}
