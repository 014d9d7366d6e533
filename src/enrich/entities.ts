/**
 * The people, organisations and places an enrichment names, as the entity pages address them:
 * `/people/{slug}`, `/organizations/{slug}`, `/places/{slug}` (a town or region's slug carries its
 * country, "kutum-sd", since names repeat across countries).
 */
import { slugify } from '../domain/slug.ts';
import type { Enrichment, PlaceMention } from './types.ts';

/** Kinds of entity page, with the path segment of each. */
export const ENTITY_KINDS = ['person', 'organization', 'place'] as const;
/** A kind of entity. */
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The path segment of each kind's pages. */
export const ENTITY_SEGMENTS: Record<EntityKind, string> = {
  person: 'people',
  organization: 'organizations',
  place: 'places',
};

/** One entity an update names, with the spellings it used there. */
export interface EntityRef {
  kind: EntityKind;
  slug: string;
  name: string;
  matched: string[];
}

/** A place's slug: a country by its name, anything smaller with its country code. */
export function placeSlug(place: Pick<PlaceMention, 'name' | 'kind' | 'country'>): string {
  return place.kind === 'country' ? slugify(place.name) : slugify(`${place.name} ${place.country}`);
}

/** The reader path of an entity page. */
export function entityPath(kind: EntityKind, slug: string): string {
  return `/${ENTITY_SEGMENTS[kind]}/${slug}`;
}

/** The confidence below which a name found by a pattern gets no entity page, unless set. */
export const DEFAULT_NAME_MIN_CONFIDENCE = 0.7;

/**
 * Names found by a pattern below this confidence get no entity page (editors still see them in
 * the newsroom). Operators set it with DATELINE_NAME_MIN_CONFIDENCE (0–1), which `loadConfig`
 * validates at boot.
 */
export function nameMinConfidence(env: Record<string, string | undefined> = process.env): number {
  const value = env.DATELINE_NAME_MIN_CONFIDENCE;
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : DEFAULT_NAME_MIN_CONFIDENCE;
}

/** Every person, organisation and place `enrichment` names, without repeats. */
export function entitiesOf(enrichment: Enrichment, minConfidence: number = nameMinConfidence()): EntityRef[] {
  const out = new Map<string, EntityRef>();
  const add = (kind: EntityKind, slug: string, name: string, matched: string[]) => {
    if (slug === '') return;
    const key = `${kind}/${slug}`;
    const found = out.get(key);
    if (!found) {
      out.set(key, { kind, slug, name, matched: [...matched] });
      return;
    }
    for (const m of matched) if (!found.matched.includes(m)) found.matched.push(m);
  };
  // Stored enrichments from before `confidence` existed name only listed or confirmed names.
  const shown = (n: { confidence?: number }) => (n.confidence ?? 1) >= minConfidence;
  for (const p of enrichment.people) if (shown(p)) add('person', slugify(p.name), p.name, p.matched);
  for (const o of enrichment.organizations)
    if (shown(o)) add('organization', slugify(o.name), o.name, o.matched);
  for (const p of enrichment.places) add('place', placeSlug(p), p.name, [p.matched]);
  return [...out.values()];
}
