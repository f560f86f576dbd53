/**
 * A cell from a handle column, read the way a person meant it: a bare handle ("@vera.eats"),
 * a fediverse address ("@ana@mastodon.social") or a profile link ("https://bsky.app/profile/
 * ana.bsky.social", "instagram.com/vera.eats/", "https://tiktok.com/@vera"). Links name their
 * platform, so a link wins over the column it was typed in.
 */
import type { Platform } from '../db/schema/index.ts';

export type ParsedProfile = { platform: Platform; handle: string };

/** Hosts whose first path segment is the handle ("@" optional). */
const hostPlatforms: Record<string, Platform> = {
  'instagram.com': 'instagram',
  'tiktok.com': 'tiktok',
  'youtube.com': 'youtube',
  'x.com': 'x',
  'twitter.com': 'x',
  'twitch.tv': 'twitch',
  'vk.com': 'vk',
  'vk.ru': 'vk',
  't.me': 'telegram',
  'telegram.me': 'telegram',
};

/** Path segments that are not a handle but announce one (youtube.com/c/name, /user/name). */
const prefixes = new Set(['c', 'user', 'channel']);

const looksLikeUrl = (text: string) =>
  /^https?:\/\//i.test(text) || /^(www\.)?[\w-]+(\.[\w-]+)+\//i.test(text);

function parseUrl(text: string): URL | null {
  try {
    return new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
}

/**
 * The platform and handle a cell names, or null when the cell is empty or a link nobody can
 * read a handle from. `column` is the platform of the column the cell sits in.
 */
export function parseProfile(cell: string, column: Platform): ParsedProfile | null {
  const text = cell.trim();
  if (!text) return null;
  if (!looksLikeUrl(text)) return { platform: column, handle: text.replace(/^@/, '') };
  const url = parseUrl(text);
  if (!url) return null;
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  if (host === 'bsky.app') {
    return segments[0] === 'profile' && segments[1] ? { platform: 'bluesky', handle: segments[1] } : null;
  }
  const platform = hostPlatforms[host];
  if (platform) {
    const first = prefixes.has(segments[0] ?? '') && segments[1] ? segments[1] : segments[0];
    return first ? { platform, handle: first.replace(/^@/, '') } : null;
  }
  // Any other host with /@user is a fediverse server: the handle is user@host.
  const user = segments[0]?.match(/^@([\w.-]+)$/)?.[1];
  if (user) return { platform: 'mastodon', handle: `${user}@${host}` };
  return null;
}

/** How each platform spells a profile address from a handle. */
const linkPatterns: Partial<Record<Platform, (handle: string) => string | null>> = {
  bluesky: (h) => `https://bsky.app/profile/${encodeURIComponent(h)}`,
  mastodon: (h) => {
    const [user, host] = h.split('@');
    return user && host ? `https://${host}/@${encodeURIComponent(user)}` : null;
  },
  instagram: (h) => `https://instagram.com/${encodeURIComponent(h)}`,
  tiktok: (h) => `https://tiktok.com/@${encodeURIComponent(h)}`,
  youtube: (h) => `https://youtube.com/@${encodeURIComponent(h)}`,
  x: (h) => `https://x.com/${encodeURIComponent(h)}`,
  twitch: (h) => `https://twitch.tv/${encodeURIComponent(h)}`,
  vk: (h) => `https://vk.com/${encodeURIComponent(h)}`,
  telegram: (h) => `https://t.me/${encodeURIComponent(h)}`,
};

/** Where a handle lives on its platform, or null for "other" (nobody knows where that is). */
export function profileLink(platform: Platform, handle: string): string | null {
  const bare = handle.trim().replace(/^@/, '');
  return bare ? (linkPatterns[platform]?.(bare) ?? null) : null;
}
