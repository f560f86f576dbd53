/**
 * A marketer connects a mailbox, writes a template, sends one email from a deal and enrols
 * deals into a three-step sequence; we read what arrived at a real SMTP server: headers, the
 * thread chain, List-Unsubscribe (signed, one click), DKIM verified with mailauth, MIME parts
 * and merge results. The sender runs in-process on the test's clock.
 */
import { generateKeyPairSync } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { createSender, type Sender } from '../server/outreach/sender.ts';
import { createTestApp, testSecret, userInWorkspace } from './support/app.ts';
import { type Api, callerFor } from './support/caller.ts';
import { openTestDatabase, testDatabaseKinds } from './support/database.ts';
import { startTestSmtp, type TestSmtp } from './support/smtp-server.ts';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
/** The feature's error code and message of a refused call. */
async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: (error.cause as { code?: string } | undefined)?.code, message: error.message };
  }
  throw new Error('Expected the call to fail, and it succeeded.');
}
const header = (raw: string, name: string) =>
  new RegExp(`^${name}:\\s*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im')
    .exec(raw)?.[1]
    ?.replace(/\r?\n[ \t]+/g, ' ') ?? null;

describe.each(testDatabaseKinds)('outreach email on %s', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>;
  let smtp: TestSmtp;
  let mia: Api;
  let olly: Api;
  let sender: Sender;
  let now = new Date('2026-03-02T09:00:00Z'); // a Monday, inside the default window
  const clock = () => now;
  const deal: Record<string, string> = {};
  const contact: Record<string, string> = {};
  let mailboxId: string;
  let introId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = createTestApp(database);
    smtp = await startTestSmtp({
      auth: { user: 'mia', pass: 'smtp-secret-1' },
      rcpt: (a) => (a.endsWith('@refused.test') ? 550 : undefined),
    });
    mia = callerFor(
      database,
      await userInWorkspace(app, database, { email: 'mia@agency.test', workspace: 'Agency' }),
      { now: clock },
    );
    olly = callerFor(
      database,
      await userInWorkspace(app, database, { email: 'olly@other.test', workspace: 'Other' }),
      { now: clock },
    );
    const campaign = await mia.campaigns.create({
      name: 'Spring Vegan Launch',
      brief: 'Read the brief: https://brief.example/spring',
      currency: 'EUR',
    });
    const people = [
      {
        name: 'Ada <b>Lovelace</b>',
        emails: ['ada@example.com'],
        socialAccounts: [{ platform: 'bluesky' as const, handle: 'ada.bsky.social' }],
      },
      { name: 'Ben Okri', emails: ['ben@example.com'] },
      { name: 'Cleo', emails: [] },
      {
        name: 'Dan Brown',
        emails: ['dan@example.com'],
        socialAccounts: [{ platform: 'bluesky' as const, handle: 'dan.bsky.social' }],
      },
    ];
    for (const p of people) contact[p.name.split(' ')[0] as string] = (await mia.contacts.create(p)).id;
    const added = await mia.deals.create({ campaignId: campaign.id, contactIds: Object.values(contact) });
    for (const a of added.added)
      deal[Object.keys(contact).find((k) => contact[k] === a.contactId) as string] = a.dealId;
    sender = createSender({
      db: database.db,
      secret: testSecret,
      baseUrl: 'http://localhost:3000',
      now: clock,
      logger: pino({ level: 'silent' }),
      rng: () => 0.5,
    });
  });
  afterAll(async () => {
    sender.close();
    await smtp.close();
    await database.close();
  });

  it('connects a mailbox without ever handing its secrets back', async () => {
    const mailbox = await mia.outreach.createMailbox({
      name: 'Mia at Agency',
      fromAddress: 'mia@agency.test',
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
      smtpTls: 'none',
      smtpUser: 'mia',
      smtpPassword: 'smtp-secret-1',
      dkimDomain: 'agency.test',
      dkimSelector: 'murmur',
      dkimPrivateKey: privateKey,
      dailyCap: null,
      hourlyCap: null,
      spacingMinutes: 0,
    });
    mailboxId = mailbox.id;
    expect(mailbox).toMatchObject({ hasSmtpPassword: true, hasDkimKey: true });
    expect(JSON.stringify(await mia.outreach.mailboxes())).not.toMatch(/smtp-secret-1|PRIVATE KEY/);
    const stored = await database.raw.query<{ p: string }>('select smtp_password_sealed as p from mailboxes');
    expect(stored.rows[0]?.p).toMatch(/^v1\./);
    await mia.outreach.setIdentity({
      mailboxId,
      fromName: 'Mia from Agency',
      signatureHtml: '<p>Mia · Agency</p>',
    });
  });

  it('says exactly what failed when the test email cannot go', async () => {
    expect(await mia.outreach.testMailbox({ id: mailboxId, to: 'me@agency.test' })).toMatchObject({
      ok: true,
    });
    expect(await mia.outreach.testMailbox({ id: mailboxId, to: 'x@refused.test' })).toMatchObject({
      ok: false,
      kind: 'relay_refused',
    });
    const wrong = await mia.outreach.createMailbox({
      name: 'Wrong',
      fromAddress: 'mia@agency.test',
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
      smtpTls: 'none',
      smtpUser: 'mia',
      smtpPassword: 'nope',
    });
    expect(await mia.outreach.testMailbox({ id: wrong.id, to: 'me@agency.test' })).toMatchObject({
      ok: false,
      kind: 'auth',
    });
    const tls = await mia.outreach.updateMailbox({ ...wrong, id: wrong.id, smtpTls: 'starttls' });
    expect(await mia.outreach.testMailbox({ id: tls.id, to: 'me@agency.test' })).toMatchObject({
      ok: false,
      kind: 'tls',
    });
    const dns = await mia.outreach.updateMailbox({
      ...wrong,
      id: wrong.id,
      smtpHost: 'smtp.nowhere.invalid',
      smtpTls: 'implicit',
    });
    expect(await mia.outreach.testMailbox({ id: dns.id, to: 'me@agency.test' })).toMatchObject({
      ok: false,
      kind: 'dns',
    });
    expect(
      await failure(
        mia.outreach.updateMailbox({
          ...wrong,
          id: wrong.id,
          smtpHost: 'smtp.example.com',
          smtpTls: 'none',
        }),
      ),
    ).toMatchObject({ code: 'insecure_smtp' });
    await mia.outreach.removeMailbox({ id: wrong.id });
  });

  it('previews a template per contact and lists who lacks which merge field', async () => {
    const intro = await mia.outreach.createTemplate({
      name: 'Intro',
      subject: 'Hi {{firstName}}, {{campaignName}}?',
      bodyHtml:
        '<p>Hi {{firstName}},</p><p>We loved your posts as {{handle.bluesky}}. Fee: {{fee}}. Brief: {{briefLink}}</p>{{{signature}}}',
    });
    introId = intro.id;
    const ada = await mia.outreach.previewTemplate({
      ...intro,
      contactId: contact.Ada as string,
      dealId: deal.Ada,
    });
    expect(ada.html).toContain('Hi Ada,'); // the name "Ada <b>Lovelace</b>" splits at the first space
    expect(ada.missing).toEqual(['fee']);
    const ben = await mia.outreach.previewTemplate({
      ...intro,
      contactId: contact.Ben as string,
      dealId: deal.Ben,
    });
    expect(ben.missing.sort()).toEqual(['fee', 'handle.bluesky']);
    expect(
      await failure(mia.outreach.createTemplate({ name: 'Bad', subject: 'x', bodyHtml: '{{shoeSize}}' })),
    ).toMatchObject({ code: 'bad_template' });
  });

  it('refuses to send with a blank, then sends one email from a deal, escaped, signed and unsubscribable', async () => {
    const template = await mia.outreach.template({ id: introId });
    const blocked = await failure(
      mia.outreach.compose({
        contactId: contact.Ada as string,
        dealId: deal.Ada,
        subject: template.subject,
        bodyHtml: template.bodyHtml,
      }),
    );
    expect(blocked).toMatchObject({ code: 'merge_fields_missing' });
    expect(blocked.message).toContain('fee');
    const { version } = (await mia.deals.byId({ id: deal.Ada as string })) as { version: number };
    await mia.deals.update({ id: deal.Ada as string, version, feeMinor: 25_000 });
    const queued = await mia.outreach.compose({
      contactId: contact.Ada as string,
      dealId: deal.Ada,
      subject: template.subject,
      bodyHtml: '<p>Hi {{name}}, fee {{fee}}</p>',
      idempotencyKey: 'compose-ada-1',
    });
    const again = await mia.outreach.compose({
      contactId: contact.Ada as string,
      dealId: deal.Ada,
      subject: template.subject,
      bodyHtml: '<p>Hi {{name}}, fee {{fee}}</p>',
      idempotencyKey: 'compose-ada-1',
    });
    expect(again.id).toBe(queued.id);
    await sender.drain();
    const [sent] = await mia.outreach.sent({});
    expect(sent).toMatchObject({
      status: 'sent',
      toAddress: 'ada@example.com',
      smtpResponse: expect.stringContaining('queued'),
    });
    const [got] = smtp.withId(sent?.messageId as string);
    const raw = got?.raw as string;
    expect(header(raw, 'Subject')).toBe('Hi Ada, Spring Vegan Launch?');
    expect(header(raw, 'From')).toBe('Mia from Agency <mia@agency.test>');
    const parsed = await simpleParser(raw);
    expect(parsed.html).toContain('<p>Hi Ada &lt;b&gt;Lovelace&lt;/b&gt;, fee €250.00</p>');
    expect(parsed.text).toContain('Hi Ada <b>Lovelace</b>, fee €250.00');
    expect(header(raw, 'Content-Type')).toMatch(/multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: text\/plain[\s\S]*Content-Type: text\/html/);
    expect(header(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(raw, 'List-Unsubscribe')).toMatch(
      /^<http:\/\/localhost:3000\/unsubscribe\/[\w.-]+>, <mailto:mia@agency\.test\?subject=unsubscribe/,
    );
    expect(parsed.html).toMatch(/<a href="http:\/\/localhost:3000\/unsubscribe\/[\w.-]+">Unsubscribe<\/a>/); // the visible link
    const dkim = await dkimVerify(Buffer.from(raw), {
      resolver: async (name: string) =>
        name === 'murmur._domainkey.agency.test' ? [[`v=DKIM1; k=rsa; p=${publicKey}`]] : [],
    });
    expect(dkim.results[0]?.status.result).toBe('pass');
    expect(header(raw, 'DKIM-Signature')).toMatch(/h=[^;]*List-Unsubscribe:List-Unsubscribe-Post/i);
  });

  it('enrols deals into a three-step sequence, excluding who cannot be mailed, and threads the follow-ups', async () => {
    const follow = await mia.outreach.createTemplate({
      name: 'Follow-up',
      subject: 'ignored',
      bodyHtml: '<p>Any thoughts, {{firstName}}?</p>',
    });
    const last = await mia.outreach.createTemplate({
      name: 'Last call',
      subject: 'ignored',
      bodyHtml: '<p>Last call, {{firstName}}.</p>',
    });
    const easy = await mia.outreach.createTemplate({
      name: 'Easy intro',
      subject: 'Hello {{firstName}}',
      bodyHtml: '<p>Hello {{firstName}}</p>',
    });
    const sequence = await mia.outreach.createSequence({
      name: 'Three steps',
      steps: [
        { delayDays: 0, templateId: easy.id },
        { delayDays: 3, templateId: follow.id },
        { delayDays: 7, templateId: last.id },
      ],
    });
    const dealIds = [deal.Ada, deal.Ben, deal.Cleo, deal.Dan] as string[];
    const preview = await mia.outreach.previewEnrol({ sequenceId: sequence.id, dealIds });
    expect(preview.find((r) => r.contactId === contact.Cleo)?.excluded?.reason).toBe('no_address');
    expect(preview.find((r) => r.contactId === contact.Dan)?.steps.map((s) => s.subject)).toEqual([
      'Hello Dan',
      'Re: Hello Dan',
      'Re: Hello Dan',
    ]);
    const result = await mia.outreach.enrol({ sequenceId: sequence.id, dealIds });
    expect(result.enrolled).toBe(3);
    expect(
      (await mia.outreach.enrol({ sequenceId: sequence.id, dealIds })).rows.filter(
        (r) => r.excluded?.reason === 'already_enrolled',
      ),
    ).toHaveLength(3);
    for (const days of [0, 3, 7]) {
      now = new Date(Date.parse('2026-03-02T09:00:00Z') + days * 86_400_000 + 60_000);
      await sender.drain();
    }
    const thread = smtp.received.filter((m) => m.to[0] === 'dan@example.com');
    expect(thread.map((m) => header(m.raw, 'Subject'))).toEqual([
      'Hello Dan',
      'Re: Hello Dan',
      'Re: Hello Dan',
    ]);
    const ids = thread.map((m) => `<${m.messageId}>`);
    expect(header(thread[1]?.raw as string, 'In-Reply-To')).toBe(ids[0]);
    expect(header(thread[2]?.raw as string, 'In-Reply-To')).toBe(ids[1]);
    expect(header(thread[2]?.raw as string, 'References')).toBe(`${ids[0]} ${ids[1]}`);
    const stats = await mia.outreach.sequenceStats({ id: sequence.id });
    expect(stats.map((s) => s.sent)).toEqual([3, 3, 3]);
    expect(stats[0]?.replyRate).toBe(0);
  });

  it('one click unsubscribes without a login, and nothing more is sent to that address', async () => {
    const easy = (await mia.outreach.templates()).find((t) => t.name === 'Easy intro');
    const queued = await mia.outreach.compose({
      contactId: contact.Ben as string,
      subject: 'Later',
      bodyHtml: easy?.bodyHtml as string,
      sendAt: new Date(now.getTime() + 3_600_000),
    });
    const link = /<(http:\/\/localhost:3000\/unsubscribe\/[^>]+)>/.exec(
      header(
        smtp.received.find((m) => m.to[0] === 'ben@example.com')?.raw as string,
        'List-Unsubscribe',
      ) as string,
    )?.[1] as string;
    const path = new URL(link).pathname;
    expect((await app.request(path)).status).toBe(200); // GET only shows the button
    expect((await mia.contacts.byId({ id: contact.Ben as string })).doNotContact).toBe(false);
    const post = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    expect((await mia.contacts.byId({ id: contact.Ben as string })).doNotContact).toBe(true);
    expect((await mia.outreach.suppressions()).map((s) => s.address)).toContain('ben@example.com');
    expect((await mia.outreach.sent({ status: 'cancelled' })).map((m) => m.id)).toContain(queued.id);
    expect((await app.request(`${path}x`, { method: 'POST' })).status).toBe(400); // forged
    expect(
      await failure(mia.outreach.compose({ contactId: contact.Ben as string, subject: 'x', bodyHtml: 'x' })),
    ).toMatchObject({ code: 'recipient_blocked' });
  });

  it('keeps workspace B out of everything of workspace A, by id too', async () => {
    const [message] = await mia.outreach.sent({});
    const sequences = await mia.outreach.sequences();
    expect(await olly.outreach.mailboxes()).toEqual([]);
    expect(await olly.outreach.templates()).toEqual([]);
    expect(await olly.outreach.sent({})).toEqual([]);
    expect(await failure(olly.outreach.template({ id: introId }))).toMatchObject({
      code: 'template_not_found',
    });
    expect(await failure(olly.outreach.sequenceStats({ id: sequences[0]?.id as string }))).toMatchObject({
      code: 'sequence_not_found',
    });
    expect(await failure(olly.outreach.testMailbox({ id: mailboxId, to: 'x@other.test' }))).toMatchObject({
      code: 'mailbox_not_found',
    });
    expect(await failure(olly.outreach.cancel({ id: message?.id as string }))).toMatchObject({
      code: 'message_not_found',
    });
    expect(
      await failure(
        olly.outreach.previewTemplate({ subject: 'x', bodyHtml: 'x', contactId: contact.Ada as string }),
      ),
    ).toMatchObject({ code: 'no_recipient_address' });
  });
});
