/** Organisations: each curated organisation named, with the spellings used, then ones found by pattern. */
import type { Extractor } from '../extractor.ts';
import type { OrganizationMention } from '../types.ts';

// "attacks Tiv community", "Fulani villages": a people's name before these is the people, not a
// group fighting in its name.
const PEOPLE_AFTER = /^\s+(?:community|communities|villages|villagers|residents|civilians)\b/;

/** Lists the organisations in order of first mention (listed and confirmed ones first). */
export const organizationsExtractor: Extractor<'organizations'> = {
  field: 'organizations',
  extract({ text, mentions, patternNames }) {
    const byName = new Map<string, OrganizationMention>();
    const add = (
      name: string,
      matched: string,
      source: OrganizationMention['source'],
      confidence: number,
    ) => {
      const found = byName.get(name);
      if (found) {
        if (!found.matched.includes(matched)) found.matched.push(matched);
      } else byName.set(name, { name, matched: [matched], source, confidence });
    };
    // "Brian Wagner": a one-word name the names rule made a man's surname is not the group.
    const surname = (start: number, end: number) =>
      patternNames.some((p) => p.kind === 'person' && p.start < start && p.end === end);
    for (const m of mentions)
      if (
        m.kind === 'org' &&
        !PEOPLE_AFTER.test(text.slice(m.match.end, m.match.end + 14)) &&
        (m.match.override || !surname(m.match.start, m.match.end))
      )
        add(m.org.name, m.match.text, m.match.override ? 'confirmed' : 'known', 1);
    for (const p of patternNames) if (p.kind === 'org') add(p.name, p.matched, 'pattern', p.confidence);
    return [...byName.values()];
  },
};
