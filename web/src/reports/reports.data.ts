import { query } from '@solidjs/router';
import { trpc } from '../lib/trpc.ts';

export const getReport = query((campaignId: string) => trpc.reports.campaign.query({ campaignId }), 'report');
export const getReportCsv = (campaignId: string) => trpc.reports.csv.query({ campaignId });
export const getMeasurementSettings = query(() => trpc.tracking.settings.query(), 'measurementSettings');

export type Report = Awaited<ReturnType<typeof trpc.reports.campaign.query>>;
export type ReportPost = Report['posts'][number];
export type FormulaKey = keyof Report['formulas'];
