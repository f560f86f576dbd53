import { describe, expect, it } from 'vitest';
import { importGexf } from './gexf-reader.ts';
import { edgePairs } from './imported-graph.ts';

const gephi = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
  <meta lastmodifieddate="2024-01-01"><creator>Gephi 0.10</creator></meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node" mode="static">
      <attribute id="0" title="followers" type="integer"><default>0</default></attribute>
      <attribute id="1" title="lang" type="string"/>
      <attribute id="2" title="modularity_class" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static"><attribute id="0" title="since" type="string"/></attributes>
    <nodes>
      <node id="a" label="Ann"><attvalues><attvalue for="0" value="10"/><attvalue for="1" value="ru"/></attvalues>
        <viz:size value="10.0"/><viz:color r="1" g="2" b="3"/></node>
      <node id="b" label="Bo"><attvalues><attvalue id="2" value="3"/></attvalues></node>
      <node id="c"/>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b"><attvalues><attvalue for="0" value="2020"/></attvalues></edge>
      <edge id="1" source="b" target="c" type="mutual"/>
      <edge id="2" source="c" target="a" type="undirected"/>
    </edges>
  </graph>
</gexf>`;

describe('GEXF import', () => {
  it('reads a Gephi export: typed attributes with defaults, viz ignored, mutual edges as two follows', async () => {
    const graph = await importGexf({ text: gephi }, { expandUndirected: true });
    expect(graph.accounts.get('a')).toEqual({ label: 'Ann', attributes: { followers: 10, lang: 'ru' } });
    expect(graph.accounts.get('b')).toEqual({
      label: 'Bo',
      attributes: { modularity_class: 3, followers: 0 },
    });
    expect(graph.accounts.get('c')).toEqual({ label: undefined, attributes: { followers: 0 } });
    expect([...edgePairs(graph)]).toEqual([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'b'],
      ['c', 'a'],
      ['a', 'c'],
    ]);
    expect(graph.directed).toBe(true);
  });

  it('keeps mutual edges single and the graph marked undirected when not expanding', async () => {
    const graph = await importGexf({ text: gephi });
    expect(graph.edges.length).toBe(3);
    expect(graph.directed).toBe(false);
  });
});
