import { action, json, query, redirect, revalidate } from '@solidjs/router';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { GraphFormat } from '../../../server/graph-files/graph-format.ts';
import { type AppRouter, trpc } from '../lib/trpc.ts';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;
export type NicheSummary = Outputs['niches']['list'][number];
export type NicheDetails = Outputs['niches']['byId'];
export type CrawlProgress = NonNullable<Outputs['crawls']['progress']>;
export type LeaderboardPage = Outputs['leaderboard']['list'];
export type LeaderboardRow = LeaderboardPage['rows'][number];
export type LeaderboardQuery = Omit<Inputs['leaderboard']['list'], 'offset' | 'limit'>;
export type AccountDetails = Outputs['leaderboard']['account'];
export type MapData = Outputs['leaderboard']['graph'];
export type CommunitiesData = Outputs['leaderboard']['communities'];
export type NewNicheInput = Inputs['niches']['create'];

export const busyStatuses = ['crawling', 'importing', 'scoring'] as const;
export const isBusy = (status: string) => (busyStatuses as readonly string[]).includes(status);

export const getNiches = query(() => trpc.niches.list.query(), 'niches');
export const getNiche = query((id: string) => trpc.niches.byId.query({ id }), 'niche');
export const getCrawlProgress = query(
  (nicheId: string) => trpc.crawls.progress.query({ nicheId }),
  'crawlProgress',
);
export const getAccount = query(
  (nicheId: string, accountId: number) => trpc.leaderboard.account.query({ nicheId, accountId }),
  'leaderboardAccount',
);
export const getMapData = query(
  (nicheId: string, snapshotId: string | undefined) =>
    trpc.leaderboard.graph.query({ nicheId, snapshotId, maxNodes: 3000 }),
  'leaderboardGraph',
);
export const getCommunities = query(
  (nicheId: string, snapshotId: string | undefined) =>
    trpc.leaderboard.communities.query({ nicheId, snapshotId }),
  'leaderboardCommunities',
);
export const getChanges = query(
  (nicheId: string, fromSnapshotId: string, toSnapshotId: string) =>
    trpc.leaderboard.compare.query({ nicheId, fromSnapshotId, toSnapshotId, limit: 20 }),
  'leaderboardCompare',
);

/** One window of the leaderboard; the virtual table keeps its own page cache. */
export function fetchLeaderboardPage(input: LeaderboardQuery, offset: number, limit: number) {
  return trpc.leaderboard.list.query({ ...input, offset, limit });
}

export const createNiche = action(async (input: NewNicheInput) => {
  const created = await trpc.niches.create.mutate(input);
  await revalidate(getNiches.key);
  return created;
}, 'createNiche');

export const createDemoNiche = action(async () => {
  const demo = await trpc.niches.createDemo.mutate();
  await revalidate(getNiches.key);
  throw redirect(`/discover/${demo.id}`);
}, 'createDemoNiche');

const refreshNiche = (nicheId: string) =>
  revalidate([getNiche.keyFor(nicheId), getCrawlProgress.keyFor(nicheId), getNiches.key]);

export const crawlCommand = action(
  async (nicheId: string, command: 'start' | 'pause' | 'resume' | 'cancel' | 'score') => {
    if (command === 'score') await trpc.niches.score.mutate({ nicheId });
    else await trpc.crawls[command].mutate({ nicheId });
    await refreshNiche(nicheId);
  },
  'crawlCommand',
);

/** Names a community (an empty name goes back to its top accounts); the lists that show names reload. */
export const renameCommunity = action(
  async (input: { nicheId: string; snapshotId: string; communityId: number; name: string }) => {
    await trpc.niches.renameCommunity.mutate(input);
    return json(null, { revalidate: [getCommunities.key, getMapData.key] });
  },
  'renameCommunity',
);

// These two answer with the keys to refresh: only the account panel shows shortlist state
// (the leaderboard keeps its own), so the niche and its insights need not reload.
export const setShortlisted = action(async (nicheId: string, accountId: number, on: boolean) => {
  if (on) await trpc.shortlist.add.mutate({ nicheId, accountIds: [accountId] });
  else await trpc.shortlist.remove.mutate({ nicheId, accountId });
  return json(null, { revalidate: getAccount.key });
}, 'setShortlisted');

/** Every shortlisted account of the niche (or just `accountIds`) becomes, or links to, a contact. */
export const addToContacts = action(async (nicheId: string, accountIds?: number[]) => {
  const ids = accountIds ?? (await trpc.shortlist.list.query({ nicheId })).map((e) => e.accountId);
  const result =
    ids.length === 0
      ? { created: 0, linked: 0, results: [] }
      : await trpc.shortlist.addToContacts.mutate({ nicheId, accountIds: ids });
  return json(result, { revalidate: [getAccount.key, 'contacts'] });
}, 'addToContacts');

export type UploadProgress = { loaded: number; total: number };

/**
 * Sends graph files to the import endpoint. XMLHttpRequest, not fetch, because only it
 * reports upload progress; the header is what the CSRF guard checks.
 */
export function uploadGraphFiles(
  nicheId: string,
  files: {
    edges: File;
    accounts?: File;
    format: GraphFormat;
    /** Each edge is a mutual tie: import it as two follows. */
    mutual?: boolean;
    /** The accounts file's column that holds the node ids used in the edges file. */
    accountsIdColumn?: string;
  },
  onProgress: (p: UploadProgress) => void,
): Promise<unknown> {
  const body = new FormData();
  body.append('edges', files.edges);
  if (files.accounts) body.append('accounts', files.accounts);
  body.append('format', files.format);
  if (files.mutual) body.append('mutual', 'true');
  if (files.accounts && files.accountsIdColumn) body.append('accountsIdColumn', files.accountsIdColumn);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/niches/${encodeURIComponent(nicheId)}/import`);
    request.setRequestHeader('x-murmur-client', 'web');
    request.upload.onprogress = (e) =>
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    request.onload = () => {
      let data: { error?: { message?: string } } | undefined;
      try {
        data = JSON.parse(request.responseText);
      } catch {}
      if (request.status >= 200 && request.status < 300) resolve(data);
      else reject(new Error(data?.error?.message ?? `Upload failed (${request.status}).`));
    };
    request.onerror = () => reject(new Error('Upload failed: the server could not be reached.'));
    request.send(body);
  });
}

/** The column names on a CSV file's first line (read from its first few kilobytes). */
export async function csvColumns(file: File): Promise<string[]> {
  const head = await file.slice(0, 8192).text();
  const line = head.split(/\r?\n/)[0] ?? '';
  const delimiter = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
  return line
    .split(delimiter)
    .map((c) => c.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}
