/**
 * RFC 3464 delivery status notifications: a `multipart/report; report-type=delivery-status`
 * whose `message/delivery-status` part holds per-recipient fields (Final-Recipient, Action,
 * Status, Diagnostic-Code), usually followed by the returned message or its headers. mailparser
 * flattens the status part into the text body, so the report is read from the source here.
 */

export type DeliveryStatus = {
  recipients: { recipient: string; action: string; status: string; diagnostic: string }[];
  /** Message-ID of the returned message (without brackets), when the report carries it. */
  originalMessageId: string | null;
};

type Part = { headers: Map<string, string>; body: string };

function splitHeaders(text: string): Part {
  const normalised = text.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  return { headers: headerFields(head), body };
}

/** Header block to lower-cased name → unfolded value (first occurrence wins). */
export function headerFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

function param(contentType: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function decode(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    return part.body
      .replace(/=\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return part.body;
}

/** Every leaf part of a MIME tree, depth first. */
function leaves(part: Part, depth = 0): Part[] {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = param(type, 'boundary');
  if (!/^multipart\//i.test(type) || !boundary || depth > 5) return [part];
  const chunks = part.body.split(
    new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*$`, 'm'),
  );
  // The first chunk is the preamble and the last the epilogue.
  return chunks
    .slice(1, -1)
    .map((chunk) => splitHeaders(chunk.replace(/^\n/, '')))
    .flatMap((p) => leaves(p, depth + 1));
}

function stripType(value: string | undefined): string {
  // "rfc822; user@example.com" → "user@example.com"
  return (value ?? '')
    .replace(/^[^;]*;\s*/, '')
    .replace(/^<|>$/g, '')
    .trim();
}

/** The delivery report inside `source`, or null when the message is not one. */
export function parseDeliveryStatus(source: string): DeliveryStatus | null {
  const root = splitHeaders(source);
  const type = root.headers.get('content-type') ?? '';
  if (!/^multipart\/report/i.test(type)) return null;
  if ((param(type, 'report-type') ?? '').toLowerCase() !== 'delivery-status') return null;
  const parts = leaves(root);
  const status = parts.find((p) =>
    /^message\/(global-)?delivery-status/i.test(p.headers.get('content-type') ?? ''),
  );
  if (!status) return null;
  // Per-message fields, then one block per recipient, separated by blank lines.
  const blocks = decode(status)
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map(headerFields);
  const recipients = blocks
    .filter((b) => b.has('final-recipient') || b.has('original-recipient'))
    .map((b) => ({
      recipient: stripType(b.get('final-recipient') ?? b.get('original-recipient')).toLowerCase(),
      action: (b.get('action') ?? '').toLowerCase(),
      status: b.get('status') ?? '',
      diagnostic: stripType(b.get('diagnostic-code')),
    }));
  const returned = parts.find((p) =>
    /^(text\/rfc822-headers|message\/rfc822|message\/global)/i.test(p.headers.get('content-type') ?? ''),
  );
  const originalId = returned ? splitHeaders(decode(returned)).headers.get('message-id') : undefined;
  return {
    recipients,
    originalMessageId: originalId ? originalId.trim().replace(/^<|>$/g, '') : null,
  };
}
