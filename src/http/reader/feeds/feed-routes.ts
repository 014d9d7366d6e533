/**
 * Feed routes: `/feed.{xml,atom,json}` for the site, `/{desk}/feed.…` for a desk and
 * `{story page}/feed.…` for a story. Answers conditional GETs (If-None-Match, If-Modified-Since)
 * with 304 so feed readers that poll cost a few queries and no body.
 */
import type { Site } from '../../../domain/site.ts';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import { isSlug, RESERVED_SLUGS } from '../../../domain/slug.ts';
import type { Desk, Story } from '../../../domain/types.ts';
import type { Store } from '../../../store/store.ts';
import { FEED_FORMATS, FeedLoader, type FeedFormat, type FeedItem, type FeedModel } from './feed-model.ts';
import { writeFeed } from './feed-formats.ts';

/** What the feed routes need. */
export interface FeedDeps {
  store: Store;
  site: Site;
  /** A desk's map layer revisions as feed items (map/layer-cards.tsx). */
  layerItems?: (origin: string, desk: Desk) => Promise<FeedItem[]>;
}

// Feed readers poll; a minute of caching is invisible to them and spares the database.
const CACHE_CONTROL = 'public, max-age=60';

/** Registers every feed route on `app`. */
export async function registerFeedRoutes(app: FastifyInstance, deps: FeedDeps): Promise<void> {
  const { store } = deps;
  const loader = new FeedLoader(store, deps.site.name, deps.layerItems);

  const publicDesk = async (slug: string): Promise<Desk | null> =>
    isSlug(slug) && !RESERVED_SLUGS.has(slug) ? store.desks.getBySlug(slug) : null;
  const publicStory = (story: Story | null): Story | null =>
    story && story.status !== 'draft' ? story : null;

  const route = (
    path: string,
    load: (request: FastifyRequest, origin: string) => Promise<FeedModel | null>,
  ): void => {
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
      app.get(`${path}${FEED_FORMATS[format].extension}`, async (request, reply) => {
        const model = await load(request, deps.site.origin());
        if (!model) throw new DomainError('not_found', 'no such feed');
        return sendFeed(request, reply, model, format);
      });
    }
  };

  route('/feed', async (_request, origin) => loader.site(origin));
  route('/:desk/feed', async (request, origin) => {
    const desk = await publicDesk((request.params as { desk: string }).desk);
    return desk ? loader.desk(origin, desk) : null;
  });
  route('/stories/:slug/feed', async (request, origin) => {
    const { slug } = request.params as { slug: string };
    const story = isSlug(slug) ? publicStory(await store.stories.getBySlug(null, slug)) : null;
    return story ? loader.story(origin, story, null) : null;
  });
  route('/:desk/:slug/feed', async (request, origin) => {
    const params = request.params as { desk: string; slug: string };
    const desk = await publicDesk(params.desk);
    if (!desk || !isSlug(params.slug)) return null;
    const story = publicStory(await store.stories.getBySlug(desk.id, params.slug));
    return story ? loader.story(origin, story, desk) : null;
  });
}

/** Sends the feed, or 304 when the reader's copy is current (RFC 9110 §13.1). */
function sendFeed(
  request: FastifyRequest,
  reply: FastifyReply,
  model: FeedModel,
  format: FeedFormat,
): FastifyReply {
  const { body, contentType } = writeFeed(model, format);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  // HTTP dates have whole seconds; a change later within the same second still changes the ETag.
  const lastModified = new Date(model.lastModified).toUTCString();
  reply
    .header('cache-control', CACHE_CONTROL)
    .header('etag', etag)
    .header('last-modified', lastModified)
    .header('access-control-allow-origin', '*')
    .header('x-content-type-options', 'nosniff');
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  // If-None-Match wins when both are sent; If-Modified-Since is only a fallback.
  const notModified =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
      : ifModifiedSince !== undefined &&
        !Number.isNaN(Date.parse(ifModifiedSince)) &&
        Math.floor(Date.parse(model.lastModified) / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000);
  if (notModified) return reply.code(304).send();
  return reply.header('content-type', contentType).send(body);
}
