/**
 * Links the names in an update's (sanitised) HTML to their entity pages: the first mention of each
 * person, organisation and place the enrichment found, in text outside existing links. Works on the
 * HTML string: text between tags is already escaped, so a name is matched in its escaped form and
 * the inserted markup is ours alone.
 */
import { entitiesOf, entityPath } from '../../enrich/entities.ts';
import type { Enrichment } from '../../enrich/types.ts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name's pattern as it may appear in escaped HTML text (apostrophes in any of their forms). */
function surfacePattern(surface: string): string {
  return escapeRegExp(escapeHtml(surface.replace(/[’‘]/g, "'"))).replace(/'/g, "(?:'|’|&#39;|&#x27;|&apos;)");
}

/** `html` with each named entity's first mention linked to its page. */
export function linkEntityNames(html: string, enrichment: Enrichment): string {
  const targets: { pattern: string; href: string }[] = [];
  for (const entity of entitiesOf(enrichment)) {
    const href = entityPath(entity.kind, entity.slug);
    for (const surface of entity.matched)
      if (surface.length >= 2) targets.push({ pattern: surfacePattern(surface), href });
  }
  if (targets.length === 0) return html;
  // Longest first, so "Abdel Fattah al-Burhan" is linked whole rather than "Burhan".
  targets.sort((a, b) => b.pattern.length - a.pattern.length);
  const hrefOf = new Map<string, string>();
  const names = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${targets.map((t, i) => `(?<n${i}>${t.pattern})`).join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  targets.forEach((t, i) => hrefOf.set(`n${i}`, t.href));
  const linked = new Set<string>();
  let insideLink = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<a[\s>]/i.test(part)) insideLink++;
        else if (/^<\/a\s*>/i.test(part)) insideLink = Math.max(0, insideLink - 1);
        return part;
      }
      if (insideLink > 0 || part === '') return part;
      return part.replace(names, (text: string, ...args: unknown[]) => {
        const groups = args.at(-1) as Record<string, string | undefined>;
        const key = Object.keys(groups).find((k) => groups[k] !== undefined);
        const href = key === undefined ? undefined : hrefOf.get(key);
        if (href === undefined || linked.has(href)) return text;
        linked.add(href);
        return `<a class="entity-link" href="${href}">${text}</a>`;
      });
    })
    .join('');
}
