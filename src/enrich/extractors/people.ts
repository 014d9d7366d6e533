/** People: each curated person named, with every spelling the text used, then people found by pattern. */
import type { Extractor } from '../extractor.ts';
import type { PersonMention } from '../types.ts';

/** Lists the people in order of first mention (listed and confirmed ones before pattern finds). */
export const peopleExtractor: Extractor<'people'> = {
  field: 'people',
  extract({ mentions, patternNames }) {
    const byName = new Map<string, PersonMention>();
    for (const m of mentions) {
      if (m.kind !== 'person') continue;
      const found = byName.get(m.person.name);
      if (found) {
        if (!found.matched.includes(m.match.text)) found.matched.push(m.match.text);
        continue;
      }
      byName.set(m.person.name, {
        name: m.person.name,
        matched: [m.match.text],
        ...(m.person.role !== undefined && { role: m.person.role }),
        ...(m.person.country !== undefined && { country: m.person.country }),
        source: m.match.override ? 'confirmed' : 'known',
        confidence: 1,
      });
    }
    for (const p of patternNames) {
      if (p.kind !== 'person') continue;
      const found = byName.get(p.name);
      if (found) {
        if (!found.matched.includes(p.matched)) found.matched.push(p.matched);
        continue;
      }
      byName.set(p.name, { name: p.name, matched: [p.matched], source: 'pattern', confidence: p.confidence });
    }
    return [...byName.values()];
  },
};
