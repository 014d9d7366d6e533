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

/** Every person, organisation and place `enrichment` names, without repeats. */
export function entitiesOf(enrichment: Enrichment): EntityRef[] {
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
  for (const p of enrichment.people) add('person', slugify(p.name), p.name, p.matched);
  for (const o of enrichment.organizations) add('organization', slugify(o.name), o.name, o.matched);
  for (const p of enrichment.places) add('place', placeSlug(p), p.name, [p.matched]);
  return [...out.values()];
}
