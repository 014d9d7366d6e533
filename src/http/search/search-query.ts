/**
 * The search query string, shared by `GET /api/v1/search` and the `/search` page so both accept the
 * same thing: q, desk, from, to, claim (repeated or comma-separated), keyEvents, kind, person,
 * organization, place (each repeatable; canonical names), limit, offset.
 */
import { z } from 'zod';
import { isCalendarDate } from '../../domain/days.ts';
import { CLAIM_STATUSES } from '../../domain/types.ts';
import type { ClaimStatus } from '../../domain/types.ts';
import { SEARCH_KINDS, type SearchQuery } from '../../store/search.ts';

/** Results per page. */
export const SEARCH_PAGE_SIZE = 20;
// Ranked results deeper than this are noise; a bound also keeps OFFSET cheap.
const MAX_OFFSET = 1000;

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter((v) => v !== ''),
  );
// Canonical names may hold commas ("Washington, D.C."), so entity filters are repeated, never split.
const names = z
  .union([z.string().max(200, 'must be at most 200 characters'), z.array(z.string().max(200))])
  .transform((value) => (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== ''))
  .pipe(z.array(z.string()).max(5, 'at most 5 names'));
const day = z.string().refine(isCalendarDate, 'must be a date as YYYY-MM-DD');
const flag = z
  .enum(['true', 'false', '1', '0', 'on'])
  .transform((v) => v === 'true' || v === '1' || v === 'on');

/** The query string as the API and the page accept it; `q` may be empty on the page (form only). */
export const SearchQuerySchema = z.object({
  q: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  desk: z
    .string()
    .max(80)
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  from: z
    .union([z.literal(''), day])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  to: z
    .union([z.literal(''), day])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  claim: list.pipe(z.array(z.enum(CLAIM_STATUSES, `must be one of ${CLAIM_STATUSES.join(', ')}`))).optional(),
  keyEvents: flag.optional(),
  kind: z
    .union([z.literal(''), z.enum(SEARCH_KINDS, `must be one of ${SEARCH_KINDS.join(', ')}`)])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  person: names.optional(),
  organization: names.optional(),
  place: names.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(SEARCH_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});
/** A parsed search query string. */
export type SearchParams = z.output<typeof SearchQuerySchema>;

/** The store query for parsed params. */
export function toSearchQuery(params: SearchParams): SearchQuery {
  return {
    text: params.q,
    deskSlug: params.desk,
    from: params.from,
    to: params.to,
    claimStatuses: params.claim as ClaimStatus[] | undefined,
    keyEventsOnly: params.keyEvents,
    kinds: params.kind === undefined ? undefined : [params.kind],
    people: params.person,
    organizations: params.organization,
    places: params.place,
    limit: params.limit,
    offset: params.offset,
  };
}

/** The entity filter parameters and what the page calls them. */
export const ENTITY_PARAMS = [
  { param: 'person', type: 'person', label: 'Person', plural: 'People' },
  { param: 'organization', type: 'organization', label: 'Organisation', plural: 'Organisations' },
  { param: 'place', type: 'place', label: 'Place', plural: 'Places' },
] as const;

/** The query string of `params` with `offset` changed, for "more results" links. */
export function searchHref(params: SearchParams, offset: number): string {
  const query = new URLSearchParams();
  query.set('q', params.q);
  if (params.desk !== undefined) query.set('desk', params.desk);
  if (params.from !== undefined) query.set('from', params.from);
  if (params.to !== undefined) query.set('to', params.to);
  for (const status of params.claim ?? []) query.append('claim', status);
  if (params.keyEvents === true) query.set('keyEvents', 'on');
  if (params.kind !== undefined) query.set('kind', params.kind);
  for (const { param } of ENTITY_PARAMS) for (const name of params[param] ?? []) query.append(param, name);
  if (params.limit !== SEARCH_PAGE_SIZE) query.set('limit', String(params.limit));
  if (offset > 0) query.set('offset', String(offset));
  return `/search?${query.toString()}`;
}
