/**
 * CSV import: map columns, preview every row (new, duplicate in the file, already a contact,
 * or invalid with reasons), then commit in one transaction. With invalid rows the import is
 * refused unless the person chose to skip them; either way nothing is ever half-imported.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordActivity } from '../audit/activities.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { contactSocialAccounts, contacts, type Platform, platforms } from '../db/schema/index.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { ContactError } from './contacts.errors.ts';
import { parseCsv } from './csv.ts';
import { parseProfile } from './profile-url.ts';

const column = z.number().int().min(0).max(500);
export const importMapping = z.object({
  name: column,
  emails: column.optional(),
  tags: column.optional(),
  notes: column.optional(),
  doNotContact: column.optional(),
  handles: z.partialRecord(z.enum(platforms), column).default({}),
});
export const importInput = z.object({
  csv: z
    .string()
    .min(1, 'The file is empty.')
    .max(900_000, 'Import at most 900 KB at a time: split the file.'),
  delimiter: z.enum([',', ';', '\t']).optional(),
  mapping: importMapping.optional(),
  dryRun: z.boolean().default(true),
  skipInvalid: z.boolean().default(false),
});
export type ImportMapping = z.infer<typeof importMapping>;
export type ImportInput = z.infer<typeof importInput>;

export type ImportRow = {
  line: number;
  status: 'new' | 'duplicate' | 'exists' | 'invalid';
  name: string;
  emails: string[];
  tags: string[];
  notes: string;
  doNotContact: boolean;
  handles: { platform: Platform; handle: string }[];
  errors: string[];
  /** The earlier line of this file, or the existing contact's name, that the row matches. */
  matches?: string;
};

const emailCheck = z.email();

/** Header words that name each platform's column ("Instagram", "IG handle", "X / Twitter"). */
const platformWords: Record<Exclude<Platform, 'other'>, string[]> = {
  bluesky: ['bluesky', 'bsky'],
  mastodon: ['mastodon', 'fediverse'],
  instagram: ['instagram', 'insta', 'ig'],
  tiktok: ['tiktok'],
  youtube: ['youtube', 'yt'],
  x: ['x', 'twitter'],
  twitch: ['twitch'],
  vk: ['vk', 'vkontakte'],
  telegram: ['telegram', 'tg'],
};
const fieldWords = {
  name: ['name', 'contact', 'influencer', 'creator'],
  emails: ['email', 'emails', 'mail'],
  tags: ['tag', 'tags', 'label', 'labels', 'niche', 'niches', 'category', 'categories'],
  notes: ['note', 'notes', 'comment', 'comments'],
  doNotContact: ['do not contact', 'dnc', 'opt out', 'optout', 'unsubscribed'],
};

/** A header as lower-case whole words: "E-mail address" → "email address". */
const wordsOf = (header: string) =>
  ` ${header
    .toLowerCase()
    .replace(/e-mail/g, 'email')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ')} `;

/**
 * Guesses the mapping from header names such as "Name", "E-mail", "Instagram handle", matching
 * whole words only (so "Instagram" is never a tag column), each column used once.
 */
export function guessMapping(header: string[]): ImportMapping {
  const words = header.map(wordsOf);
  const taken = new Set<number>();
  const find = (candidates: string[]) => {
    const i = words.findIndex((w, i) => !taken.has(i) && candidates.some((c) => w.includes(` ${c} `)));
    if (i === -1) return undefined;
    taken.add(i);
    return i;
  };
  const handles: ImportMapping['handles'] = {};
  for (const [p, candidates] of Object.entries(platformWords)) {
    const i = find(candidates);
    if (i !== undefined) handles[p as Platform] = i;
  }
  const emails = find(fieldWords.emails);
  const tags = find(fieldWords.tags);
  const notes = find(fieldWords.notes);
  const doNotContact = find(fieldWords.doNotContact);
  const name = find(fieldWords.name) ?? header.findIndex((_, i) => !taken.has(i));
  return { name: Math.max(name, 0), emails, tags, notes, doNotContact, handles };
}

const splitEmails = (cell: string) =>
  cell
    .split(/[,;\s]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
const splitTags = (cell: string) => [
  ...new Set(
    cell
      .split(/[,;|]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

export async function importContacts(db: Db, workspaceId: string, actorId: string, input: ImportInput) {
  const parsed = parseCsv(input.csv, input.delimiter);
  if (parsed.header.length === 0) throw new ContactError('import_no_header', 'The file has no header row.');
  if (parsed.rows.length > 10_000)
    throw new ContactError('import_too_many_rows', 'Import at most 10,000 rows at a time.');
  const mapping = input.mapping ?? guessMapping(parsed.header);
  const cell = (cells: string[], i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());

  const rows: ImportRow[] = parsed.rows.map(({ line, cells }) => {
    const errors: string[] = [];
    const name = cell(cells, mapping.name);
    if (!name) errors.push('Name is missing.');
    if (name.length > 200) errors.push('Name is longer than 200 characters.');
    const emails = [...new Set(splitEmails(cell(cells, mapping.emails)))];
    for (const e of emails) if (!emailCheck.safeParse(e).success) errors.push(`“${e}” is not a valid email.`);
    const handles: ImportRow['handles'] = [];
    for (const [column, i] of Object.entries(mapping.handles) as [Platform, number][]) {
      const text = cell(cells, i);
      if (!text) continue;
      const parsed = parseProfile(text, column);
      if (!parsed) errors.push(`“${text}” in the ${column} column is neither a handle nor a profile link.`);
      else if (parsed.handle.length > 200) errors.push(`The ${parsed.platform} handle is too long.`);
      else if (!handles.some((h) => h.platform === parsed.platform && h.handle === parsed.handle))
        handles.push(parsed);
    }
    const dnc = cell(cells, mapping.doNotContact).toLowerCase();
    return {
      line,
      status: errors.length ? 'invalid' : 'new',
      name,
      emails,
      tags: splitTags(cell(cells, mapping.tags)).slice(0, 50),
      notes: cell(cells, mapping.notes).slice(0, 20_000),
      doNotContact: ['yes', 'y', 'true', '1', 'x'].includes(dnc),
      handles,
      errors,
    };
  });

  const keysOf = (r: ImportRow) => [
    ...r.emails.map((e) => `email:${e}`),
    ...r.handles.map((h) => `${h.platform}:${h.handle.toLowerCase()}`),
  ];
  const existing = await existingKeys(
    db,
    workspaceId,
    rows.filter((r) => r.status === 'new').flatMap(keysOf),
  );
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.status !== 'new') continue;
    const keys = keysOf(row);
    const inFile = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
    const inDb = keys.map((k) => existing.get(k)).find((n) => n !== undefined);
    if (inFile !== undefined) Object.assign(row, { status: 'duplicate', matches: `line ${inFile}` });
    else if (inDb !== undefined) Object.assign(row, { status: 'exists', matches: inDb });
    for (const k of keys) if (!seen.has(k)) seen.set(k, row.line);
  }

  const counts = { new: 0, duplicate: 0, exists: 0, invalid: 0 };
  for (const r of rows) counts[r.status]++;
  const summary = { header: parsed.header, delimiter: parsed.delimiter, mapping, rows, counts, imported: 0 };
  if (input.dryRun) return summary;
  if (counts.invalid > 0 && !input.skipInvalid)
    throw new ContactError(
      'import_invalid_rows',
      `${counts.invalid} ${counts.invalid === 1 ? 'row has' : 'rows have'} errors: fix the file, or choose to skip invalid rows. Nothing was imported.`,
    );
  const fresh = rows.filter((r) => r.status === 'new');
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < fresh.length; i += 500) {
        const batch = fresh.slice(i, i + 500).map((r) => ({ ...r, id: randomUUID() }));
        await tx.insert(contacts).values(
          batch.map((r) => ({
            id: r.id,
            workspaceId,
            name: r.name,
            emails: r.emails,
            tags: r.tags,
            notes: r.notes,
            doNotContact: r.doNotContact,
          })),
        );
        const accounts = batch.flatMap((r) => r.handles.map((h) => ({ ...h, contactId: r.id, workspaceId })));
        if (accounts.length) await tx.insert(contactSocialAccounts).values(accounts);
        await recordAudit(
          tx,
          batch.map((r) => ({
            workspaceId,
            actorId,
            entityType: 'contact' as const,
            entityId: r.id,
            contactId: r.id,
            action: 'imported',
            changes: { line: r.line },
          })),
        );
        await recordActivity(
          tx,
          batch.map((r) => ({
            workspaceId,
            subjectType: 'contact' as const,
            subjectId: r.id,
            contactId: r.id,
            kind: 'contact_imported',
            actorId,
          })),
        );
      }
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ContactError(
        'import_conflict',
        'Someone added a contact with one of these handles meanwhile. Nothing was imported: preview again.',
        { cause: error },
      );
    throw error;
  }
  return { ...summary, imported: fresh.length };
}

/** Emails and handles already in the workspace, keyed like the import's keys, naming the contact. */
async function existingKeys(db: Db, workspaceId: string, keys: string[]) {
  const found = new Map<string, string>();
  const emails = keys.filter((k) => k.startsWith('email:')).map((k) => k.slice(6));
  const handles = keys.filter((k) => !k.startsWith('email:')).map((k) => k.slice(k.indexOf(':') + 1));
  if (emails.length) {
    const rows = await db
      .select({ name: contacts.name, emails: contacts.emails })
      .from(contacts)
      .where(
        and(
          eq(contacts.workspaceId, workspaceId),
          sql`${contacts.emails} && ${`{${emails.map((e) => JSON.stringify(e)).join(',')}}`}::text[]`,
        ),
      );
    for (const r of rows) for (const e of r.emails) found.set(`email:${e.toLowerCase()}`, r.name);
  }
  if (handles.length) {
    const rows = await db
      .select({
        name: contacts.name,
        platform: contactSocialAccounts.platform,
        handle: contactSocialAccounts.handle,
      })
      .from(contactSocialAccounts)
      .innerJoin(contacts, eq(contacts.id, contactSocialAccounts.contactId))
      .where(
        and(
          eq(contactSocialAccounts.workspaceId, workspaceId),
          sql`lower(${contactSocialAccounts.handle}) = any(${`{${handles.map((h) => JSON.stringify(h.toLowerCase())).join(',')}}`}::text[])`,
        ),
      );
    for (const r of rows) found.set(`${r.platform}:${r.handle.toLowerCase()}`, r.name);
  }
  return found;
}
