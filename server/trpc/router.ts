import { apiKeysRouter } from '../api-keys/api-keys.router.ts';
import { auditRouter } from '../audit/audit.router.ts';
import { authRouter } from '../auth/auth.router.ts';
import { campaignsRouter } from '../campaigns/campaigns.router.ts';
import { contactsRouter } from '../contacts/contacts.router.ts';
import { crawlsRouter } from '../crawl/crawls.router.ts';
import { dealsRouter } from '../deals/deals.router.ts';
import { leaderboardRouter } from '../leaderboard/leaderboard.router.ts';
import { nichesRouter } from '../niches/niches.router.ts';
import { outreachRouter } from '../outreach/outreach.router.ts';
import { plansRouter } from '../plans/plans.router.ts';
import { reportsRouter } from '../reports/reports.router.ts';
import { shortlistRouter } from '../shortlist/shortlist.router.ts';
import { stagesRouter } from '../stages/stages.router.ts';
import { trackingRouter } from '../tracking/tracking.router.ts';
import { workspacesRouter } from '../workspaces/workspaces.router.ts';
import { router } from './init.ts';

export const appRouter = router({
  auth: authRouter,
  workspaces: workspacesRouter,
  apiKeys: apiKeysRouter,
  contacts: contactsRouter,
  campaigns: campaignsRouter,
  stages: stagesRouter,
  deals: dealsRouter,
  audit: auditRouter,
  niches: nichesRouter,
  crawls: crawlsRouter,
  leaderboard: leaderboardRouter,
  shortlist: shortlistRouter,
  plans: plansRouter,
  tracking: trackingRouter,
  reports: reportsRouter,
  outreach: outreachRouter,
});

export type AppRouter = typeof appRouter;
