import { describe, expect, it } from 'vitest';
import { importGraphml } from './graphml-reader.ts';
import { edgePairs } from './imported-graph.ts';
import { createXmlTokenizer } from './xml-tokenizer.ts';

const gephi = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <!-- exported by Gephi -->
  <key attr.name="label" attr.type="string" for="node" id="label"/>
  <key attr.name="followers" attr.type="int" for="node" id="followers"><default>0</default></key>
  <key attr.name="verified" attr.type="boolean" for="node" id="verified"/>
  <key attr.name="score" attr.type="double" for="node" id="score"/>
  <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
  <graph edgedefault="undirected">
    <node id="n0"><data key="label">Ann &amp; Co</data><data key="followers">120</data><data key="verified">true</data></node>
    <node id="n1"><data key="label"><![CDATA[Bo <b>]]></data><data key="score">0.25</data></node>
    <node id="n2"/>
    <edge source="n0" target="n1"><data key="weight">1.0</data></edge>
    <edge source="n1" target="n2" directed="true"/>
  </graph>
</graphml>`;

const nodexl = `<graphml><key id="V-Label" for="node" attr.name="V-Label" attr.type="string"/>
<key id="V-Tweets" for="node" attr.name="Tweets" attr.type="long"/>
<graph edgedefault="directed"><node id="1"><data key="V-Label">@ann</data><data key="V-Tweets">42</data></node>
<node id="2"><data key="V-Label">@bo</data></node><edge source="1" target="2"/></graph></graphml>`;

const yed = `<graphml xmlns:y="http://www.yworks.com/xml/graphml"><key for="node" id="d6" yfiles.type="nodegraphics"/>
<graph edgedefault="directed"><node id="n0"><data key="d6"><y:ShapeNode><y:NodeLabel x="1">Hub</y:NodeLabel></y:ShapeNode></data></node>
<node id="n1"/><edge source="n1" target="n0"/></graph></graphml>`;

describe('GraphML import', () => {
  it('reads a Gephi export: typed node attributes, defaults, labels, undirected and directed edges', async () => {
    const graph = await importGraphml({ text: gephi });
    expect(graph.directed).toBe(false);
    expect(graph.accounts.get('n0')).toEqual({
      label: 'Ann & Co',
      attributes: { followers: 120, verified: true },
    });
    expect(graph.accounts.get('n1')).toEqual({ label: 'Bo <b>', attributes: { score: 0.25, followers: 0 } });
    expect(graph.accounts.get('n2')).toEqual({ label: undefined, attributes: { followers: 0 } });
    expect([...edgePairs(graph)]).toEqual([
      ['n0', 'n1'],
      ['n1', 'n2'],
    ]);
    const expanded = await importGraphml({ text: gephi }, { expandUndirected: true });
    expect(expanded.directed).toBe(true);
    expect([...edgePairs(expanded)]).toEqual([
      ['n0', 'n1'],
      ['n1', 'n0'],
      ['n1', 'n2'],
    ]);
  });

  it('reads NodeXL labels (V-Label) and yEd node labels', async () => {
    const fromNodexl = await importGraphml({ text: nodexl });
    expect(fromNodexl.directed).toBe(true);
    expect(fromNodexl.accounts.get('1')).toEqual({ label: '@ann', attributes: { Tweets: 42 } });
    const fromYed = await importGraphml({ text: yed });
    expect(fromYed.accounts.get('n0')?.label).toBe('Hub');
    expect([...edgePairs(fromYed)]).toEqual([['n1', 'n0']]);
  });

  it('streams: the same graph whatever the chunk boundaries', async () => {
    async function* pieces(size: number) {
      for (let i = 0; i < gephi.length; i += size) yield gephi.slice(i, i + size);
    }
    const whole = await importGraphml({ text: gephi });
    for (const size of [1, 5, 64]) {
      const chunked = await importGraphml(pieces(size));
      expect([...chunked.accounts]).toEqual([...whole.accounts]);
      expect([...edgePairs(chunked)]).toEqual([...edgePairs(whole)]);
    }
  });

  it('rejects truncated XML and edges without endpoints', async () => {
    await expect(importGraphml({ text: '<graphml><graph><node id="a"' })).rejects.toMatchObject({
      code: 'parse_error',
    });
    await expect(
      importGraphml({ text: '<graphml><graph><edge source="a"/></graph></graphml>' }),
    ).rejects.toMatchObject({
      code: 'parse_error',
    });
  });

  it('tokenizes attributes with either quote and > inside values', () => {
    const seen: unknown[] = [];
    const xml = createXmlTokenizer({
      open: (name, attrs, selfClosing) => seen.push([name, attrs, selfClosing]),
      close: (name) => seen.push(['/', name]),
    });
    xml.write(`<a x='1 > 0' y="&lt;&#x41;&#66;"/>`);
    xml.end();
    expect(seen).toEqual([
      ['a', { x: '1 > 0', y: '<AB' }, true],
      ['/', 'a'],
    ]);
  });
});
