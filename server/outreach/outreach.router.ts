/**
 * `outreach.*`: mailboxes (admins), sender identity, templates, compose, sequences and
 * enrolment, the outbox and sent log, suppressions, and queue status. Every read and write is
 * scoped to the caller's workspace; another workspace's ids read as not found.
 */
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { adminProcedure, authedProcedure, router, writerProcedure } from '../trpc/init.ts';
import { composeAndQueue } from './compose.service.ts';
import { enrolDeals, previewEnrolment } from './enrol.service.ts';
import { senderIdentityOf, setSenderIdentity } from './identities.service.ts';
import { inboxRouter } from './inbox/inbox.router.ts';
import { sendTestEmail } from './mailbox-test.ts';
import {
  createMailbox,
  listMailboxes,
  removeMailbox,
  setWorkspaceTimeZone,
  updateMailbox,
  workspaceTimeZone,
} from './mailboxes.service.ts';
import { cancelMessage, outbox, queueStatus, sentLog, sequenceStats } from './outbox.service.ts';
import { suppressAddress } from './outreach.hooks.ts';
import {
  composeInput,
  enrolInput,
  identityInput,
  idInput,
  mailboxInput,
  messageFilter,
  previewInput,
  sequenceInput,
  settingsInput,
  suppressionInput,
  templateInput,
  testEmailInput,
} from './outreach.schemas.ts';
import { kickSender, outreachBaseUrl } from './send.job.ts';
import {
  createSequence,
  getSequence,
  listSequences,
  removeSequence,
  updateSequence,
} from './sequences.service.ts';
import { listSuppressions, removeSuppression } from './suppressions.service.ts';
import { mergeFields } from './template-render.ts';
import {
  createTemplate,
  getTemplate,
  listTemplates,
  previewTemplate,
  removeTemplate,
  updateTemplate,
} from './templates.service.ts';

const merge = (ctx: Context & { workspaceId: string; userId: string }) => ({
  secret: ctx.secret,
  baseUrl: outreachBaseUrl(ctx.config),
  workspaceId: ctx.workspaceId,
  userId: ctx.userId,
});

const mailboxProcedures = {
  mailboxes: authedProcedure.query(({ ctx }) => listMailboxes(ctx.db, ctx.workspaceId)),
  createMailbox: adminProcedure
    .input(mailboxInput)
    .mutation(({ ctx, input }) => createMailbox(ctx.db, ctx.secret, ctx.workspaceId, input, ctx.now())),
  updateMailbox: adminProcedure
    .input(mailboxInput.extend({ id: z.uuid() }))
    .mutation(({ ctx, input: { id, ...input } }) =>
      updateMailbox(ctx.db, ctx.secret, ctx.workspaceId, id, input, ctx.now()),
    ),
  removeMailbox: adminProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => removeMailbox(ctx.db, ctx.workspaceId, input.id)),
  /** Sends one real message; says whether DNS, TLS, authentication or the relay failed. */
  testMailbox: adminProcedure
    .input(testEmailInput)
    .mutation(({ ctx, input }) =>
      sendTestEmail(ctx.db, ctx.secret, ctx.workspaceId, input.id, input.to, ctx.now()),
    ),
};

const templateProcedures = {
  templates: authedProcedure.query(({ ctx }) => listTemplates(ctx.db, ctx.workspaceId)),
  template: authedProcedure
    .input(idInput)
    .query(({ ctx, input }) => getTemplate(ctx.db, ctx.workspaceId, input.id)),
  mergeFields: authedProcedure.query(() =>
    Object.entries(mergeFields).map(([name, label]) => ({ name, label })),
  ),
  createTemplate: writerProcedure
    .input(templateInput)
    .mutation(({ ctx, input }) => createTemplate(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
  updateTemplate: writerProcedure
    .input(templateInput.extend({ id: z.uuid() }))
    .mutation(({ ctx, input: { id, ...input } }) =>
      updateTemplate(ctx.db, ctx.workspaceId, id, input, ctx.now()),
    ),
  removeTemplate: writerProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => removeTemplate(ctx.db, ctx.workspaceId, input.id)),
  /** The template rendered for one contact, and which merge fields that contact lacks. */
  previewTemplate: authedProcedure
    .input(previewInput)
    .query(({ ctx, input }) => previewTemplate(ctx.db, merge(ctx), input)),
};

const sequenceProcedures = {
  sequences: authedProcedure.query(({ ctx }) => listSequences(ctx.db, ctx.workspaceId)),
  sequence: authedProcedure
    .input(idInput)
    .query(({ ctx, input }) => getSequence(ctx.db, ctx.workspaceId, input.id)),
  createSequence: writerProcedure
    .input(sequenceInput)
    .mutation(({ ctx, input }) => createSequence(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
  updateSequence: writerProcedure
    .input(sequenceInput.extend({ id: z.uuid() }))
    .mutation(({ ctx, input: { id, ...input } }) =>
      updateSequence(ctx.db, ctx.workspaceId, id, input, ctx.now()),
    ),
  removeSequence: writerProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => removeSequence(ctx.db, ctx.workspaceId, input.id, ctx.now())),
  sequenceStats: authedProcedure
    .input(idInput)
    .query(({ ctx, input }) => sequenceStats(ctx.db, ctx.workspaceId, input.id)),
  /** Who would get what and when; who is left out and why. Books nothing. */
  previewEnrol: writerProcedure
    .input(enrolInput)
    .query(({ ctx, input }) =>
      previewEnrolment(ctx.db, merge(ctx), input.sequenceId, input.dealIds, ctx.now()),
    ),
  enrol: writerProcedure.input(enrolInput).mutation(async ({ ctx, input }) => {
    const result = await enrolDeals(ctx.db, merge(ctx), input.sequenceId, input.dealIds, ctx.now());
    await kickSender(ctx.queue);
    return result;
  }),
};

export const outreachRouter = router({
  ...mailboxProcedures,
  ...templateProcedures,
  ...sequenceProcedures,
  inbox: inboxRouter,
  settings: authedProcedure.query(async ({ ctx }) => ({
    timeZone: await workspaceTimeZone(ctx.db, ctx.workspaceId),
  })),
  updateSettings: adminProcedure
    .input(settingsInput)
    .mutation(({ ctx, input }) => setWorkspaceTimeZone(ctx.db, ctx.workspaceId, input.timeZone, ctx.now())),
  identity: authedProcedure.query(({ ctx }) => senderIdentityOf(ctx.db, ctx.workspaceId, ctx.userId)),
  setIdentity: writerProcedure
    .input(identityInput)
    .mutation(({ ctx, input }) => setSenderIdentity(ctx.db, ctx.workspaceId, ctx.userId, input, ctx.now())),
  /** One email to a contact (optionally through a deal). Refused when a merge field is empty. */
  compose: writerProcedure.input(composeInput).mutation(async ({ ctx, input }) => {
    const queued = await composeAndQueue(ctx.db, merge(ctx), input, ctx.now());
    await kickSender(ctx.queue);
    return queued;
  }),
  outbox: authedProcedure
    .input(z.object({ contactId: z.uuid().optional(), dealId: z.uuid().optional() }).prefault({}))
    .query(({ ctx, input }) => outbox(ctx.db, ctx.workspaceId, input)),
  sent: authedProcedure
    .input(messageFilter)
    .query(({ ctx, input }) => sentLog(ctx.db, ctx.workspaceId, input)),
  cancel: writerProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => cancelMessage(ctx.db, ctx.workspaceId, input.id, ctx.now())),
  status: authedProcedure.query(({ ctx }) => queueStatus(ctx.db, ctx.workspaceId, ctx.now())),
  suppressions: authedProcedure.query(({ ctx }) => listSuppressions(ctx.db, ctx.workspaceId)),
  suppress: writerProcedure
    .input(suppressionInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) =>
        suppressAddress(tx, ctx.workspaceId, input.address, input.reason, ctx.now()),
      ),
    ),
  unsuppress: adminProcedure
    .input(z.object({ address: z.string().min(3).max(320) }))
    .mutation(({ ctx, input }) => removeSuppression(ctx.db, ctx.workspaceId, input.address)),
});
