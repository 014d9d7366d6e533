/** The parties a statement names, from enrichment: people, organisations and countries. */
import type { Enricher } from '../enrich/pipeline.ts';

/** Finds the parties named in a statement's text, or none when it cannot. */
export type PartiesOf = (text: string, publishedAt: string) => string[];

/** Parties from the enricher's people, organisations and countries, each once, in that order. */
export function partiesFromEnricher(enricher: Enricher): PartiesOf {
  return (text, publishedAt) => {
    const found = enricher.enrich(text, { published: publishedAt });
    const names = [...found.people, ...found.organizations, ...found.countries].map((m) => m.name);
    return [...new Set(names)].slice(0, 50);
  };
}
