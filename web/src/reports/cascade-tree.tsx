import { createMemo, createSignal, For, Show } from 'solid-js';
import type { ReportPost } from './reports.data.ts';

type Node = ReportPost['cascade']['nodes'][number];
const ROW = 26;
const COLUMN = 150;

/**
 * A post's cascade as a tree: the post on the left, each reshare one column right of the account
 * it came through; leaves take one row each, a parent sits at its children's middle. Hovering a
 * node says who reshared, when, and how the parent was attributed.
 */
export function CascadeTree(props: { nodes: Node[] }) {
  const [hovered, setHovered] = createSignal<number>();
  const layout = createMemo(() => {
    const children = props.nodes.map(() => [] as number[]);
    props.nodes.forEach((n, i) => {
      if (n.parent >= 0) children[n.parent]!.push(i);
    });
    const y = new Array<number>(props.nodes.length).fill(0);
    let row = 0;
    const place = (i: number): number => {
      const kids = children[i]!;
      if (kids.length === 0) {
        y[i] = row++;
        return y[i]!;
      }
      const ys = kids.map(place);
      y[i] = (ys[0]! + ys.at(-1)!) / 2;
      return y[i]!;
    };
    if (props.nodes.length) place(0);
    return { y, rows: Math.max(row, 1), depth: Math.max(0, ...props.nodes.map((n) => n.depth)) };
  });
  const x = (n: Node) => 20 + n.depth * COLUMN;
  const yOf = (i: number) => 16 + layout().y[i]! * ROW;
  const label = (n: Node) =>
    `${n.handle} — ${n.kind === 'post' ? 'posted' : n.kind} ${new Date(n.at).toLocaleString()}${
      n.kind === 'post'
        ? ''
        : ` (${n.attribution === 'via' ? 'through the repost it names' : n.attribution === 'followed' ? 'follows the account it came from' : 'attributed to the post'})`
    }`;
  return (
    <figure class="cascade">
      <svg
        width={60 + layout().depth * COLUMN + 160}
        height={32 + layout().rows * ROW}
        role="img"
        aria-label={`Cascade of ${props.nodes.length} accounts`}
      >
        <For each={props.nodes}>
          {(n, i) => (
            <Show when={n.parent >= 0}>
              <line
                x1={x(props.nodes[n.parent]!)}
                y1={yOf(n.parent)}
                x2={x(n)}
                y2={yOf(i())}
                class={`edge ${n.attribution}`}
              />
            </Show>
          )}
        </For>
        <For each={props.nodes}>
          {(n, i) => (
            <g
              class="node"
              role="button"
              tabindex="0"
              data-handle={n.handle}
              onMouseEnter={() => setHovered(i())}
              onFocus={() => setHovered(i())}
              onMouseLeave={() => setHovered(undefined)}
            >
              <circle cx={x(n)} cy={yOf(i())} r={i() === 0 ? 7 : 5} class={n.kind} />
              <text x={x(n) + 9} y={yOf(i()) + 4}>
                {n.handle.length > 18 ? `${n.handle.slice(0, 17)}…` : n.handle}
              </text>
              <title>{label(n)}</title>
            </g>
          )}
        </For>
      </svg>
      <figcaption class="cascade-hover" aria-live="polite">
        {hovered() === undefined
          ? 'Hover a node to see who reshared and when.'
          : label(props.nodes[hovered()!]!)}
      </figcaption>
    </figure>
  );
}
