/** The merge-field values of recipients: one read of contacts, their handles, deals and campaigns. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import {
  campaigns,
  contactSocialAccounts,
  contacts,
  deals,
  type SenderIdentity,
} from '../db/schema/index.ts';
import type { MergeValues } from './template-render.ts';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe-token.ts';

export type Recipient = {
  contactId: string;
  dealId: string | null;
  contactName: string;
  /** The contact's first e-mail address, or null. */
  address: string | null;
  doNotContact: boolean;
  values: MergeValues;
};

export type MergeContext = { secret: string; baseUrl: string; workspaceId: string };

function formatFee(minor: number | null, currency: string): string {
  if (minor === null) return '';
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

const firstLink = (text: string) => /https?:\/\/[^\s<>"')]+/.exec(text)?.[0] ?? '';

/**
 * Recipients for the given contacts (and optionally the deal each is reached through), with
 * every merge value filled where the data has it and empty where it does not.
 */
export async function loadRecipients(
  db: Db | Tx,
  ctx: MergeContext,
  targets: { contactId: string; dealId: string | null }[],
  sender: Pick<SenderIdentity, 'fromName' | 'signatureHtml'> | null,
): Promise<Recipient[]> {
  if (targets.length === 0) return [];
  const contactIds = [...new Set(targets.map((t) => t.contactId))];
  const dealIds = [...new Set(targets.flatMap((t) => (t.dealId ? [t.dealId] : [])))];
  const people = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, contactIds)));
  const handles = await db
    .select()
    .from(contactSocialAccounts)
    .where(
      and(
        eq(contactSocialAccounts.workspaceId, ctx.workspaceId),
        inArray(contactSocialAccounts.contactId, contactIds),
      ),
    );
  const dealRows = dealIds.length
    ? await db
        .select({
          id: deals.id,
          feeMinor: deals.feeMinor,
          currency: deals.currency,
          campaignName: campaigns.name,
          brief: campaigns.brief,
        })
        .from(deals)
        .innerJoin(campaigns, eq(campaigns.id, deals.campaignId))
        .where(and(eq(deals.workspaceId, ctx.workspaceId), inArray(deals.id, dealIds)))
    : [];
  const byContact = new Map(people.map((p) => [p.id, p]));
  const byDeal = new Map(dealRows.map((d) => [d.id, d]));
  const out: Recipient[] = [];
  for (const target of targets) {
    const person = byContact.get(target.contactId);
    if (!person) continue; // another workspace's id reads as absent
    const deal = target.dealId ? byDeal.get(target.dealId) : undefined;
    if (target.dealId && !deal) continue;
    const address = person.emails[0] ?? null;
    const values: MergeValues = {
      firstName: person.name.trim().split(/\s+/)[0] ?? '',
      name: person.name.trim(),
      campaignName: deal?.campaignName ?? '',
      briefLink: deal ? firstLink(deal.brief) : '',
      fee: deal ? formatFee(deal.feeMinor, deal.currency) : '',
      senderName: sender?.fromName ?? '',
      signature: sender?.signatureHtml ?? '',
      unsubscribeUrl: address
        ? unsubscribeUrl(ctx.baseUrl, unsubscribeToken(ctx.secret, ctx.workspaceId, address))
        : '',
    };
    for (const h of handles) if (h.contactId === person.id) values[`handle.${h.platform}`] ??= h.handle;
    out.push({
      contactId: person.id,
      dealId: target.dealId,
      contactName: person.name,
      address,
      doNotContact: person.doNotContact,
      values,
    });
  }
  return out;
}
