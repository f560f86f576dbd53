/**
 * Who may be picked, and at what fee. Every account of the niche with what the plan needs to
 * know about it: audience size, latest score and community, whether it is shortlisted, and the
 * contact it already is (matched like the shortlist matches: by platform and handle), with that
 * contact's do-not-contact flag and the fee agreed on its latest priced deal.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { PlanFees, PlanInputs } from '../db/schema/index.ts';
import { rows } from '../niches/niche-store.ts';

export type Candidate = {
  accountId: number;
  handle: string;
  displayName: string | null;
  /** Platform follower count, or followers inside the niche graph when the platform's is unknown. */
  followers: number | null;
  score: number | null;
  community: number | null;
  shortlisted: boolean;
  contactId: string | null;
  doNotContact: boolean;
  agreedFeeMinor: number | null;
};

type Row = {
  id: string | number;
  handle: string;
  display_name: string | null;
  followers: number | null;
  score: number | null;
  community: number | null;
  shortlisted: boolean;
  contact_id: string | null;
  do_not_contact: boolean | null;
  fee: string | number | null;
};

export async function loadCandidates(
  db: Db,
  niche: { id: string; workspaceId: string; platform: string },
  currency: string,
): Promise<Candidate[]> {
  const platform = niche.platform === 'bluesky' || niche.platform === 'mastodon' ? niche.platform : 'other';
  const found = await rows<Row>(
    db,
    sql`with latest as (
          select id from score_snapshots where niche_id = ${niche.id} order by created_at desc limit 1
        )
        select a.id, a.handle, a.display_name, coalesce(a.followers_count, s.in_degree) as followers,
          s.score, s.community, (l.account_id is not null) as shortlisted,
          coalesce(l.contact_id, csa.contact_id) as contact_id, c.do_not_contact, fee.fee_minor as fee
        from niche_accounts a
        left join niche_scores s on s.account_id = a.id and s.snapshot_id = (select id from latest)
        left join shortlist l on l.niche_id = a.niche_id and l.account_id = a.id
        left join contact_social_accounts csa on csa.workspace_id = ${niche.workspaceId}
          and csa.platform = ${platform} and lower(csa.handle) = lower(ltrim(a.handle, '@'))
        left join contacts c on c.id = coalesce(l.contact_id, csa.contact_id) and c.workspace_id = ${niche.workspaceId}
        left join lateral (
          select d.fee_minor from deals d
          where d.contact_id = c.id and d.workspace_id = ${niche.workspaceId}
            and d.fee_minor is not null and d.currency = ${currency}
          order by d.updated_at desc limit 1
        ) fee on true
        where a.niche_id = ${niche.id}
        order by a.id`,
  );
  return found.map((r) => ({
    accountId: Number(r.id),
    handle: r.handle,
    displayName: r.display_name,
    followers: r.followers === null ? null : Number(r.followers),
    score: r.score === null ? null : Number(r.score),
    community: r.community === null ? null : Number(r.community),
    shortlisted: !!r.shortlisted,
    contactId: r.contact_id ?? null,
    doNotContact: !!r.do_not_contact,
    agreedFeeMinor: r.fee === null ? null : Number(r.fee),
  }));
}

/** An account's fee under the plan's fee source; null when the source does not know it. */
export function feeOf(candidate: Candidate, fees: PlanFees, manual?: Map<number, number>): number | null {
  switch (fees.source) {
    case 'deals':
      return candidate.agreedFeeMinor;
    case 'rate_card':
      return candidate.followers === null
        ? fees.minimumMinor
        : Math.max(fees.minimumMinor, Math.round((candidate.followers / 1000) * fees.perThousandMinor));
    case 'manual':
      return manual?.get(candidate.accountId) ?? null;
  }
}

export type Eligibility = {
  /** Accounts the planner may choose, each with its fee (null: unknown, only allowed when planning for k). */
  eligible: { candidate: Candidate; feeMinor: number | null }[];
  fixed: { candidate: Candidate; feeMinor: number | null }[];
  excludedDoNotContact: number;
  withoutFee: number;
};

/** Applies the plan's filters: the eligible set, always without do-not-contact contacts. */
export function eligibility(candidates: Candidate[], inputs: PlanInputs): Eligibility {
  const manual =
    inputs.fees.source === 'manual'
      ? new Map(inputs.fees.fees.map((f) => [f.accountId, f.feeMinor]))
      : undefined;
  const fixedIds = new Set(inputs.fixed);
  const needFee = inputs.goal.kind === 'budget';
  const result: Eligibility = { eligible: [], fixed: [], excludedDoNotContact: 0, withoutFee: 0 };
  for (const candidate of candidates) {
    const feeMinor = feeOf(candidate, inputs.fees, manual);
    if (fixedIds.has(candidate.accountId)) {
      result.fixed.push({ candidate, feeMinor });
      continue;
    }
    const inScope =
      inputs.eligible.kind === 'all' ||
      (inputs.eligible.kind === 'shortlist' && candidate.shortlisted) ||
      (inputs.eligible.kind === 'community' && candidate.community === inputs.eligible.community);
    if (!inScope) continue;
    if (candidate.doNotContact) {
      result.excludedDoNotContact++;
      continue;
    }
    if (needFee && feeMinor === null) {
      result.withoutFee++;
      continue;
    }
    result.eligible.push({ candidate, feeMinor });
  }
  return result;
}
