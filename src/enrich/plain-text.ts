/** The words of an update for enrichment: Markdown syntax, link targets and HTML dropped. */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: false });

/** Plain text of Markdown `source`, one line per block (so blocks end sentences). */
export function markdownToText(source: string): string {
  const lines: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type !== 'inline') continue;
    const text = (token.children ?? [])
      .map((child) =>
        child.type === 'text' || child.type === 'code_inline'
          ? child.content
          : child.type === 'softbreak'
            ? ' '
            : '',
      )
      .join('');
    if (text.trim() !== '') lines.push(text.trim());
  }
  return lines.join('\n\n');
}

/** The UTC offset of an IANA time zone at an instant, in minutes east of UTC. */
export function offsetMinutes(timeZone: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** An instant written in local time with its offset ("2026-05-27T10:00:00+03:00"). */
export function localIso(at: Date, timeZone: string): string {
  const offset = offsetMinutes(timeZone, at);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
