/**
 * What kind of mail arrived: a bounce (an RFC 3464 report saying delivery failed), an automatic
 * message (RFC 3834 and the headers and subjects mail systems use in practice), or a message a
 * person wrote. Whether a person's message is a reply to us or unrelated depends on the thread
 * match, which is the database's business (thread-match.ts).
 */
import { type DeliveryStatus, parseDeliveryStatus } from './delivery-status.ts';

export type Classification =
  | { kind: 'bounce'; reason: string; bounce: DeliveryStatus['recipients'][number]; report: DeliveryStatus }
  | { kind: 'auto_reply'; reason: string }
  | { kind: 'personal'; reason: null };

/** Out-of-office and automatic-reply subjects in the languages our users' contacts write in. */
const autoSubjects = [
  /\bout of (the )?office\b/i,
  /\bautomatic reply\b/i,
  /\bauto[- ]?reply\b/i,
  /\bauto[- ]?response\b/i,
  /\bautoresponder\b/i,
  /\bvacation (reply|notice)\b/i,
  /\bon (vacation|holiday|leave)\b/i,
  /\babwesenheit/i, // de: Abwesenheitsnotiz
  /\bautomatische antwort\b/i, // de
  /\bnicht im b(ü|ue)ro\b/i, // de
  /\br(é|e)ponse automatique\b/i, // fr
  /\babsent\(e\)? du bureau\b/i, // fr
  /\babsence du bureau\b/i, // fr
  /\brespuesta autom(á|a)tica\b/i, // es
  /\bfuera de la oficina\b/i, // es
  /\brisposta automatica\b/i, // it
  /\bfuori (sede|ufficio)\b/i, // it
  /\bautomatisch antwoord\b/i, // nl
  /\bafwezig(heid)?\b/i, // nl
  /\bresposta autom(á|a)tica\b/i, // pt
  /\bfora do escrit(ó|o)rio\b/i, // pt
  /\bautosvar\b/i, // sv, no, da
  /\bfr(å|a)nvaro\b/i, // sv
  /\bautomaattinen vastaus\b/i, // fi
  /\bodpowied(ź|z) automatyczna\b/i, // pl
  /\bnieobecno(ść|sc)\b/i, // pl
  /автоответ/i, // ru
  /автоматический ответ/i, // ru
  /自動返信/, // ja
  /自动回复/, // zh
];

export function isAutoSubject(subject: string): boolean {
  return autoSubjects.some((pattern) => pattern.test(subject));
}

/** The header that marks a message automatic, or null. `headers` has lower-cased names. */
export function autoReplyReason(headers: Map<string, string>, subject: string): string | null {
  const autoSubmitted = (headers.get('auto-submitted') ?? '').split(';')[0].trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  if (headers.has('x-autoreply')) return 'X-Autoreply';
  if (headers.has('x-autorespond')) return 'X-Autorespond';
  const precedence = (headers.get('precedence') ?? headers.get('x-precedence') ?? '').trim().toLowerCase();
  if (['auto_reply', 'bulk', 'list', 'junk'].includes(precedence)) return `Precedence: ${precedence}`;
  // Exchange marks its own automatic replies this way.
  const suppress = (headers.get('x-auto-response-suppress') ?? '').toLowerCase();
  if (headers.has('x-ms-exchange-inbox-rules-loop') || /\b(oof|autoreply)\b/.test(suppress)) {
    if (isAutoSubject(subject)) return 'Exchange automatic reply';
  }
  if (isAutoSubject(subject)) return `subject “${subject.slice(0, 80)}”`;
  return null;
}

/**
 * `source` is the raw message, `headers` its top-level fields (lower-cased names). A delivery
 * report saying "delayed" or "delivered" is automatic mail, not a bounce.
 */
export function classify(source: string, headers: Map<string, string>, subject: string): Classification {
  const report = parseDeliveryStatus(source);
  if (report) {
    const failed = report.recipients.find((r) => r.action === 'failed' || r.status.startsWith('5'));
    if (failed)
      return { kind: 'bounce', reason: `delivery failed: ${failed.status}`, bounce: failed, report };
    const first = report.recipients[0];
    return { kind: 'auto_reply', reason: `delivery report: ${first?.action || 'no action'}` };
  }
  const reason = autoReplyReason(headers, subject);
  if (reason) return { kind: 'auto_reply', reason };
  return { kind: 'personal', reason: null };
}

/**
 * The subject without reply and forward prefixes ("Re:", "AW:", "SV:", "Fwd:", "[list]"…), in
 * lower case with spaces collapsed, for matching a reply to what we sent.
 */
export function normalizeSubject(subject: string): string {
  let s = subject.trim();
  const prefix =
    /^(\[[^\]]{1,40}\]\s*|(re|aw|sv|vs|antw|ant|r|rif|ref|odp|res|wg|fw|fwd|tr|rv|enc)(\[\d+\]|\(\d+\))?\s*[:：]\s*)/i;
  for (let i = 0; i < 10 && prefix.test(s); i++) s = s.replace(prefix, '');
  return s.replace(/\s+/g, ' ').toLowerCase();
}
