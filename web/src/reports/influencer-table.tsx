import { For } from 'solid-js';
import { count, decimal, direct, earned, money } from './format.ts';
import { FormulaHeader } from './metric.tsx';
import type { Report } from './reports.data.ts';

/** Per influencer: posts, reach, earned reach, engagements, structural virality, cost per engagement. */
export function InfluencerTable(props: { report: Report }) {
  const f = () => props.report.formulas;
  return (
    <table class="table" aria-label="Influencers">
      <thead>
        <tr>
          <th scope="col">Influencer</th>
          <th scope="col">Posts</th>
          <FormulaHeader label="Reach" formula={f().directReach} />
          <FormulaHeader label="Earned reach" formula={f().earnedReach} />
          <FormulaHeader label="Engagements" formula={f().engagements} />
          <FormulaHeader label="Structural virality" formula={f().structuralVirality} />
          <FormulaHeader label="Cost per engagement" formula={f().costPerEngagement} />
        </tr>
      </thead>
      <tbody>
        <For each={props.report.influencers}>
          {(i) => (
            <tr>
              <td>
                <a href={`/deals/${i.dealId}`}>{i.influencer}</a>
              </td>
              <td>{i.posts}</td>
              <td>{direct(i.directReach, i.directReachKind)}</td>
              <td>{earned(i.earnedReach)}</td>
              <td>{count(i.engagements)}</td>
              <td>{decimal(i.structuralVirality)}</td>
              <td>
                {money(
                  i.costPerEngagementMinor === null ? null : Math.round(i.costPerEngagementMinor),
                  i.currency,
                )}
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
