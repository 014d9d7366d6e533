/**
 * The statements API under /api/v1: the library (create, list, get), the statements that share a
 * statement's wording (or a pasted text's), comparisons, and the feeds statements are ingested from.
 * Statements are public records, so reads are public; writes need an editor token, feeds an admin's.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import type { StatementFeed } from '../../statements/feeds/feed-store.ts';
import { CreateFeedSchema } from '../../statements/feeds/feed-input.ts';
import { FEED_ROLES, type StatementFeedService } from '../../service/statement-feeds.ts';
import { SimilarOptionsSchema } from '../../statements/statement-input.ts';
import {
  MAX_COMPARED,
  parseWith,
  type Comparison,
  type SimilarStatement,
  type StatementService,
} from '../../statements/statement-service.ts';
import type { Statement } from '../../statements/statement.ts';
import { MAX_STATEMENT_TEXT } from '../../statements/statement.ts';
import type { Store } from '../../store/store.ts';
import { endpoints } from '../kit/endpoint.ts';
import { json, problem, ref } from '../kit/openapi-parts.ts';

/** What the statements API needs. */
export interface StatementApiDeps {
  store: Store;
  statements: StatementService;
  /** Feed management, shared with the newsroom's feed page. */
  statementFeeds: StatementFeedService;
}

const IdParams = z.object({ id: z.string().min(1).max(64) });
const list = (item: string) => ({
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
});
const errors = {
  '400': problem('Invalid input; `field` names what is wrong'),
  '401': problem('Missing or invalid token'),
  '403': problem('The token’s role does not allow this'),
  '404': problem('No such resource'),
};
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
  issuer: z.string().max(200).optional(),
});
const CompareQuery = z.object({
  ids: z
    .string()
    .max(1000)
    .describe('statement ids separated by commas')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
});
/** Body of POST /statements/similar: pasted text and the query's options. */
export const SimilarTextSchema = z.strictObject({
  text: z
    .string()
    .max(MAX_STATEMENT_TEXT, `must be at most ${MAX_STATEMENT_TEXT} characters`)
    .trim()
    .min(1, 'must not be empty'),
  metric: SimilarOptionsSchema.shape.metric,
  threshold: SimilarOptionsSchema.shape.threshold,
  maskNames: z.boolean().optional(),
  limit: SimilarOptionsSchema.shape.limit,
});

/** Body of PATCH /statement-feeds/{id}. */
export const PatchFeedSchema = z.strictObject({
  disabled: z.boolean().describe('true stops polling the feed, false resumes it'),
});

/** A statement as the API returns it. */
export function statementJson(statement: Statement) {
  return {
    id: statement.id,
    issuer: statement.issuer,
    title: statement.title,
    publishedAt: statement.publishedAt,
    url: statement.url,
    language: statement.language,
    text: statement.text,
    parties: statement.parties,
    tags: statement.tags,
    feedId: statement.feedId,
    createdAt: statement.createdAt,
    page: `/statements/${statement.id}`,
  };
}

/** An earlier statement found similar, as the API returns it. */
export function similarJson(hit: SimilarStatement, to: string | null) {
  return {
    statement: statementJson(hit.statement),
    score: hit.score,
    jaccard: hit.jaccard,
    containment: hit.containment,
    sharedShingles: hit.overlap,
    compare: to === null ? null : `/statements/compare?ids=${hit.statement.id},${to}`,
  };
}

/** A comparison as the API returns it. */
export function comparisonJson(comparison: Comparison) {
  return {
    statements: comparison.statements.map(statementJson),
    template: comparison.template,
    templateText: comparison.templateText,
    pairs: comparison.pairs.map(({ from, to, jaccard, containment, parts }) => ({
      from,
      to,
      jaccard,
      containment,
      parts,
    })),
    page: `/statements/compare?ids=${comparison.statements.map((s) => s.id).join(',')}`,
  };
}

/** A feed and its last outcome, as the API returns it. */
export function feedJson(feed: StatementFeed) {
  return { ...feed };
}

/** Registers the statements routes on `app` (mounted under /api/v1). */
export async function registerStatementApiRoutes(
  app: FastifyInstance,
  deps: StatementApiDeps,
): Promise<void> {
  const { store, statements, statementFeeds: feeds } = deps;
  const define = endpoints(app, store, parseWith);

  // The body is the statement service's to parse (the CLI and the feeds add statements too).
  define({
    method: 'POST',
    url: '/statements',
    permissions: 'editor',
    status: 201,
    docs: {
      summary: 'Add a statement (editor); the response lists the earlier statements it reuses',
      secured: true,
      requestBody: { required: true, content: json(ref('CreateStatement')) },
      responses: {
        '201': {
          description: 'Added',
          content: json({
            allOf: [
              ref('Statement'),
              { type: 'object', properties: { similar: { type: 'array', items: ref('SimilarStatement') } } },
            ],
          }),
        },
        ...errors,
      },
    },
    handler: async ({ request, reply }) => {
      const statement = await statements.add(request.body);
      // The earlier statements it reuses come back at once: what the newsroom shows on paste.
      const similar = await statements.similarTo(statement.id, { limit: 5 });
      reply.header('location', `/api/v1/statements/${statement.id}`);
      return { ...statementJson(statement), similar: similar.map((hit) => similarJson(hit, statement.id)) };
    },
  });

  define({
    method: 'DELETE',
    url: '/statements/:id',
    permissions: 'editor',
    params: IdParams,
    status: 204,
    docs: {
      summary:
        'Remove a statement from the library with its contacts (editor); refused while updates cite it; audited',
      secured: true,
      responses: {
        '204': { description: 'Removed' },
        '409': problem('Cited by updates; `current.citedBy` names them'),
        ...errors,
      },
    },
    handler: async ({ principal, params: { id }, reply }) => {
      await statements.remove(id, principal);
      return reply.send();
    },
  });

  define({
    method: 'GET',
    url: '/statements',
    querystring: ListQuery,
    docs: {
      summary: 'Official statements, newest published first',
      responses: { '200': { description: 'Statements', content: json(list('Statement')) }, ...errors },
    },
    handler: async ({ query: { limit, cursor, issuer } }) => {
      const page = await store.statements.list({
        limit,
        cursor: cursor ?? null,
        ...(issuer !== undefined && { issuer }),
      });
      return { items: page.items.map(statementJson), nextCursor: page.nextCursor };
    },
  });

  define({
    method: 'GET',
    url: '/statements/compare',
    querystring: CompareQuery,
    docs: {
      summary:
        'Compare 2 to 10 statements: the shared template with slots, and each against the first word by word',
      responses: {
        '200': { description: 'The comparison', content: json(ref('StatementComparison')) },
        ...errors,
      },
    },
    handler: async ({ query: { ids } }) => {
      if (ids.length < 2 || ids.length > MAX_COMPARED) {
        throw invalid('ids', `ids must list 2 to ${MAX_COMPARED} statement ids, separated by commas`);
      }
      return comparisonJson(await statements.compare(ids));
    },
  });

  // Contributors write updates too, and what they paste may be a readout; statements themselves are public.
  define({
    method: 'POST',
    url: '/statements/similar',
    permissions: 'contributor',
    body: SimilarTextSchema,
    docs: {
      summary: 'Statements sharing the wording of pasted text (contributor)',
      secured: true,
      responses: {
        '200': { description: 'Similar statements', content: json(list('SimilarStatement')) },
        ...errors,
      },
    },
    handler: async ({ body: { text, ...options } }) => {
      const hits = await statements.similarToText(text, options);
      return { items: hits.map((hit) => similarJson(hit, null)) };
    },
  });

  define({
    method: 'GET',
    url: '/statements/:id',
    params: IdParams,
    docs: {
      summary: 'Get a statement',
      responses: { '200': { description: 'The statement', content: json(ref('Statement')) }, ...errors },
    },
    handler: async ({ params }) => statementJson(await statements.get(params.id)),
  });

  define({
    method: 'GET',
    url: '/statements/:id/similar',
    params: IdParams,
    querystring: SimilarOptionsSchema,
    docs: {
      summary: 'Earlier statements sharing its wording, best first (every one above the threshold)',
      responses: {
        '200': { description: 'Similar statements', content: json(list('SimilarStatement')) },
        ...errors,
      },
    },
    handler: async ({ params: { id }, query }) => {
      const hits = await statements.similarTo(id, query);
      return { items: hits.map((hit) => similarJson(hit, id)) };
    },
  });

  // Feeds: the rules are the feed service's; the role is asked first so that nobody hears 401 before a 400.
  define({
    method: 'GET',
    url: '/statement-feeds',
    permissions: FEED_ROLES.read,
    docs: {
      summary: 'Configured statement feeds with their status and last error (editor)',
      secured: true,
      responses: { '200': { description: 'Feeds', content: json(list('StatementFeed')) }, ...errors },
    },
    handler: async ({ principal }) => ({
      items: (await feeds.list(principal)).map(feedJson),
      nextCursor: null,
    }),
  });

  define({
    method: 'POST',
    url: '/statement-feeds',
    permissions: FEED_ROLES.manage,
    body: CreateFeedSchema,
    status: 201,
    docs: {
      summary: 'Add an RSS, Atom or JSON Feed of statements, polled on a schedule (admin)',
      secured: true,
      responses: {
        '201': { description: 'Added; polled at once', content: json(ref('StatementFeed')) },
        '409': problem('That URL is already configured'),
        ...errors,
      },
    },
    handler: async ({ principal, body, reply }) => {
      const feed = await feeds.add(principal, body);
      reply.header('location', `/api/v1/statement-feeds/${feed.id}`);
      return feedJson(feed);
    },
  });

  define({
    method: 'GET',
    url: '/statement-feeds/:id',
    permissions: FEED_ROLES.read,
    params: IdParams,
    docs: {
      summary: 'A feed and its last outcome (editor)',
      secured: true,
      responses: { '200': { description: 'The feed', content: json(ref('StatementFeed')) }, ...errors },
    },
    handler: async ({ principal, params }) => feedJson(await feeds.get(principal, params.id)),
  });

  define({
    method: 'PATCH',
    url: '/statement-feeds/:id',
    permissions: FEED_ROLES.manage,
    params: IdParams,
    body: PatchFeedSchema,
    docs: {
      summary: 'Stop or resume polling a feed (admin)',
      secured: true,
      responses: { '200': { description: 'The feed', content: json(ref('StatementFeed')) }, ...errors },
    },
    handler: async ({ principal, params, body }) =>
      feedJson(await feeds.setDisabled(principal, params.id, body.disabled)),
  });

  define({
    method: 'POST',
    url: '/statement-feeds/:id/poll',
    permissions: FEED_ROLES.manage,
    params: IdParams,
    docs: {
      summary: 'Poll a feed now and return its outcome (admin)',
      secured: true,
      responses: {
        '200': { description: 'The feed after the poll', content: json(ref('StatementFeed')) },
        ...errors,
      },
    },
    handler: async ({ principal, params }) => feedJson(await feeds.pollNow(principal, params.id)),
  });
}
