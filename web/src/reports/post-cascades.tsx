import { createSignal, For, Show } from 'solid-js';
import { CascadeTree } from './cascade-tree.tsx';
import { count, decimal, duration, earned, share } from './format.ts';
import { Metric } from './metric.tsx';
import type { Report } from './reports.data.ts';

/** Each tracked post with its metrics; the chosen one's cascade drawn as a tree. */
export function PostCascades(props: { report: Report }) {
  const [chosen, setChosen] = createSignal(0);
  const post = () => props.report.posts[chosen()];
  const f = () => props.report.formulas;
  return (
    <section class="card">
      <h2>Posts and cascades</h2>
      <div class="toolbar no-print">
        <label for="report-post">Post</label>
        <select id="report-post" onChange={(e) => setChosen(Number(e.currentTarget.value))}>
          <For each={props.report.posts}>
            {(p, i) => (
              <option value={i()}>
                {p.influencer} · {p.platform} · {new Date(p.postedAt).toLocaleDateString()}
                {p.status === 'deleted' ? ' (deleted)' : ''}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={post()}>
        {(p) => (
          <>
            <p>
              <a href={p().url} target="_blank" rel="noreferrer noopener">
                {p().authorHandle}
              </a>{' '}
              <span class="muted">{p().text.slice(0, 140)}</span>
              <Show when={p().status === 'deleted'}>
                <span class="badge warn"> deleted — history kept</span>
              </Show>
            </p>
            <div class="metrics">
              <Metric label="Direct reach" formula={f().directReach}>
                {count(p().directReach)}
              </Metric>
              <Metric label="Earned reach" formula={f().earnedReach}>
                {earned(p().earnedReach)}
              </Metric>
              <Metric label="Engagements" formula={f().engagements}>
                {count(p().engagements)}
              </Metric>
              <Metric label="Engagement rate" formula={f().engagementRate}>
                {share(p().engagementRate, 2)}
              </Metric>
              <Metric label="Cascade size" formula={f().cascadeSize}>
                {count(p().cascade.size)}
              </Metric>
              <Metric label="Depth" formula={f().depth}>
                {count(p().cascade.depth)}
              </Metric>
              <Metric label="Max breadth" formula={f().maxBreadth}>
                {count(p().cascade.maxBreadth)}
              </Metric>
              <Metric label="Structural virality" formula={f().structuralVirality}>
                {decimal(p().cascade.structuralVirality)}
              </Metric>
              <Metric label="Time to half" formula={f().timeToHalf}>
                {duration(p().cascade.timeToHalfMs)}
              </Metric>
              <Metric label="Word of mouth" formula={f().wordOfMouth}>
                {share(p().cascade.wordOfMouthShare)}
              </Metric>
            </div>
            <Show
              when={p().cascade.nodes.length > 1}
              fallback={<p class="muted">Nobody has reshared this post yet.</p>}
            >
              <CascadeTree nodes={p().cascade.nodes} />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
