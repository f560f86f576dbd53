import { createHmac, randomBytes } from 'node:crypto';

/**
 * A random bearer secret with a readable prefix: "mms_…" sessions, "mmk_…" API keys,
 * "mmi_…" invitation links.
 */
export function newToken(prefix: 'mms' | 'mmk' | 'mmi'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Keyed hash stored instead of the token: a leaked table does not let anyone sign in. */
export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}
