/**
 * The unsubscribe link: no login, signed per recipient (unsubscribe-token.ts). GET shows a
 * button and changes nothing (link scanners follow GETs); POST unsubscribes, whether from that
 * button or a mail client's RFC 8058 one-click request (body `List-Unsubscribe=One-Click`).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-deps.ts';
import { suppressAddress } from './outreach.hooks.ts';
import { readUnsubscribeToken } from './unsubscribe-token.ts';

const escapeText = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>Unsubscribe</title></head><body style="font-family:system-ui;max-width:36rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;

export function unsubscribeRoutes(deps: Pick<AppDeps, 'database' | 'secret' | 'now'>) {
  const app = new Hono();
  const now = () => deps.now?.() ?? new Date();

  app.get('/:token', (c) => {
    const who = readUnsubscribeToken(deps.secret, c.req.param('token'));
    if (!who)
      return c.html(
        page('<h1>This link is not valid</h1><p>It may have been cut short by your mail program.</p>'),
        400,
      );
    return c.html(
      page(
        `<h1>Unsubscribe</h1><p>Stop all e-mail to <strong>${escapeText(who.address)}</strong> from this sender?</p>` +
          `<form method="post"><button type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe</button></form>`,
      ),
    );
  });

  app.post('/:token', async (c) => {
    const who = readUnsubscribeToken(deps.secret, c.req.param('token'));
    if (!who) return c.html(page('<h1>This link is not valid</h1>'), 400);
    await deps.database.db.transaction((tx) =>
      suppressAddress(tx, who.workspaceId, who.address, 'unsubscribed', now()),
    );
    return c.html(
      page(`<h1>You are unsubscribed</h1><p>${escapeText(who.address)} will get no more e-mail from us.</p>`),
    );
  });
  return app;
}
