/** People: each curated person named, with every spelling the text used. */
import type { Extractor } from '../extractor.ts';
import type { PersonMention } from '../types.ts';

/** Lists the people in order of first mention. */
export const peopleExtractor: Extractor<'people'> = {
  field: 'people',
  extract({ mentions }) {
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
      });
    }
    return [...byName.values()];
  },
};
