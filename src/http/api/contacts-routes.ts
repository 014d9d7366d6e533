/**
 * Contacts out: `GET /api/v1/contacts` (JSON, paged) and `GET /api/v1/contacts.csv`, the contacts
 * between people and organisations found in updates of live and ended stories, each with the
 * update it came from and that update's claim status, whether an editor confirmed it, and the readout
 * template its sentence shares with others. Contacts an editor rejected are not stored at all.
 * Public, like the stories they come from.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CONTACT_ACTOR_KINDS,
  CONTACT_CHANNELS,
  CONTACT_KINDS,
  CONTACT_SOURCES,
  CONTACT_SOURCE_TYPES,
  type ListedContact,
} from '../../domain/contacts.ts';
import { CLAIM_STATUSES } from '../../domain/types.ts';
import { csvCell } from '../../domain/csv-cell.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Store } from '../../store/store.ts';
import { decodeContactCursor, type ContactFilter } from '../../store/contacts.ts';
import { endpoints } from '../kit/endpoint.ts';
import { json, problem } from '../kit/openapi-parts.ts';

/** A calendar day; the refinement runs even when the pattern failed, so it must not throw. */
function isCalendarDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD')
  .refine(isCalendarDay, 'is not a calendar day');
const slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug (lowercase letters, digits, hyphens)');

const filterFields = {
  actor: slug
    .optional()
    .describe("a person's or organisation's slug, as in /people/{slug}: contacts on either side"),
  kind: z.enum(CONTACT_KINDS).optional().describe('only contacts of this kind'),
  from: day.optional().describe('first day of the period (YYYY-MM-DD, included)'),
  to: day.optional().describe('last day of the period (YYYY-MM-DD, included)'),
  desk: slug.optional().describe("only this desk's stories (slug)"),
  template: z
    .string()
    .min(3)
    .max(80)
    .regex(/^[0-9A-Za-z]+-\d+$/, 'must be a template id, as `template.id` gives')
    .optional()
    .describe('only contacts whose sentence shares this readout template (`template.id`)'),
};
/** Unknown parameters are refused, so a misspelt filter is never silently ignored. */
const ContactsQuery = z.strictObject({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('contacts per page (1–500)'),
  cursor: z.string().min(1).max(200).optional().describe('`nextCursor` of the previous page'),
});
const ContactsCsvQuery = z.strictObject({
  ...filterFields,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(10000)
    .default(5000)
    .describe('most contacts to export (1–10000)'),
});

export const CONTACT_CSV_FIELDS = [
  'date',
  'date_source',
  'kind',
  'channel',
  'actor1_kind',
  'actor1_id',
  'actor1_name',
  'actor1_role',
  'actor2_kind',
  'actor2_id',
  'actor2_name',
  'actor2_role',
  'place',
  'country',
  'update_id',
  'claim_status',
  'desk',
  'reported_at',
  'sentence',
  'origin',
  'template_id',
  'template_size',
  'story_id',
  'source_type',
  'statement_id',
  'statement_url',
] as const;

function csvLine(c: ListedContact): string {
  const cells: (string | null)[] = [
    c.date,
    c.dateSource,
    c.kind,
    c.channel,
    c.a.kind,
    c.a.slug,
    c.a.name,
    c.a.role,
    c.b.kind,
    c.b.slug,
    c.b.name,
    c.b.role,
    c.place,
    c.country,
    c.updateId,
    c.claimStatus,
    c.deskSlug,
    c.reportedAt,
    c.sentence,
    c.source,
    c.templateId,
    String(c.templateSize),
    c.storyId,
    c.sourceType,
    c.statementId,
    c.statementUrl,
  ];
  return cells.map(csvCell).join(',');
}

/** The JSON form of one contact: public fields only (no ordinal). */
function contactJson(c: ListedContact) {
  return {
    date: c.date,
    dateSource: c.dateSource,
    kind: c.kind,
    channel: c.channel,
    actors: [c.a, c.b],
    place: c.place,
    country: c.country,
    source: {
      type: c.sourceType,
      updateId: c.sourceType === 'update' ? c.updateId : null,
      storyId: c.sourceType === 'update' ? c.storyId : null,
      statementId: c.statementId,
      url: c.statementUrl,
      claimStatus: c.claimStatus,
      desk: c.deskSlug,
      reportedAt: c.reportedAt,
    },
    // `source` already names the update or statement, so an editor's confirmation is the contact's origin.
    origin: c.source,
    template: { id: c.templateId, size: c.templateSize },
    sentence: c.sentence,
  };
}

const nullable = (type: string) => ({ type: [type, 'null'] });
const ActorSchema = {
  type: 'object',
  required: ['kind', 'slug', 'name', 'role'],
  properties: {
    kind: { type: 'string', enum: [...CONTACT_ACTOR_KINDS] },
    slug: {
      type: 'string',
      description: "the actor's id: its page is /people/{slug} or /organizations/{slug}",
    },
    name: { type: 'string' },
    role: { ...nullable('string'), description: 'the role the text gave then ("President of Iran")' },
  },
};
/** The documented shape of one contact (contactJson). */
const ContactSchema = {
  type: 'object',
  required: [
    'date',
    'dateSource',
    'kind',
    'channel',
    'actors',
    'place',
    'country',
    'source',
    'origin',
    'template',
    'sentence',
  ],
  properties: {
    date: { type: 'string', format: 'date', description: 'day of the contact' },
    dateSource: {
      type: 'string',
      enum: ['text', 'reported'],
      description: "`text`: the sentence dates it; `reported`: the update's day",
    },
    kind: { type: 'string', enum: [...CONTACT_KINDS] },
    channel: { type: ['string', 'null'], enum: [...CONTACT_CHANNELS, null] },
    actors: { type: 'array', items: ActorSchema, minItems: 2, maxItems: 2 },
    place: nullable('string'),
    country: { ...nullable('string'), description: 'ISO 3166-1 alpha-2' },
    source: {
      type: 'object',
      required: ['type', 'updateId', 'storyId', 'statementId', 'url', 'claimStatus', 'desk', 'reportedAt'],
      description:
        'where the contact was reported: a published update (`type` update), or an official statement of the library (`type` statement: no story, desk or claim status; its page is /statements/{statementId})',
      properties: {
        type: { type: 'string', enum: [...CONTACT_SOURCE_TYPES] },
        updateId: nullable('string'),
        storyId: nullable('string'),
        statementId: nullable('string'),
        url: { ...nullable('string'), description: "the statement's own link, when it gave one" },
        claimStatus: { type: ['string', 'null'], enum: [...CLAIM_STATUSES, null] },
        desk: nullable('string'),
        reportedAt: {
          type: 'string',
          format: 'date-time',
          description: 'when the update or statement was published',
        },
      },
    },
    origin: {
      type: 'string',
      enum: [...CONTACT_SOURCES],
      description: '`confirmed`: an editor confirmed it beside its update; `extracted`: not reviewed',
    },
    template: {
      type: 'object',
      required: ['id', 'size'],
      description:
        'the readout template its sentence shares with contacts of other updates (names aside); `size` counts the public contacts in it, this one included (1: its wording is its own)',
      properties: { id: { type: 'string' }, size: { type: 'integer', minimum: 1 } },
    },
    sentence: { type: 'string' },
  },
};

/** Registers the contacts routes on the API (mounted under /api/v1). */
export async function registerContactRoutes(app: FastifyInstance, deps: { store: Store }): Promise<void> {
  const filterOf = async (
    query: z.infer<typeof ContactsCsvQuery> | z.infer<typeof ContactsQuery>,
  ): Promise<ContactFilter> => {
    if (query.from !== undefined && query.to !== undefined && query.from > query.to)
      throw invalid('to', 'to: must not be before from');
    let deskId: string | undefined;
    if (query.desk !== undefined) {
      const desk = await deps.store.desks.getBySlug(query.desk);
      if (!desk) throw notFound('desk');
      deskId = desk.id;
    }
    return {
      ...(query.actor !== undefined && { actor: query.actor }),
      ...(query.kind !== undefined && { kind: query.kind }),
      ...(query.from !== undefined && { from: query.from }),
      ...(query.to !== undefined && { to: query.to }),
      ...(deskId !== undefined && { deskId }),
      ...(query.template !== undefined && { template: query.template }),
    };
  };

  const define = endpoints(app, deps.store);
  const bad = problem('A parameter is not valid (the problem names it), or is not a known parameter');

  define({
    method: 'GET',
    url: '/contacts',
    querystring: ContactsQuery,
    docs: {
      summary:
        'Contacts between people and organisations (calls, meetings, visits, talks, letters, agreements, threats) found in updates of live and ended stories, newest first, each with its actors (ids and roles), source update and claim status, whether an editor confirmed it, and its readout template group. Contacts editors rejected are left out',
      responses: {
        '200': {
          description: '`{ items, nextCursor }`',
          content: json({
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: { type: 'array', items: ContactSchema },
              nextCursor: nullable('string'),
            },
          }),
        },
        '400': bad,
        '404': problem('No such desk'),
      },
    },
    handler: async ({ query }) => {
      const filter = await filterOf(query);
      if (query.cursor !== undefined && decodeContactCursor(query.cursor) === undefined)
        throw invalid('cursor', 'cursor: is not a cursor this API gave');
      const page = await deps.store.contacts.list(filter, {
        limit: query.limit,
        ...(query.cursor !== undefined && { cursor: query.cursor }),
      });
      return { items: page.items.map(contactJson), nextCursor: page.nextCursor };
    },
  });

  define({
    method: 'GET',
    url: '/contacts.csv',
    querystring: ContactsCsvQuery,
    docs: {
      summary: `The same contacts as CSV (RFC 4180, formulas defused); columns: ${CONTACT_CSV_FIELDS.join(', ')}`,
      responses: {
        '200': {
          description: 'CSV with a header line',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        '400': bad,
        '404': problem('No such desk'),
      },
    },
    handler: async ({ query, reply }) => {
      const { items } = await deps.store.contacts.list(await filterOf(query), { limit: query.limit });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="dateline-contacts.csv"')
        .send([CONTACT_CSV_FIELDS.join(','), ...items.map(csvLine)].join('\r\n') + '\r\n');
    },
  });
}
