import { For } from 'solid-js';
import { count, decimal, earned } from './format.ts';
import { FormulaHeader } from './metric.tsx';
import type { Report } from './reports.data.ts';

/** Every tracked post's main figures in one table, so a printed report has them all. */
export function PostTable(props: { report: Report }) {
  const f = () => props.report.formulas;
  return (
    <table class="table" aria-label="Posts">
      <thead>
        <tr>
          <th scope="col">Influencer</th>
          <th scope="col">Post</th>
          <th scope="col">Posted</th>
          <FormulaHeader label="Reach" formula={f().directReach} />
          <FormulaHeader label="Earned reach" formula={f().earnedReach} />
          <FormulaHeader label="Engagements" formula={f().engagements} />
          <FormulaHeader label="Cascade size" formula={f().cascadeSize} />
          <FormulaHeader label="Structural virality" formula={f().structuralVirality} />
        </tr>
      </thead>
      <tbody>
        <For each={props.report.posts}>
          {(p) => (
            <tr>
              <td>{p.influencer}</td>
              <td>
                <a href={p.url} target="_blank" rel="noreferrer noopener">
                  {p.authorHandle}
                </a>
                {p.status === 'deleted' ? ' (deleted)' : ''}
              </td>
              <td>{new Date(p.postedAt).toLocaleString()}</td>
              <td>{count(p.directReach)}</td>
              <td>{earned(p.earnedReach)}</td>
              <td>{count(p.engagements)}</td>
              <td>{count(p.cascade.size)}</td>
              <td>{decimal(p.cascade.structuralVirality)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
