/**
 * Raw RFC 822 messages as real mail systems write them, to deliver into the test IMAP server:
 * a person's reply (Gmail-style attribution and quote), an out-of-office auto-reply (RFC 3834),
 * a delivery status notification (RFC 3464, Postfix-style), and unrelated mail.
 */

type Base = { from: string; to: string; subject: string; messageId: string; date?: string };

/**
 * A reply is written after what it answers: by default a message is dated a second after now
 * (the header has whole seconds), so it never sorts before what the test did just before.
 * A fixed date here made the timeline tests fail on any day after it.
 */
function justAfterNow() {
  return new Date((Math.floor(Date.now() / 1000) + 1) * 1000).toUTCString().replace('GMT', '+0000');
}

function head(m: Base, extra: string[] = []) {
  return [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Date: ${m.date ?? justAfterNow()}`,
    `Message-ID: <${m.messageId}>`,
    'MIME-Version: 1.0',
    ...extra,
  ].join('\r\n');
}

export function replyMail(
  m: Base & { inReplyTo?: string; references?: string[]; text: string; quote: string },
) {
  const threading = [
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references?.length ? [`References: ${m.references.map((r) => `<${r}>`).join(' ')}`] : []),
  ];
  const quoted = m.quote
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\r\n');
  return `${head(m, [...threading, 'Content-Type: text/plain; charset=utf-8'])}\r\n\r\n${m.text}\r\n\r\nOn Tue, 1 Dec 2026 at 09:00, Mia <mia@agency.test> wrote:\r\n${quoted}\r\n`;
}

export function outOfOfficeMail(m: Base & { inReplyTo?: string }) {
  return `${head(m, [
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    'Auto-Submitted: auto-replied',
    'X-Autoreply: yes',
    'Content-Type: text/plain; charset=utf-8',
  ])}\r\n\r\nI am out of the office until Monday with limited access to email.\r\n`;
}

export function bounceMail(
  m: Base & { recipient: string; originalMessageId: string; originalSubject: string },
) {
  const boundary = 'dsn-boundary-1';
  return `${head(m, [
    'Auto-Submitted: auto-replied',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
  ])}\r\n\r\nThis is a MIME-encapsulated message.\r\n\r\n--${boundary}\r\nContent-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n<${m.recipient}>: host mx.example.net said: 550 5.1.1 User unknown\r\n\r\n--${boundary}\r\nContent-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.agency.test\r\nX-Postfix-Queue-ID: 4F1A2B3C\r\nArrival-Date: Wed,  2 Dec 2026 09:59:58 +0000 (UTC)\r\n\r\nFinal-Recipient: rfc822; ${m.recipient}\r\nOriginal-Recipient: rfc822;${m.recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.example.net\r\nDiagnostic-Code: smtp; 550 5.1.1 <${m.recipient}>: Recipient address rejected:\r\n    User unknown in virtual mailbox table\r\n\r\n--${boundary}\r\nContent-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: Mia <outreach@agency.test>\r\nTo: ${m.recipient}\r\nSubject: ${m.originalSubject}\r\nMessage-ID: <${m.originalMessageId}>\r\n\r\n--${boundary}--\r\n`;
}

export function plainMail(m: Base & { text: string; extra?: string[] }) {
  return `${head(m, [...(m.extra ?? []), 'Content-Type: text/plain; charset=utf-8'])}\r\n\r\n${m.text}\r\n`;
}
