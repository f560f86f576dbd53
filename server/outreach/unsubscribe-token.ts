/**
 * The per-recipient unsubscribe token: the workspace and address, signed with a key derived
 * from the server secret, so the link needs no login and cannot be forged for someone else.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

function key(secret: string) {
  return Buffer.from(hkdfSync('sha256', secret, 'murmur-unsubscribe', 'unsubscribe', 32));
}

export function unsubscribeToken(secret: string, workspaceId: string, address: string): string {
  const body = Buffer.from(JSON.stringify([workspaceId, address.trim().toLowerCase()])).toString('base64url');
  const mac = createHmac('sha256', key(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

export function readUnsubscribeToken(
  secret: string,
  token: string,
): { workspaceId: string; address: string } | null {
  const [body, mac] = token.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', key(secret)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [workspaceId, address] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof workspaceId !== 'string' || typeof address !== 'string') return null;
    return { workspaceId, address };
  } catch {
    return null;
  }
}

export function unsubscribeUrl(baseUrl: string, token: string) {
  return `${baseUrl.replace(/\/$/, '')}/unsubscribe/${token}`;
}

/** The RFC 2369 / RFC 8058 headers for one recipient. */
export function listUnsubscribeHeaders(baseUrl: string, token: string, mailbox: string) {
  const mailto = `mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(baseUrl, token)}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
