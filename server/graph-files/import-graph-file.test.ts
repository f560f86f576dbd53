import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatOf, importGraphFile } from './import-graph-file.ts';
import { edgePairs } from './imported-graph.ts';

const dir = mkdtempSync(join(tmpdir(), 'murmur-import-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importGraphFile', () => {
  it('picks the reader from the extension, or refuses to guess', () => {
    expect(formatOf('a/b/Network.GEXF')).toBe('gexf');
    expect(formatOf('votes.tsv')).toBe('csv');
    expect(formatOf('x.graphml')).toBe('graphml');
    expect(() => formatOf('graph.bin')).toThrow(expect.objectContaining({ code: 'unreadable' }));
  });

  it('reads each format into the same graph', async () => {
    writeFileSync(join(dir, 'g.csv'), 'source,target\na,b\n');
    writeFileSync(
      join(dir, 'g.gexf'),
      '<gexf><graph defaultedgetype="directed"><nodes/><edges><edge source="a" target="b"/></edges></graph></gexf>',
    );
    writeFileSync(
      join(dir, 'g.graphml'),
      '<graphml><graph edgedefault="directed"><edge source="a" target="b"/></graph></graphml>',
    );
    for (const name of ['g.csv', 'g.gexf', 'g.graphml']) {
      const graph = await importGraphFile({ path: join(dir, name) });
      expect([...edgePairs(graph)]).toEqual([['a', 'b']]);
    }
    const mutual = await importGraphFile({
      path: join(dir, 'g.csv'),
      directed: false,
      expandUndirected: true,
    });
    expect(mutual.edges.length).toBe(2);
  });
});
