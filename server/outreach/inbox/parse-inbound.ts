/** One raw message from IMAP, parsed with mailparser into what the inbox stores and matches on. */
import { createHash } from 'node:crypto';
import { type AddressObject, simpleParser } from 'mailparser';
import { type Classification, classify } from './classify.ts';
import { headerFields } from './delivery-status.ts';
import { splitQuoted } from './quoted-text.ts';

export type ParsedInbound = {
  /** Message-ID without brackets, or null when the message has none. */
  messageId: string | null;
  /** What makes the message unique in its mailbox: its Message-ID, else a hash of its source. */
  messageKey: string;
  fromAddress: string;
  fromName: string;
  subject: string;
  sentAt: Date | null;
  /** In-Reply-To first, then References from newest to oldest; without brackets. */
  inReplyTo: string[];
  references: string[];
  body: string;
  quoted: string;
  classification: Classification;
};

const MAX_TEXT = 100_000;

function ids(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .flatMap((v) => v.match(/<[^<>\s]+>/g) ?? v.split(/\s+/))
    .map((v) => v.trim().replace(/^<|>$/g, ''))
    .filter((v) => v.length > 0);
}

function firstAddress(from: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  const found = list.flatMap((a) => a.value).find((v) => v.address);
  return { address: (found?.address ?? '').toLowerCase(), name: found?.name ?? '' };
}

/** PostgreSQL text cannot hold NUL; mail from strangers can contain anything. */
function clean(text: string, max = MAX_TEXT) {
  return text
    .replace(/\0/g, '')
    .replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) => {
      const code = c.charCodeAt(0);
      const pairOk =
        code < 0xdc00 ? (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 : (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
      return pairOk ? c : '\uFFFD';
    })
    .slice(0, max);
}

export async function parseInbound(source: Buffer): Promise<ParsedInbound> {
  const raw = source.toString('latin1');
  const headerEnd = raw.search(/\r?\n\r?\n/);
  const headers = headerFields(headerEnd === -1 ? raw : raw.slice(0, headerEnd));
  const parsed = await simpleParser(source, { skipImageLinks: true, skipHtmlToText: false });
  const subject = clean(parsed.subject ?? '', 998);
  const from = firstAddress(parsed.from);
  const messageId = ids(parsed.messageId)[0] ?? null;
  const text = clean(parsed.text ?? '');
  const { body, quoted } = splitQuoted(text);
  return {
    messageId: messageId ? clean(messageId, 998) : null,
    messageKey: messageId
      ? `id:${clean(messageId, 998)}`
      : `sha256:${createHash('sha256').update(source).digest('hex')}`,
    fromAddress: clean(from.address, 320),
    fromName: clean(from.name, 200),
    subject,
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    inReplyTo: ids(parsed.inReplyTo).map((v) => clean(v, 998)),
    references: ids(parsed.references)
      .reverse()
      .map((v) => clean(v, 998)),
    body,
    quoted,
    classification: classify(raw, headers, subject),
  };
}
