/**
 * Stored credentials (SMTP and IMAP passwords, DKIM keys, app passwords) are sealed with
 * AES-256-GCM under a key derived from the server secret with HKDF-SHA256, one derived key per
 * purpose. The sealed form is text: `v1.<iv>.<tag>.<ciphertext>` in base64url, so it fits a
 * text column and says which scheme made it. Opening fails loudly on any tampering or on a
 * different server secret; it never returns a partial value.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type SecretBox = {
  seal(plaintext: string): string;
  open(sealed: string): string;
};

export class SecretBoxError extends Error {
  readonly code = 'SECRET_UNREADABLE' as const;
}

/** `purpose` separates keys: a value sealed for "mailbox" cannot be opened as "bluesky". */
export function secretBox(serverSecret: string, purpose: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', serverSecret, 'murmur-secret-box', purpose, 32));
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
        throw new SecretBoxError('lib/secret-box: not a sealed secret');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (cause) {
        throw new SecretBoxError(
          'lib/secret-box: the secret cannot be opened (tampered, or another server secret)',
          {
            cause,
          },
        );
      }
    },
  };
}
