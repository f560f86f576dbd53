/**
 * Splits a reply's text into what the person wrote and what they quoted, so timelines show the
 * new part and collapse the rest. The quote starts at the first attribution line ("On … wrote:"
 * and its translations), an Outlook header block or separator, or a run of ">" lines; the new
 * part is everything above it. Nothing is dropped: the two parts joined are the whole text.
 */

/** Attribution lines in the languages mail clients write them in; may wrap over two lines. */
const attribution = [
  /^on\b.{0,200}\bwrote:\s*$/i,
  /^am\b.{0,200}\bschrieb\b.{0,80}:\s*$/i, // de
  /^le\b.{0,200}\ba écrit\s*:\s*$/i, // fr
  /^el\b.{0,200}\bescribió:\s*$/i, // es
  /^il\b.{0,200}\bha scritto:\s*$/i, // it
  /^op\b.{0,200}\bschreef\b.{0,80}:\s*$/i, // nl
  /^em\b.{0,200}\bescreveu:\s*$/i, // pt
  /^den\b.{0,200}\bskrev\b.{0,80}:\s*$/i, // sv, da, no
  /^.{0,200}\b(napisał|napisała)\(?a?\)?:\s*$/i, // pl
  /^.{0,200}\bпишет:\s*$/i, // ru
];

const outlookSeparators = [
  /^-{2,}\s*original message\s*-{2,}\s*$/i,
  /^-{2,}\s*(ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht)\s*-{2,}\s*$/i,
  /^-{2,}\s*forwarded message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];

/** "From: …" followed within a few lines by "Sent:"/"Date:" and "To:"/"Subject:" (Outlook's header block). */
function outlookHeaderAt(lines: string[], i: number): boolean {
  if (!/^\*?(from|von|de|da|van|från|od|от)\s*:\*?\s/i.test(lines[i])) return false;
  const next = lines.slice(i + 1, i + 6).join('\n');
  return (
    /^\*?(sent|date|gesendet|envoyé|enviado|inviato|verzonden|skickat|wysłano|отправлено)\s*:/im.test(next) &&
    /^\*?(to|subject|an|betreff|à|objet|para|asunto|a|oggetto|aan|onderwerp|till|ämne|do|temat|кому|тема)\s*:/im.test(
      next,
    )
  );
}

function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (attribution.some((p) => p.test(line))) return i;
    // Clients wrap a long attribution: "On Tue, 1 Dec 2026 at 10:00, Ann Example <ann@" / "agency.test> wrote:"
    const joined = `${line} ${(lines[i + 1] ?? '').trim()}`;
    if (i + 1 < lines.length && !line.startsWith('>') && attribution.some((p) => p.test(joined))) return i;
    if (outlookSeparators.some((p) => p.test(line))) return i;
    if (outlookHeaderAt(lines, i)) return i;
    // A block of ">" lines that runs to the end (or to trailing blank lines) is a quote even
    // without an attribution; ">" lines followed by the person's own text are inline answers.
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      return i;
    }
  }
  return lines.length;
}

export function splitQuoted(text: string): { body: string; quoted: string } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const at = quoteStart(lines);
  return {
    body: lines.slice(0, at).join('\n').trimEnd(),
    quoted: lines.slice(at).join('\n').trim(),
  };
}
