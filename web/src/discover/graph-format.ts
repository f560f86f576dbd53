export const graphFormats = ['csv', 'gexf', 'graphml'] as const;
export type GraphFormat = (typeof graphFormats)[number];

/**
 * "edges.csv" → csv; null when the extension says nothing, so the person chooses. The same
 * rules as the server's formatFromName (server/discover/import/import.service.ts), which
 * decides when an upload names no format: a guess here would disagree with it.
 */
export function formatFromName(filename: string): GraphFormat | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (ext === 'gexf') return 'gexf';
  if (ext === 'graphml' || ext === 'xml') return 'graphml';
  if (['csv', 'tsv', 'txt', 'edges', 'edgelist'].includes(ext)) return 'csv';
  return null;
}
