/**
 * The niche's network map: sigma.js over a graphology graph of the top accounts, laid out
 * by ForceAtlas2 in a web worker for a few seconds. Loaded on demand (dynamic import), so
 * sigma and graphology stay out of the main bundle.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { MapData } from './discover.data.ts';
import { communityColor, formatWhole } from './format.ts';

const LAYOUT_MS = 4000;

export default function NetworkMap(props: { data: MapData; onOpen: (accountId: number) => void }) {
  let container!: HTMLDivElement;
  const [layingOut, setLayingOut] = createSignal(true);
  const [find, setFind] = createSignal('');
  const [notFound, setNotFound] = createSignal(false);
  let renderer: Sigma | undefined;
  let layout: FA2Layout | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const graph = new Graph({ type: 'directed', multi: false });

  onMount(() => {
    const { nodes, edges } = props.data;
    const n = nodes.ids.length;
    nodes.ids.forEach((id, i) => {
      // Start each community on its own spot of a circle so the layout converges quickly.
      const angle = ((nodes.communities[i] % 12) / 12) * 2 * Math.PI + (i % 7) * 0.05;
      const radius = 100 + ((i * 7919) % 100);
      graph.addNode(String(id), {
        label: nodes.labels[i],
        x: Math.cos(angle) * radius + ((i * 31) % 17),
        y: Math.sin(angle) * radius + ((i * 17) % 13),
        size: 2 + (nodes.scores[i] / 100) ** 2 * 12,
        color: communityColor(nodes.communities[i]),
        rank: i + 1,
      });
    });
    edges.sources.forEach((s, e) => {
      const source = String(nodes.ids[s]);
      const target = String(nodes.ids[edges.targets[e]]);
      if (!graph.hasEdge(source, target)) graph.addEdge(source, target, { size: 0.5, color: '#ced4da' });
    });

    let hovered: string | undefined;
    let neighbours = new Set<string>();
    renderer = new Sigma(graph, container, {
      labelRenderedSizeThreshold: n > 500 ? 9 : 6,
      defaultEdgeType: 'line',
      nodeReducer: (node, data) => {
        if (!hovered) return data;
        if (node === hovered) return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
        if (neighbours.has(node)) return { ...data, forceLabel: n < 200, zIndex: 1 };
        return { ...data, color: '#e9ecef', label: '' };
      },
      edgeReducer: (edge, data) => {
        if (!hovered) return data;
        const [s, t] = graph.extremities(edge);
        return s === hovered || t === hovered
          ? { ...data, color: '#495057', size: 1 }
          : { ...data, hidden: true };
      },
    });
    renderer.on('enterNode', ({ node }) => {
      hovered = node;
      neighbours = new Set(graph.neighbors(node));
      renderer?.refresh({ skipIndexation: true });
    });
    renderer.on('leaveNode', () => {
      hovered = undefined;
      neighbours = new Set();
      renderer?.refresh({ skipIndexation: true });
    });
    renderer.on('clickNode', ({ node }) => props.onOpen(Number(node)));

    if (graph.size > 0) {
      layout = new FA2Layout(graph, {
        settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: n > 1000 },
      });
      layout.start();
      timer = setTimeout(() => {
        layout?.stop();
        setLayingOut(false);
      }, LAYOUT_MS);
    } else setLayingOut(false);
  });
  onCleanup(() => {
    clearTimeout(timer);
    layout?.kill();
    renderer?.kill();
  });

  const zoomTo = (event: SubmitEvent) => {
    event.preventDefault();
    const text = find().trim().replace(/^@/, '').toLowerCase();
    const node = graph.findNode((_, a) => String(a.label).toLowerCase().includes(text));
    setNotFound(!node);
    if (!node || !renderer) return;
    const position = renderer.getNodeDisplayData(node);
    if (position)
      renderer.getCamera().animate({ x: position.x, y: position.y, ratio: 0.15 }, { duration: 600 });
    props.onOpen(Number(node));
  };

  return (
    <div class="network-map">
      <form class="toolbar" onSubmit={zoomTo} role="search">
        <label for="map-find">Find account</label>
        <input
          id="map-find"
          list="map-labels"
          value={find()}
          onInput={(e) => setFind(e.currentTarget.value)}
          placeholder="Name or handle"
        />
        <datalist id="map-labels">
          <For each={props.data.nodes.labels.slice(0, 500)}>{(label) => <option value={label} />}</For>
        </datalist>
        <button type="submit">Find</button>
        <Show when={notFound()}>
          <span class="error">Not on the map.</span>
        </Show>
        <Show when={layingOut()}>
          <span class="muted" role="status">
            <span class="spinner" aria-hidden="true" /> Laying out…
          </span>
        </Show>
      </form>
      <p class="muted">
        {formatWhole(props.data.nodes.ids.length)} accounts
        {props.data.truncated ? ` (the top of ${formatWhole(props.data.totalNodes)})` : ''} and{' '}
        {formatWhole(props.data.edges.sources.length)} follows. Size shows score, colour shows community.
      </p>
      <div class="map-canvas" ref={container} role="img" aria-label="Network map of the niche" />
    </div>
  );
}
