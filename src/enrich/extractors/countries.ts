/** Countries: named ("Sudan") or referred to by demonym ("Sudanese troops"). */
import type { Extractor } from '../extractor.ts';
import type { CountryMention } from '../types.ts';

/** Lists the countries in order of first mention. */
export const countriesExtractor: Extractor<'countries'> = {
  field: 'countries',
  extract({ mentions }) {
    const byIso = new Map<string, CountryMention>();
    for (const m of mentions)
      if (m.kind === 'country' && !byIso.has(m.country.iso2))
        byIso.set(m.country.iso2, { name: m.country.name, iso2: m.country.iso2 });
    return [...byIso.values()];
  },
};
