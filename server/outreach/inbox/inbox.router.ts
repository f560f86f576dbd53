/** `outreach.inbox.*`: replies to handle, auto-replies and bounces, reading a mailbox now, and its settings. */
import { adminProcedure, authedProcedure, router, writerProcedure } from '../../trpc/init.ts';
import { checkInbox } from './check-inbox.ts';
import { describeImapFailure, imapSettingsOf } from './imap-connection.ts';
import { InboxError } from './inbox.errors.ts';
import {
  checkInput,
  inboundId,
  inboxListInput,
  mailboxIdInput,
  markHandledInput,
  repliedStageInput,
} from './inbox.schemas.ts';
import {
  getInbound,
  getInboxSettings,
  inboxCounts,
  listInbox,
  mailboxOf,
  markHandled,
  setRepliedStage,
  syncStatus,
} from './inbox.service.ts';
import { syncMailbox } from './inbox-sync.ts';

export const inboxRouter = router({
  list: authedProcedure
    .input(inboxListInput)
    .query(({ ctx, input }) => listInbox(ctx.db, ctx.workspaceId, input)),
  counts: authedProcedure.query(({ ctx }) => inboxCounts(ctx.db, ctx.workspaceId)),
  byId: authedProcedure
    .input(inboundId)
    .query(({ ctx, input }) => getInbound(ctx.db, ctx.workspaceId, input.id)),
  markHandled: writerProcedure
    .input(markHandledInput)
    .mutation(({ ctx, input }) => markHandled(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
  /** When each mailbox was last read, and why the last read failed. */
  status: authedProcedure.query(({ ctx }) => syncStatus(ctx.db, ctx.workspaceId)),
  /** Reads the mailbox now (the background job does the same every minute). */
  sync: writerProcedure.input(mailboxIdInput).mutation(async ({ ctx, input }) => {
    await mailboxOf(ctx.db, ctx.workspaceId, input.mailboxId);
    try {
      return await syncMailbox({ db: ctx.db, secret: ctx.secret, now: ctx.now }, input.mailboxId);
    } catch (error) {
      if (error instanceof InboxError) throw error;
      // The reason is stored on the folder too (status); the caller gets it now.
      const mailbox = await mailboxOf(ctx.db, ctx.workspaceId, input.mailboxId);
      const described = describeImapFailure(error, {
        host: mailbox.imapHost ?? '',
        port: mailbox.imapPort ?? 0,
        user: mailbox.imapUser ?? '',
        folder: mailbox.imapFolder,
      });
      throw new InboxError('imap_failed', described.message, { cause: error });
    }
  }),
  settings: authedProcedure.query(({ ctx }) => getInboxSettings(ctx.db, ctx.workspaceId)),
  updateSettings: adminProcedure
    .input(repliedStageInput)
    .mutation(({ ctx, input }) => setRepliedStage(ctx.db, ctx.workspaceId, input.repliedStageId, ctx.now())),
  /** Settings → Email's "Check the inbox": a saved mailbox, or settings typed into the form. */
  check: adminProcedure.input(checkInput).mutation(async ({ ctx, input }) => {
    if ('mailboxId' in input) {
      const mailbox = await mailboxOf(ctx.db, ctx.workspaceId, input.mailboxId);
      return checkInbox(imapSettingsOf(mailbox, ctx.secret));
    }
    return checkInbox(input);
  }),
});
