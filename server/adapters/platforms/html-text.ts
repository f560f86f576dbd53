/**
 * Mastodon sends bios and posts as HTML; the CRM stores and searches plain text.
 *
 *   htmlToText('<p>Hi &amp; welcome<br>friend</p>') === 'Hi & welcome\nfriend'
 */
import { safeText } from '../../lib/safe-text.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** `&#0;` and `&#xD800;` decode to NUL and a lone surrogate: cleaned after decoding. */
export const htmlToText = (html: string): string =>
  safeText(
    decodeEntities(
      html
        .replace(/<br\s*\/?>/gi, '\n')
        .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
        .replace(/<[^>]*>/g, ''),
    ),
  ).trim();
