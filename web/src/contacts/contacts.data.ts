import { action, query, redirect, revalidate } from '@solidjs/router';
import type { inferRouterInputs } from '@trpc/server';
import { type AppRouter, trpc } from '../lib/trpc.ts';

/** The server's platform list (server/db/schema/contacts.ts), as a type only. */
type ServerPlatform = NonNullable<
  inferRouterInputs<AppRouter>['contacts']['create']['socialAccounts']
>[number]['platform'];

/**
 * The platforms people pick from. A copy, because the server's list sits in a schema file the
 * browser cannot import; `satisfies` and the check below fail the typecheck as soon as they differ.
 */
export const platformOptions = [
  'bluesky',
  'mastodon',
  'instagram',
  'tiktok',
  'youtube',
  'x',
  'twitch',
  'vk',
  'telegram',
  'other',
] as const satisfies readonly ServerPlatform[];
export type PlatformOption = (typeof platformOptions)[number];

/** How each platform is written for people. */
export const platformNames: Record<PlatformOption, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  x: 'X (Twitter)',
  twitch: 'Twitch',
  vk: 'VK',
  telegram: 'Telegram',
  other: 'Other',
};
const everyServerPlatform: [Exclude<ServerPlatform, PlatformOption>] extends [never] ? true : false = true;
void everyServerPlatform;

export const getContacts = query(
  (search: string, cursor: string | undefined) =>
    trpc.contacts.list.query({ search: search || undefined, cursor, limit: 25 }),
  'contacts',
);

export type ContactList = Awaited<ReturnType<typeof trpc.contacts.list.query>>;
export type Contact = Awaited<ReturnType<typeof trpc.contacts.byId.query>>;

export const getContact = query((id: string) => trpc.contacts.byId.query({ id }), 'contact');

export type ContactInput = {
  name: string;
  emails: string[];
  notes: string;
  tags: string[];
  socialAccounts: { platform: PlatformOption; handle: string }[];
  doNotContact: boolean;
};

export const createContact = action(async (input: ContactInput) => {
  const created = await trpc.contacts.create.mutate(input);
  await revalidate(getContacts.key);
  throw redirect(`/contacts/${created.id}`);
}, 'createContact');

export const updateContact = action(async (id: string, input: ContactInput) => {
  await trpc.contacts.update.mutate({ id, ...input });
  await revalidate([getContacts.key, getContact.keyFor(id)]);
  throw redirect(`/contacts/${id}`);
}, 'updateContact');

export const getContactDeals = query((id: string) => trpc.contacts.deals.query({ id }), 'contactDeals');
export const getContactTimeline = query(
  (id: string) => trpc.contacts.timeline.query({ id }),
  'contactTimeline',
);

export type ImportInput = Parameters<typeof trpc.contacts.importCsv.mutate>[0];
export type ImportResult = Awaited<ReturnType<typeof trpc.contacts.importCsv.mutate>>;

/** Previews (dryRun) or imports a CSV of contacts. */
export const importContacts = action(async (input: ImportInput) => {
  const result = await trpc.contacts.importCsv.mutate(input);
  if (!input.dryRun) await revalidate(getContacts.key);
  return result;
}, 'importContacts');

/** Contacts matching `search` as CSV text: a one-off read, so not cached. */
export async function exportContactsCsv(search: string) {
  const { csv } = await trpc.contacts.exportCsv.query({ search: search || undefined });
  return csv;
}

/** Everything stored about one contact (a data-subject access request), not cached. */
export function exportContactData(id: string) {
  return trpc.contacts.exportData.query({ id });
}

export const eraseContact = action(async (id: string) => {
  await trpc.contacts.erase.mutate({ id });
  await revalidate(getContacts.key);
  throw redirect('/contacts');
}, 'eraseContact');

export const removeContact = action(async (id: string) => {
  await trpc.contacts.remove.mutate({ id });
  await revalidate(getContacts.key);
  throw redirect('/contacts');
}, 'removeContact');

/** "a@x.com, b@y.com" or one per line → trimmed, non-empty items. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
