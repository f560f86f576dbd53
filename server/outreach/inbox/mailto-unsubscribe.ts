/**
 * Our List-Unsubscribe header offers a mailto: beside the link (unsubscribe-token.ts): a mail
 * client that uses it writes to the sending mailbox with the subject "unsubscribe <token>". Such
 * a message, carrying a valid token for this workspace, unsubscribes the token's address exactly
 * as the link does. A token cannot be forged, and one from another workspace means nothing here.
 */
import { readUnsubscribeToken } from '../unsubscribe-token.ts';

const tokenInSubject = /\bunsubscribe\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/i;

/** The address to unsubscribe, or null when the message is not a valid request. */
export function mailtoUnsubscribe(secret: string, workspaceId: string, subject: string): string | null {
  const token = tokenInSubject.exec(subject)?.[1];
  if (!token) return null;
  const who = readUnsubscribeToken(secret, token);
  return who && who.workspaceId === workspaceId ? who.address : null;
}
