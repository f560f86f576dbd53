/** `murmur report --campaign NAME [--format csv|json]`: a campaign's measured report on stdout. */
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { CampaignError } from '../campaigns/campaigns.errors.ts';
import { campaigns } from '../db/schema/index.ts';
import { reportCsv } from '../reports/report-csv.ts';
import { type CampaignReport, campaignReport } from '../reports/reports.service.ts';
import { UsageError } from './cli-errors.ts';
import { withWorkspace } from './track-command.ts';

const show = (v: number | null, digits = 0) => (v === null ? 'unknown' : v.toFixed(digits));
const direct = (v: number | null, kind: 'union' | 'sum') =>
  kind === 'sum' && v !== null ? `${show(v)} (sum of audiences)` : show(v);
const earned = (e: CampaignReport['totals']['earnedReach']) =>
  e.kind === 'exact'
    ? `${e.value} (exact)`
    : `${e.value} (estimate ± ${e.plusMinusPercent ?? '?'}%, ${e.low}–${e.high ?? '?'})`;

export async function reportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { campaign: { type: 'string' }, format: { type: 'string' }, workspace: { type: 'string' } },
  });
  const format = values.format ?? 'text';
  if (!values.campaign || !['csv', 'json', 'text'].includes(format))
    throw new UsageError('Usage: murmur report --campaign NAME [--format csv|json] [--workspace NAME]');
  return withWorkspace(values.workspace, async (database, workspaceId) => {
    const [campaign] = await database.db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(
        and(
          eq(campaigns.workspaceId, workspaceId),
          eq(sql`lower(${campaigns.name})`, values.campaign!.toLowerCase()),
        ),
      );
    if (!campaign) throw new CampaignError('campaign_not_found', `No campaign named "${values.campaign}".`);
    const report = await campaignReport(database.db, workspaceId, campaign.id);
    if (format === 'csv') process.stdout.write(reportCsv(report));
    else if (format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const t = report.totals;
      process.stdout.write(
        `${report.campaign.name}: ${t.posts} posts, each account counted once: direct reach ${direct(t.directReach, t.directReachKind)}, earned reach ${earned(t.earnedReach)}, engagements ${show(t.engagements)}\n`,
      );
      for (const i of report.influencers)
        process.stdout.write(
          `  ${i.influencer}\t${i.posts} posts\treach ${direct(i.directReach, i.directReachKind)}\tearned ${earned(i.earnedReach)}\tengagements ${show(i.engagements)}\tvirality ${show(i.structuralVirality, 2)}\n`,
        );
    }
    return 0;
  });
}
