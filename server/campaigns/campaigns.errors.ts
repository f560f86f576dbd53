import { AppError } from '../lib/app-error.ts';

export type CampaignErrorCode = 'campaign_not_found' | 'stale_version' | 'owner_not_member' | 'over_budget';

export class CampaignError extends AppError<CampaignErrorCode> {}
