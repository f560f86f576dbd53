/**
 * Mustache templates: logic-less, HTML-escaped by default (`{{firstName}}`), raw only where
 * the author writes `{{{signature}}}`. The fields a template uses come from `Mustache.parse`,
 * so a send can be refused before anything is rendered when one of them is empty for a
 * recipient. Sections (`{{#fee}}…{{/fee}}`) are how an author makes a field optional.
 */
import { convert } from 'html-to-text';
import Mustache from 'mustache';
import { platforms } from '../db/schema/index.ts';
import { OutreachError } from './outreach.errors.ts';

/** Every merge field, with what it means (shown in the editor). */
export const mergeFields: Record<string, string> = {
  firstName: "Contact's first name",
  name: "Contact's full name",
  ...Object.fromEntries(platforms.map((p) => [`handle.${p}`, `Contact's ${p} handle`])),
  campaignName: 'Campaign name',
  briefLink: 'First link in the campaign brief',
  fee: 'Deal fee, with currency',
  senderName: 'Your from name',
  signature: 'Your signature (HTML; use {{{signature}}})',
  unsubscribeUrl: 'One-click unsubscribe link for this recipient',
};

export type MergeValues = Record<string, string>;

type Token = [string, string, number, number, Token[]?];

function collect(tokens: Token[], inSection: boolean, out: { required: Set<string>; optional: Set<string> }) {
  for (const token of tokens) {
    const [type, value] = token;
    if (type === 'name' || type === '&') (inSection ? out.optional : out.required).add(value);
    if (type === '#' || type === '^') {
      out.optional.add(value);
      collect(token[4] ?? [], true, out);
    }
    if (type === '>') throw new OutreachError('bad_template', 'Partials ({{> name}}) are not supported.');
  }
}

/** The merge fields a template uses; throws `bad_template` on syntax errors or unknown fields. */
export function fieldsOf(...sources: string[]): { required: string[]; optional: string[] } {
  const out = { required: new Set<string>(), optional: new Set<string>() };
  for (const source of sources) {
    let tokens: Token[];
    try {
      tokens = Mustache.parse(source) as Token[];
    } catch (cause) {
      throw new OutreachError('bad_template', `Template syntax: ${(cause as Error).message}`, { cause });
    }
    collect(tokens, false, out);
  }
  const unknown = [...out.required, ...out.optional].filter((f) => !Object.hasOwn(mergeFields, f));
  if (unknown.length > 0)
    throw new OutreachError(
      'bad_template',
      `Unknown merge field: ${unknown.map((f) => `{{${f}}}`).join(', ')}`,
    );
  return { required: [...out.required], optional: [...out.optional].filter((f) => !out.required.has(f)) };
}

/** Required fields that are empty for these values. */
export function missingFields(required: readonly string[], values: MergeValues): string[] {
  return required.filter((f) => !(values[f] ?? '').trim());
}

/** Mustache wants nested objects for dotted names (`handle.bluesky`). */
function view(values: MergeValues) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const [head, tail] = key.split('.', 2);
    if (tail === undefined) out[key] = value;
    else out[head as string] = { ...((out[head as string] as object) ?? {}), [tail]: value };
  }
  return out;
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** HTML escaping without Mustache's extra `/`, `=` and backtick entities, which only make mail harder to read. */
export const escapeHtml = (s: string) => String(s).replace(/[&<>"']/g, (c) => entities[c] as string);

export type Rendered = { subject: string; html: string; text: string };

/**
 * Renders subject (plain text, not escaped) and HTML body (escaped), adds a visible
 * unsubscribe footer when the body does not show the link, and derives the text part.
 */
export function renderTemplate(
  template: { subject: string; bodyHtml: string },
  values: MergeValues,
): Rendered {
  const v = view(values);
  const subject = Mustache.render(template.subject, v, {}, { escape: (s: string) => s })
    .replace(/[\r\n]+/g, ' ')
    .trim();
  let html = Mustache.render(template.bodyHtml, v, {}, { escape: escapeHtml });
  if (values.unsubscribeUrl && !template.bodyHtml.includes('unsubscribeUrl')) {
    const url = escapeHtml(values.unsubscribeUrl);
    html += `\n<p style="font-size:12px;color:#666">Don't want these emails? <a href="${url}">Unsubscribe</a>.</p>`;
  }
  const text = convert(html, {
    wordwrap: 78,
    selectors: [{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } }],
  });
  return { subject, html, text };
}
