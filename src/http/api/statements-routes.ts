/**
 * The statements API under /api/v1: the library (create, list, get), the statements that share a
 * statement's wording (or a pasted text's), comparisons, and the feeds statements are ingested from.
 * Statements are public records, so reads are public; writes need an editor token, feeds an admin's.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalid, notFound } from '../../domain/errors.ts';
import type { FeedPoller } from '../../service/feed-poller.ts';
import type { StatementFeed } from '../../statements/feeds/feed-store.ts';
import { CreateFeedSchema } from '../../statements/feeds/feed-input.ts';
import { assertOutboundUrl, type OutboundPolicy } from '../../outbound/outbound-policy.ts';
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
import { requireRole } from '../auth.ts';

/** What the statements API needs. */
export interface StatementApiDeps {
  store: Store;
  statements: StatementService;
  feedPoller: FeedPoller;
  /** Which feed URLs may be saved (literal private addresses are refused at once). */
  outbound: OutboundPolicy;
}

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
  issuer: z.string().max(200).optional(),
});
const CompareQuery = z.object({
  ids: z
    .string()
    .max(1000)
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
  const { store, statements, feedPoller, outbound } = deps;

  app.post('/statements', async (request, reply) => {
    await requireRole(store, request, 'editor');
    const statement = await statements.add(request.body);
    // The earlier statements it reuses come back at once: what the newsroom shows on paste.
    const similar = await statements.similarTo(statement.id, { limit: 5 });
    return reply
      .code(201)
      .header('location', `/api/v1/statements/${statement.id}`)
      .send({ ...statementJson(statement), similar: similar.map((hit) => similarJson(hit, statement.id)) });
  });

  app.get('/statements', async (request) => {
    const { limit, cursor, issuer } = parseWith(ListQuery, request.query, 'query');
    const page = await store.statements.list({
      limit,
      cursor: cursor ?? null,
      ...(issuer !== undefined && { issuer }),
    });
    return { items: page.items.map(statementJson), nextCursor: page.nextCursor };
  });

  app.get('/statements/compare', async (request) => {
    const { ids } = parseWith(CompareQuery, request.query, 'query');
    if (ids.length < 2 || ids.length > MAX_COMPARED) {
      throw invalid('ids', `ids must list 2 to ${MAX_COMPARED} statement ids, separated by commas`);
    }
    return comparisonJson(await statements.compare(ids));
  });

  // Contributors write updates too, and what they paste may be a readout; statements themselves are public.
  app.post('/statements/similar', async (request) => {
    await requireRole(store, request, 'contributor');
    const { text, ...options } = parseWith(SimilarTextSchema, request.body);
    const hits = await statements.similarToText(text, options);
    return { items: hits.map((hit) => similarJson(hit, null)) };
  });

  app.get('/statements/:id', async (request) => {
    const { id } = parseWith(IdParams, request.params, 'path');
    return statementJson(await statements.get(id));
  });

  app.get('/statements/:id/similar', async (request) => {
    const { id } = parseWith(IdParams, request.params, 'path');
    const options = parseWith(SimilarOptionsSchema, request.query, 'query');
    const hits = await statements.similarTo(id, options);
    return { items: hits.map((hit) => similarJson(hit, id)) };
  });

  // Feeds
  app.get('/statement-feeds', async (request) => {
    await requireRole(store, request, 'editor');
    return { items: (await store.statementFeeds.list()).map(feedJson), nextCursor: null };
  });

  app.post('/statement-feeds', async (request, reply) => {
    await requireRole(store, request, 'admin');
    const input = parseWith(CreateFeedSchema, request.body);
    assertOutboundUrl(input.url, outbound, 'url');
    const feed = await store.statementFeeds.create({
      url: input.url,
      issuer: input.issuer,
      language: input.language ?? 'en',
      intervalSeconds: input.intervalSeconds ?? 900,
    });
    feedPoller.wake();
    return reply.code(201).header('location', `/api/v1/statement-feeds/${feed.id}`).send(feedJson(feed));
  });

  app.get('/statement-feeds/:id', async (request) => {
    await requireRole(store, request, 'editor');
    const { id } = parseWith(IdParams, request.params, 'path');
    const feed = await store.statementFeeds.getById(id);
    if (!feed) throw notFound('feed');
    return feedJson(feed);
  });

  // Stops or resumes polling a feed; its statements and history stay.
  app.patch('/statement-feeds/:id', async (request) => {
    await requireRole(store, request, 'admin');
    const { id } = parseWith(IdParams, request.params, 'path');
    const { disabled } = parseWith(PatchFeedSchema, request.body);
    const feed = await store.statementFeeds.setDisabled(id, disabled ? new Date().toISOString() : null);
    if (!disabled) feedPoller.wake();
    return feedJson(feed);
  });

  // Polls one feed now and answers with its outcome (an admin checking a feed they just fixed).
  app.post('/statement-feeds/:id/poll', async (request) => {
    await requireRole(store, request, 'admin');
    const { id } = parseWith(IdParams, request.params, 'path');
    const feed = await store.statementFeeds.getById(id);
    if (!feed) throw notFound('feed');
    return feedJson(await feedPoller.poll(feed));
  });
}
