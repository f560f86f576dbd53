/**
 * One unit of crawl work each: fetch one page for one task, and save what it brought together
 * with the task's new cursor and the run's counters, in one transaction. A crash between
 * pages loses nothing; a crash inside a page saves nothing and the page is fetched again.
 */
import { and, eq, sql } from 'drizzle-orm';
import { isCrawlError } from '../adapters/http/crawl.errors.ts';
import type { Account, Connector } from '../adapters/platforms/types.ts';
import type { Db } from '../db/client.ts';
import { type CrawlRun, type CrawlTask, crawlRuns, crawlTasks, nicheAccounts } from '../db/schema/index.ts';
import { publicErrorText } from '../lib/error-text.ts';
import { type AccountInput, insertEdges, upsertAccounts } from '../niches/niche-store.ts';

export type TaskContext = {
  db: Db;
  connector: Connector;
  run: CrawlRun;
  signal: AbortSignal;
  /** Attempts the fetcher has sent so far (retries included), to charge requests to the run. */
  sentRequests: () => number;
  leaseUntil: () => Date;
  /** Accounts the run may still add within its budget. */
  accountRoom: number;
};

const maxAttempts = 3;
const searchPages = 2;

export function toAccountInput(a: Account, flags: Partial<AccountInput> = {}): AccountInput {
  return {
    platformId: a.id,
    handle: a.handle,
    nativeId: a.nativeId ?? null,
    displayName: a.displayName ?? null,
    description: a.description ?? null,
    avatarUrl: a.avatarUrl ?? null,
    url: a.url ?? null,
    followersCount: a.followersCount ?? null,
    followsCount: a.followsCount ?? null,
    postsCount: a.postsCount ?? null,
    accountCreatedAt: a.createdAt ?? null,
    hiddenCollections: a.hiddenCollections ?? false,
    ...flags,
  };
}

async function accountOf(db: Db, id: number): Promise<Account> {
  const [row] = await db.select().from(nicheAccounts).where(eq(nicheAccounts.id, id));
  return {
    platform: 'bluesky',
    id: row.platformId,
    handle: row.handle,
    nativeId: row.nativeId ?? undefined,
    followersCount: row.followersCount ?? undefined,
  };
}

type PageResult = {
  accounts: AccountInput[];
  /** Pairs of platform ids: [follower, followed]. */
  edges: [string, string][];
  cursor: string | null;
  done: boolean;
  /** Follow-up tasks keyed by the platform id of their account. */
  followUps?: { kind: 'followers'; platformId: string }[];
  accountUpdates?: { id: number; engagementRate: number | null; postsSampled: number }[];
  /** Accounts the server sent that could not be read: counted as errors, the page goes on. */
  skipped?: number;
  /** Platform ids whose full profile to fetch next, in batches of `profilesBatch`. */
  profilesOf?: string[];
  /** The account whose followers or follows these are (already stored). */
  subject?: { platformId: string; accountId: number };
};

async function fetchPage(ctx: TaskContext, task: CrawlTask): Promise<PageResult> {
  const { connector, signal } = ctx;
  const cursor = task.cursor ?? undefined;
  switch (task.kind) {
    case 'seed': {
      const account = await connector.resolve(task.arg!, { signal });
      return {
        accounts: [toAccountInput(account, { isSeed: true, profileFetched: true })],
        edges: [],
        cursor: null,
        done: true,
        followUps: [{ kind: 'followers', platformId: account.id }],
      };
    }
    case 'search': {
      const page = await connector.search(task.arg!, cursor, { signal });
      const found = page.items.slice(0, ctx.accountRoom);
      return {
        accounts: found.map((a) =>
          toAccountInput(a, { isSeed: true, profileFetched: a.followersCount !== undefined }),
        ),
        edges: [],
        cursor: page.next,
        done: !page.next || task.pages + 1 >= searchPages,
        skipped: page.skipped,
        followUps: found.map((a) => ({ kind: 'followers' as const, platformId: a.id })),
        // Search results carry no counts (Bluesky's searchActors): the seeds' own profiles come
        // next, before their audience, so no seed ends without follower, follow or post counts.
        profilesOf: found.filter((a) => a.followersCount === undefined).map((a) => a.id),
      };
    }
    case 'followers':
    case 'follows': {
      const subject = { ...(await accountOf(ctx.db, task.accountId!)), platform: connector.platform };
      const page =
        task.kind === 'followers'
          ? await connector.followers(subject, cursor, { signal })
          : await connector.follows(subject, cursor, { signal });
      // Never past the account budget: a page that would overflow it is cut and ends the task.
      const items = page.items.slice(0, Math.max(ctx.accountRoom, 0));
      return {
        accounts: items.map((a) => toAccountInput(a, task.kind === 'followers' ? { isAudience: true } : {})),
        edges: items.map((a) => (task.kind === 'followers' ? [a.id, subject.id] : [subject.id, a.id])),
        cursor: page.next,
        done: !page.next || items.length < page.items.length,
        skipped: page.skipped,
        subject: { platformId: subject.id, accountId: task.accountId! },
      };
    }
    case 'profiles': {
      const ids = JSON.parse(task.arg!) as number[];
      const accounts = await Promise.all(ids.map((id) => accountOf(ctx.db, id)));
      const fresh = await connector.profiles(
        accounts.map((a) => ({ ...a, platform: connector.platform })),
        { signal },
      );
      return {
        accounts: fresh.map((a) => toAccountInput(a, { profileFetched: true })),
        edges: [],
        cursor: null,
        done: true,
      };
    }
    case 'posts': {
      const account = { ...(await accountOf(ctx.db, task.accountId!)), platform: connector.platform };
      const posts = await connector.recentPosts(account, 20, { signal });
      const followers = account.followersCount ?? 0;
      const interactions = posts.reduce(
        (sum, p) => sum + p.likes + p.reposts + p.replies + (p.quotes ?? 0),
        0,
      );
      const rate = posts.length > 0 && followers > 0 ? interactions / posts.length / followers : null;
      return {
        accounts: [],
        edges: [],
        cursor: null,
        done: true,
        accountUpdates: [{ id: task.accountId!, engagementRate: rate, postsSampled: posts.length }],
      };
    }
  }
}

/** Runs one page of one task and saves it. Returns when the host asked us to wait, if it did. */
export async function runTask(ctx: TaskContext, task: CrawlTask): Promise<{ retryAt?: number }> {
  const before = ctx.sentRequests();
  let page: PageResult | undefined;
  let failure: Failure | undefined;
  let retryAt: number | undefined;
  try {
    page = await fetchPage(ctx, task);
  } catch (error) {
    if (isCrawlError(error, 'aborted') || ctx.signal.aborted) throw error;
    const message = publicErrorText(error);
    if (isCrawlError(error, 'hidden_collection')) failure = { status: 'skipped', message };
    else if (isCrawlError(error, 'not_found')) failure = { status: 'failed', message };
    else if (isCrawlError(error, 'rate_limited')) {
      // Not the page's fault: keep it pending and come back when the host allows.
      failure = { status: 'pending', message };
      retryAt = error.retryAt ?? Date.now() + 60_000;
    } else {
      const attempts = (task.lastError ? task.lastError.split('\n').length : 0) + 1;
      failure = { status: attempts >= maxAttempts ? 'failed' : 'pending', message };
    }
    if (isCrawlError(error, 'hidden_collection') && task.accountId) {
      await ctx.db
        .update(nicheAccounts)
        .set({ hiddenCollections: true })
        .where(eq(nicheAccounts.id, task.accountId));
    }
  }
  const sent = ctx.sentRequests() - before;
  try {
    await save(ctx, task, sent, page, failure);
  } catch (error) {
    // A page the database refuses is this task's failure, not the run's: record it and go on.
    if (!page) throw error;
    const attempts = (task.lastError ? task.lastError.split('\n').length : 0) + 1;
    const message = `Could not save this page: ${publicErrorText(error)}`;
    await save(ctx, task, sent, undefined, {
      status: attempts >= maxAttempts ? 'failed' : 'pending',
      message,
    });
  }
  return { retryAt };
}

type Failure = { status: 'pending' | 'failed' | 'skipped'; message: string };

/** Saves a page (or a failure) with the task's new state and the run's counters, in one transaction. */
async function save(ctx: TaskContext, task: CrawlTask, sent: number, page?: PageResult, failure?: Failure) {
  await ctx.db.transaction(async (tx) => {
    let newAccounts = 0;
    let newEdges = 0;
    if (page) {
      const { ids, inserted } = await upsertAccounts(tx, ctx.run.nicheId, page.accounts);
      newAccounts = inserted;
      if (page.subject) ids.set(page.subject.platformId, page.subject.accountId);
      const pairs = page.edges.filter(([f, t]) => ids.has(f) && ids.has(t));
      newEdges = await insertEdges(
        tx,
        ctx.run.nicheId,
        pairs.map(([f]) => ids.get(f)!),
        pairs.map(([, t]) => ids.get(t)!),
      );
      const profileIds = (page.profilesOf ?? []).map((id) => ids.get(id)).filter((id) => id !== undefined);
      const batch = ctx.connector.platform === 'bluesky' ? 25 : 1;
      for (let i = 0; i < profileIds.length; i += batch) {
        await tx
          .insert(crawlTasks)
          .values({
            runId: ctx.run.id,
            kind: 'profiles',
            arg: JSON.stringify(profileIds.slice(i, i + batch)),
            priority: 1,
          })
          .onConflictDoNothing();
      }
      for (const followUp of page.followUps ?? []) {
        const accountId = ids.get(followUp.platformId);
        if (accountId) {
          await tx
            .insert(crawlTasks)
            .values({ runId: ctx.run.id, kind: followUp.kind, accountId, priority: 1 })
            .onConflictDoNothing();
        }
      }
      for (const u of page.accountUpdates ?? []) {
        await tx
          .update(nicheAccounts)
          .set({ engagementRate: u.engagementRate, postsSampled: u.postsSampled })
          .where(eq(nicheAccounts.id, u.id));
      }
    }
    await tx
      .update(crawlTasks)
      .set(
        page
          ? { cursor: page.cursor, pages: task.pages + 1, status: page.done ? 'done' : 'pending' }
          : {
              status: failure!.status,
              lastError: [task.lastError, failure!.message].filter(Boolean).join('\n').slice(-2000),
            },
      )
      .where(eq(crawlTasks.id, task.id));
    await tx
      .update(crawlRuns)
      .set({
        requests: sql`${crawlRuns.requests} + ${sent}`,
        accounts: sql`${crawlRuns.accounts} + ${newAccounts}`,
        edges: sql`${crawlRuns.edges} + ${newEdges}`,
        errors: sql`${crawlRuns.errors} + ${(failure ? 1 : 0) + (page?.skipped ?? 0)}`,
        lastError: failure ? failure.message.slice(0, 500) : sql`${crawlRuns.lastError}`,
        leaseUntil: ctx.leaseUntil(),
      })
      .where(and(eq(crawlRuns.id, ctx.run.id)));
  });
}
