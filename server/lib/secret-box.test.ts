import { describe, expect, it } from 'vitest';
import { SecretBoxError, secretBox } from './secret-box.ts';

const serverSecret = 'a-server-secret-that-is-long-enough-1234';

describe('secretBox', () => {
  it('opens what it sealed, and never stores the plain text', () => {
    const box = secretBox(serverSecret, 'mailbox');
    const sealed = box.seal('hunter2 пароль');
    expect(sealed).not.toContain('hunter2');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed)).toBe('hunter2 пароль');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses another purpose, another server secret and a tampered value', () => {
    const sealed = secretBox(serverSecret, 'mailbox').seal('hunter2');
    expect(() => secretBox(serverSecret, 'bluesky').open(sealed)).toThrow(SecretBoxError);
    expect(() => secretBox(`${serverSecret}x`, 'mailbox').open(sealed)).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => secretBox(serverSecret, 'mailbox').open(parts.join('.'))).toThrow(SecretBoxError);
    expect(() => secretBox(serverSecret, 'mailbox').open('plain')).toThrow(SecretBoxError);
  });
});
