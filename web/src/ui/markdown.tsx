/**
 * A small Markdown renderer that can only produce safe HTML: the text is escaped first (raw
 * HTML shows as text), then headings, emphasis, code, lists, quotes and links are added;
 * links must be http(s) or mailto.
 */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const emphasis = (html: string) =>
  html
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');

/**
 * One line of inline Markdown. Code spans and links are cut out first and put back last, so
 * emphasis never reaches inside a code span or a link's address. Only http(s) and mailto
 * addresses become links; anything else ("javascript:…") stays visible text.
 */
function inline(text: string): string {
  const kept: string[] = [];
  const keep = (html: string) => `\uE000${kept.push(html) - 1}\uE000`;
  const html = escapeHtml(text.replace(/\uE000/g, ''))
    .replace(/`([^`]+)`/g, (_, code: string) => keep(`<code>${code}</code>`))
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/gi, (_, label: string, href: string) =>
      keep(`<a href="${href}" rel="noopener noreferrer" target="_blank">${emphasis(label)}</a>`),
    );
  // A link's label may hold a code span kept before it: put back until none is left.
  let out = emphasis(html);
  while (/\uE000\d+\uE000/.test(out))
    out = out.replace(/\uE000(\d+)\uE000/g, (_, i: string) => kept[Number(i)]);
  return out;
}

export function renderMarkdown(source: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = line.match(/^(#{1,4})\s+(.*)$/);
    const bullet = line.match(/^\s*[-*+]\s+(.*)$/);
    const numbered = line.match(/^\s*\d+[.)]\s+(.*)$/);
    const quote = line.match(/^>\s?(.*)$/);
    if (heading) {
      flush();
      closeList();
      const level = heading[1].length + 2;
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? 'ul' : 'ol';
      if (list !== kind) {
        closeList();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline((bullet ?? numbered)![1])}</li>`);
    } else if (quote) {
      flush();
      closeList();
      out.push(`<blockquote>${inline(quote[1])}</blockquote>`);
    } else if (line.trim() === '') {
      flush();
      closeList();
    } else {
      closeList();
      paragraph.push(line);
    }
  }
  flush();
  closeList();
  return out.join('\n');
}

export function Markdown(props: { source: string }) {
  // innerHTML is safe here: renderMarkdown escapes every character of the source first.
  return <div class="markdown" innerHTML={renderMarkdown(props.source)} />;
}
