/** Organisations: each curated organisation named, with the spellings used. */
import type { Extractor } from '../extractor.ts';
import type { OrganizationMention } from '../types.ts';

/** Lists the organisations in order of first mention. */
export const organizationsExtractor: Extractor<'organizations'> = {
  field: 'organizations',
  extract({ mentions }) {
    const byName = new Map<string, OrganizationMention>();
    for (const m of mentions) {
      if (m.kind !== 'org') continue;
      const found = byName.get(m.org.name);
      if (found) {
        if (!found.matched.includes(m.match.text)) found.matched.push(m.match.text);
      } else byName.set(m.org.name, { name: m.org.name, matched: [m.match.text] });
    }
    return [...byName.values()];
  },
};
