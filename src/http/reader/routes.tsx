/**
 * The reader site: front page, desk pages, live pages, update permalinks, 404/error pages and the
 * content-hashed assets. Pages are complete HTML without JavaScript; the live client only enhances them.
 */
import { LRUCache } from 'lru-cache';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { addDays, dailyHeadline, isCalendarDate } from '../../domain/days.ts';
import { DomainError } from '../../domain/errors.ts';
import { storyPath } from '../../domain/paths.ts';
import { isSlug, RESERVED_SLUGS } from '../../domain/slug.ts';
import { bylineOf, CLAIM_STATUSES } from '../../domain/types.ts';
import type { ClaimStatus, Desk, Revision, Story, Update } from '../../domain/types.ts';
import type { Site } from '../../domain/site.ts';
import type { LiveBlogService } from '../../service/live-blog.ts';
import type { Store, UpdateInStory } from '../../store/store.ts';
import { ASSETS_PREFIX } from '../assets/build-assets.ts';
import { authenticate, hasRole, mayUseDesk, SESSION_COOKIE } from '../auth.ts';
import type { Assets } from '../assets/build-assets.ts';
import { prepareHtml, sendPage } from '../kit/send-page.ts';
import type { PreparedHtml } from '../kit/send-page.ts';
import { oembedAlternate } from './oembed-link.ts';
import { feedAlternates } from './feeds/feed-model.ts';
import type { ArticleRenderer } from './article-renderer.ts';
import { excerpt, htmlToText } from './html-text.ts';
import { jsonForScript, liveBlogPosting } from './json-ld.ts';
import { isSitePath, isWebUrl } from './safe-url.ts';
import { storyPlace } from './story-place.ts';
import type { StoryPlace } from './story-place.ts';
import { startOfDay } from './time-format.ts';
import { DeskPage } from './views/desk-page.tsx';
import { ErrorPage, errorWording } from './views/error-page.tsx';
import { FrontPage } from './views/front-page.tsx';
import type { StoryCard } from './views/front-page.tsx';
import { Layout, renderDocument } from './views/layout.tsx';
import type { PageMeta } from './views/layout.tsx';
import { StoryPage } from './views/story-page.tsx';
import type { DayLink, StoryView } from './views/story-page.tsx';
import { UpdatePage } from './views/update-page.tsx';
import { PreviewBanner } from './views/preview-banner.tsx';
import { UpdateArticle } from './views/update-article.tsx';
import { renderToString } from 'preact-render-to-string';
import type { Statement } from '../../statements/statement.ts';
import type { ClaimChange } from './views/update-page.tsx';

/** What the reader routes need; wired by the composition root. */
export interface ReaderDeps {
  store: Store;
  liveBlog: LiveBlogService;
  assets: Assets;
  /** Name shown in the header, titles and sharing cards, and the origin of canonical and sharing URLs. */
  site: Site;
  /** The one renderer of update articles, shared with the live push (see article-renderer.ts). */
  articles: ArticleRenderer;
  /** Map cards of a desk's story (map/layer-cards.ts), newest first: each layer revision saved while it ran. */
  layerCards?: (desk: Desk, story: Story) => Promise<{ at: string; html: string }[]>;
}

/** Updates on the first page of a story (pinned ones come first, within this budget). */
export const UPDATES_PER_PAGE = 50;
const STORIES_PER_DESK_PAGE = 30;
const FRONT_LIVE_STORIES = 30;
const FRONT_RAIL_ITEMS = 20;
const STORY_RAIL_ITEMS = 8;
const DESK_TTL_MS = 30_000;
// The rail is secondary content shared by every page: reading it at most once a second per node
// keeps the story page's cost to its own updates. Readers with JavaScript get it live anyway.
const RAIL_TTL_MS = 1_000;
// A hot story page is rendered at most once a second per node while nothing happens on it: any event
// (publish, edit, delete, pin) or header change renders it afresh at once. What may be a second old is
// the rail (read as seldom anyway) and relative times, which the page's script keeps fresh.
const STORY_PAGE_TTL_MS = 1_000;
const STORY_PAGES_KEPT = 200;

const CACHE = {
  live: 'public, max-age=5',
  listing: 'public, max-age=30',
  error: 'public, max-age=5',
  never: 'no-store',
  asset: 'public, max-age=31536000, immutable',
} as const;

const PAGE_QUERY = z.object({ before: z.string().min(1).max(300).optional() });
// A story page's "Key events only" view (?filter=key-events), shareable because it is in the URL.
const STORY_QUERY = PAGE_QUERY.extend({ filter: z.enum(['key-events']).optional() });
const UPDATE_ID = /^[0-9a-z]{10,40}$/;

type PageResult = { status?: number; html: string | PreparedHtml; cache: string; script: boolean } | null;

/** `load`, called at most once per `ttlMs`; a failed load is not kept. */
function memoize<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let cached: { expires: number; value: Promise<T> } | null = null;
  return () => {
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = load();
    const entry = { expires: Date.now() + ttlMs, value };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = null;
    });
    return value;
  };
}

function isClaimStatus(value: unknown): value is ClaimStatus {
  return typeof value === 'string' && (CLAIM_STATUSES as readonly string[]).includes(value);
}

/**
 * The whole reader page of `story` as it would look with the unpublished `update` at the top, for the
 * newsroom's preview: the story page's own renderer, marked PREVIEW, never cached or indexed.
 */
export type StoryPreview = (story: Story, update: Update, cited: readonly Statement[]) => Promise<string>;

/** What the reader routes offer the rest of the server. */
export interface ReaderPages {
  previewStoryPage: StoryPreview;
}

/** Registers the reader pages and assets on `app`. */
export async function registerReaderRoutes(app: FastifyInstance, deps: ReaderDeps): Promise<ReaderPages> {
  const { store, liveBlog, assets, articles } = deps;
  const siteName = deps.site.name;
  const assetUrls = { css: assets.url('reader.css'), js: assets.url('reader-live.js') };

  // Desks change rarely and every page needs one; a short-lived cache saves a query per rendered page.
  const deskCache = new LRUCache<string, Promise<Desk | null>>({ max: 1000, ttl: DESK_TTL_MS });
  const deskById = (id: string): Promise<Desk | null> => {
    const hit = deskCache.get(id);
    if (hit) return hit;
    const desk = store.desks.getById(id);
    deskCache.set(id, desk);
    // A failed lookup is not kept.
    desk.catch(() => deskCache.peek(id) === desk && deskCache.delete(id));
    return desk;
  };
  const placeOf = async (story: Story): Promise<StoryPlace> =>
    storyPlace(story, story.deskId === null ? null : await deskById(story.deskId));

  const storyRail = memoize(RAIL_TTL_MS, () => store.updates.listLatest(['live'], STORY_RAIL_ITEMS * 4));
  const frontData = memoize(RAIL_TTL_MS, async () => {
    // Read first: an update published while the lists load is then replayed to the rail, not lost.
    const lastGlobalId = await store.events.lastGlobalId();
    const [live, latest, desks] = await Promise.all([
      store.stories.listByStatus(['live'], FRONT_LIVE_STORIES),
      store.updates.listLatest(['live'], FRONT_RAIL_ITEMS),
      store.desks.list(),
    ]);
    return { lastGlobalId, live, latest, desks };
  });

  const page = (meta: PageMeta, content: VNode, script: boolean): string =>
    renderDocument(
      <Layout siteName={siteName} meta={meta} assets={assetUrls} script={script}>
        {content}
      </Layout>,
    );

  // Error pages do not vary by request; junk traffic should not cost a render each.
  const errorPages = new Map<number, string>();
  const errorHtml = (status: number): string => {
    const cached = errorPages.get(status);
    if (cached !== undefined) return cached;
    const html = page(
      {
        title: `${errorWording(status).title} – ${siteName}`,
        description: '',
        canonicalUrl: null,
        noindex: true,
      },
      <ErrorPage status={status} />,
      false,
    );
    errorPages.set(status, html);
    return html;
  };

  const send = (
    reply: FastifyReply,
    status: number,
    html: string | PreparedHtml,
    cache: string,
    script = false,
  ) => sendPage(reply, { status, html, cache, script });

  /** Runs a page handler; missing things become the 404 page, bad query strings 400, anything else 500. */
  const handle =
    (render: (request: FastifyRequest) => Promise<PageResult>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      try {
        const result = await render(request);
        if (result === null) return send(reply, 404, errorHtml(404), CACHE.error);
        return send(reply, result.status ?? 200, result.html, result.cache, result.script);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'not_found') {
          return send(reply, 404, errorHtml(404), CACHE.error);
        }
        if (error instanceof z.ZodError || (error instanceof DomainError && error.code === 'validation')) {
          return send(reply, 400, errorHtml(400), CACHE.error);
        }
        request.log.error({ err: error }, 'reader page failed');
        return send(reply, 500, errorHtml(500), CACHE.never);
      }
    };

  const pageQuery = (request: FastifyRequest): { before: string | null } => ({
    before: PAGE_QUERY.parse(request.query).before ?? null,
  });

  /** The story at a reader address, or null; a desk's today page is created on first visit. */
  const resolveStory = async (deskSlug: string | null, slug: string): Promise<Story | null> => {
    if (!isSlug(slug)) return null;
    if (deskSlug !== null && RESERVED_SLUGS.has(deskSlug)) return null;
    let story: Story | null;
    if (deskSlug === null) {
      story = await store.stories.getBySlug(null, slug);
    } else {
      if (!isSlug(deskSlug)) return null;
      const desk = await store.desks.getBySlug(deskSlug);
      if (!desk) return null;
      story = isCalendarDate(slug)
        ? await liveBlog.openDaily(desk, slug, 'today')
        : await store.stories.getBySlug(desk.id, slug);
    }
    return story && story.status !== 'draft' ? story : null;
  };

  const dayLink = async (desk: Desk, date: string, today: string): Promise<DayLink | null> => {
    if (date > today) return null;
    const story = await liveBlog.openDaily(desk, date, 'never');
    // Today's page is made on first visit, so a link to it works even before it exists.
    if (story ? story.status === 'draft' : date !== today) return null;
    return { path: storyPath(desk.slug, date), label: dailyHeadline(desk.name, date) };
  };

  const railItems = async (
    latest: UpdateInStory[],
    exclude: string | null,
    limit: number,
  ): Promise<{ update: Update; story: StoryPlace }[]> => {
    const items = latest.filter((item) => item.story.id !== exclude).slice(0, limit);
    return Promise.all(items.map(async ({ update, story }) => ({ update, story: await placeOf(story) })));
  };

  const renderedStories = new LRUCache<string, Promise<PreparedHtml>>({
    max: STORY_PAGES_KEPT,
    ttl: STORY_PAGE_TTL_MS,
  });
  const storyPage = async (request: FastifyRequest, story: Story | null): Promise<PageResult> => {
    if (!story) return null;
    const query = STORY_QUERY.parse(request.query);
    // The key events are all on one page, so the filter has no older pages.
    const keyOnly = query.filter === 'key-events';
    const before = keyOnly ? null : (query.before ?? null);
    const desk = story.deskId === null ? null : await deskById(story.deskId);
    // The neighbouring days change without an event on this story, so they are part of the key.
    const [previousDay, nextDay] = await Promise.all([
      desk && story.date !== null ? dayLink(desk, addDays(story.date, -1), liveBlog.today(desk)) : null,
      desk && story.date !== null ? dayLink(desk, addDays(story.date, 1), liveBlog.today(desk)) : null,
    ]);
    // A layer revision changes the page without an event on the story: its cards are part of the key.
    const cards = desk && deps.layerCards ? await deps.layerCards(desk, story) : [];
    const key = [
      cards.map((c) => c.html).join(''),
      story.id,
      story.version,
      story.lastEventSeq,
      story.updatedAt,
      before ?? '',
      keyOnly,
      previousDay?.path ?? '',
      nextDay?.path ?? '',
    ].join('\u0000');
    let page = renderedStories.get(key);
    if (!page) {
      const rendering = renderStoryPage(story, desk, before, keyOnly, previousDay, nextDay, null, cards).then(
        prepareHtml,
      );
      renderedStories.set(key, rendering);
      rendering.catch(() => renderedStories.peek(key) === rendering && renderedStories.delete(key));
      page = rendering;
    }
    return { html: await page, cache: CACHE.live, script: true };
  };

  const renderStoryPage = async (
    story: Story,
    desk: Desk | null,
    before: string | null,
    keyOnly: boolean,
    previousDay: DayLink | null,
    nextDay: DayLink | null,
    preview: { update: Update; cited: readonly Statement[] } | null = null,
    cards: { at: string; html: string }[] = [],
  ): Promise<string> => {
    const place = storyPlace(story, desk);
    const first = before === null;
    // `story` (and so data-last-event-seq) was read before the updates: an update published in between
    // is then both on the page and replayed by the stream, and the client dedupes it by id.
    const [all, listed, latest] = await Promise.all([
      first ? store.updates.listHighlights(story.id) : Promise.resolve({ pinned: [], keyEvents: [] }),
      keyOnly ? null : store.updates.listByStory(story.id, { limit: UPDATES_PER_PAGE, cursor: before }),
      storyRail(),
    ]);
    // With the filter, the page's updates are the story's key events (pinned ones stay on top).
    const stored = keyOnly ? { ...all, pinned: all.pinned.filter((u) => u.keyEvent) } : all;
    const storedList = listed ?? { items: stored.keyEvents, nextCursor: null };
    const now = Date.now();
    const rendered = await articles.render([...stored.pinned, ...storedList.items], place, now);
    const articleOf = new Map(
      [...stored.pinned, ...storedList.items].map((u, i) => [u.id, rendered[i] ?? '']),
    );
    // A preview's update goes on top of where it would be published: pinned, key events, updates.
    const extra = preview?.update;
    const highlights = extra
      ? {
          pinned: extra.pinned ? [extra, ...stored.pinned] : stored.pinned,
          keyEvents: extra.keyEvent ? [extra, ...stored.keyEvents] : stored.keyEvents,
        }
      : stored;
    const list = extra ? { ...storedList, items: [extra, ...storedList.items] } : storedList;
    if (preview) articleOf.set(preview.update.id, previewArticle(preview.update, place, now, preview.cited));
    const pinnedIds = new Set(highlights.pinned.map((u) => u.id));
    const view: StoryView = {
      story,
      desk,
      path: place.path,
      timezone: place.timezone,
      now,
      pinned: highlights.pinned,
      keyEvents: highlights.keyEvents,
      updates: list.items.filter((u) => !pinnedIds.has(u.id)),
      before,
      keyOnly,
      nextCursor: list.nextCursor,
      previousDay,
      nextDay,
      latest: await railItems(latest, story.id, STORY_RAIL_ITEMS),
      renderUpdate: (update) => articleOf.get(update.id) ?? '',
      // Cards of the first page: newer than its oldest update, or all when there is no older page.
      cards: first && !keyOnly ? cards : [],
    };
    const origin = deps.site.origin();
    const canonicalUrl = `${origin}${place.path}`;
    const photo = story.topPhoto;
    const imageUrl =
      photo && isWebUrl(photo.url)
        ? photo.url
        : photo && isSitePath(photo.url)
          ? `${origin}${photo.url}`
          : null;
    const description =
      story.standfirst !== '' ? story.standfirst : excerpt(htmlToText(story.bodyHtml), 200) || story.headline;
    const jsonLd = liveBlogPosting(story, {
      canonicalUrl,
      siteName,
      imageUrl,
      plannedEnd: story.date !== null ? startOfDay(addDays(story.date, 1), place.timezone) : null,
      updates: [...view.pinned, ...view.updates],
      textOf: articles.text,
    });
    const meta: PageMeta = {
      title: `${first ? '' : 'Older updates – '}${keyOnly ? 'Key events – ' : ''}${story.headline} – ${siteName}`,
      description,
      canonicalUrl,
      ogType: 'article',
      image: imageUrl !== null && photo ? { url: imageUrl, alt: photo.alt } : null,
      jsonLd: jsonForScript(jsonLd),
      noindex: !first || keyOnly,
      publishedTime: story.openedAt ?? story.createdAt,
      modifiedTime: story.updatedAt,
      alternates: [
        ...feedAlternates(place.path, story.headline),
        ...(first ? [oembedAlternate(canonicalUrl, story.headline)] : []),
      ],
    };
    if (preview)
      return page(
        {
          ...meta,
          title: `PREVIEW – ${story.headline} – ${siteName}`,
          canonicalUrl: null,
          jsonLd: null,
          noindex: true,
          alternates: [],
        },
        <>
          <PreviewBanner />
          <StoryPage view={view} />
        </>,
        false,
      );
    return page(meta, <StoryPage view={view} />, true);
  };

  /**
   * Whether the request comes from an editor signed in to the newsroom who may work on the story's
   * desk. Only a session cookie is looked up, so anonymous readers cost nothing and keep the
   * cacheable page; a page answered for a session is sent `no-store` (see security-headers.ts).
   */
  const mayEdit = async (request: FastifyRequest, story: Story): Promise<boolean> => {
    if (!request.cookies?.[SESSION_COOKIE] || request.headers.authorization !== undefined) return false;
    const principal = await authenticate(store, request).catch(() => null);
    return principal !== null && hasRole(principal.role, 'editor') && mayUseDesk(principal, story.deskId);
  };

  const updatePage = async (
    request: FastifyRequest,
    story: Story | null,
    id: string,
  ): Promise<PageResult> => {
    if (!story || !UPDATE_ID.test(id)) return null;
    const [update, revisions, place] = await Promise.all([
      store.updates.getById(id),
      store.updates.listRevisions(id),
      placeOf(story),
    ]);
    if (!update || update.storyId !== story.id || update.deletedAt !== null) return null;
    const desk = story.deskId === null ? null : await deskById(story.deskId);
    const [articleHtml = ''] = await articles.render([update], place, Date.now());
    const origin = deps.site.origin();
    const text = htmlToText(update.bodyHtml);
    const title = update.headline ?? excerpt(text, 90);
    const canonicalUrl = `${origin}${place.path}/updates/${update.id}`;
    const meta: PageMeta = {
      title: `${title} – ${story.headline} – ${siteName}`,
      description: excerpt(text, 200),
      canonicalUrl,
      ogType: 'article',
      publishedTime: update.publishedAt,
      modifiedTime: update.updatedAt,
      jsonLd: jsonForScript({
        '@context': 'https://schema.org',
        '@type': 'BlogPosting',
        '@id': canonicalUrl,
        url: canonicalUrl,
        headline: title,
        datePublished: update.publishedAt,
        dateModified: update.updatedAt,
        articleBody: text,
        isPartOf: { '@type': 'LiveBlogPosting', '@id': `${origin}${place.path}`, headline: story.headline },
        ...(bylineOf(update).length > 0 && {
          author: bylineOf(update).map((name) => ({ '@type': 'Person', name })),
        }),
      }),
    };
    const view = {
      story,
      desk,
      storyPath: place.path,
      timezone: place.timezone,
      update,
      articleHtml,
      claimHistory: claimHistory(revisions),
      editPath: (await mayEdit(request, story)) ? `/newsroom/stories/${story.id}?edit=${update.id}` : null,
    };
    return { html: page(meta, <UpdatePage view={view} />, true), cache: CACHE.listing, script: true };
  };

  const previewStoryPage: StoryPreview = async (story, update, cited) => {
    const desk = story.deskId === null ? null : await deskById(story.deskId);
    const today = desk ? liveBlog.today(desk) : null;
    const [previousDay, nextDay] = await Promise.all([
      desk && today && story.date !== null ? dayLink(desk, addDays(story.date, -1), today) : null,
      desk && today && story.date !== null ? dayLink(desk, addDays(story.date, 1), today) : null,
    ]);
    return renderStoryPage(story, desk, null, false, previousDay, nextDay, { update, cited });
  };

  app.get(
    '/',
    handle(async () => {
      const { lastGlobalId, live, latest, desks } = await frontData();
      const cards: StoryCard[] = await Promise.all(
        live.map(async (story) => {
          const desk = story.deskId === null ? null : await deskById(story.deskId);
          return { story, desk, path: storyPlace(story, desk).path };
        }),
      );
      const origin = deps.site.origin();
      const meta: PageMeta = {
        title: `${siteName}: live coverage`,
        description: `Live pages from ${siteName}: updates as they happen, sourced and with their claim status.`,
        canonicalUrl: `${origin}/`,
        alternates: feedAlternates('/', `${siteName}: latest updates`),
      };
      const view = {
        siteName,
        now: Date.now(),
        lastGlobalId,
        live: cards,
        latest: await railItems(latest, null, FRONT_RAIL_ITEMS),
        desks,
      };
      return { html: page(meta, <FrontPage view={view} />, true), cache: CACHE.live, script: true };
    }),
  );

  app.get(
    `${ASSETS_PREFIX}:file`,
    async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
      const asset = assets.files.get(`${ASSETS_PREFIX}${request.params.file}`);
      if (!asset) return send(reply, 404, errorHtml(404), CACHE.error);
      reply.header('cache-control', CACHE.asset).header('etag', asset.etag).header('vary', 'accept-encoding');
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      reply.header('content-type', asset.contentType);
      const accepted = String(request.headers['accept-encoding'] ?? '');
      if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(asset.br);
      if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.body);
    },
  );

  app.get(
    '/stories/:slug',
    handle(async (request) => {
      const { slug } = request.params as { slug: string };
      return storyPage(request, await resolveStory(null, slug));
    }),
  );

  app.get(
    '/stories/:slug/updates/:id',
    handle(async (request) => {
      const { slug, id } = request.params as { slug: string; id: string };
      return updatePage(request, await resolveStory(null, slug), id);
    }),
  );

  app.get(
    '/:desk',
    handle(async (request) => {
      const { desk: deskSlug } = request.params as { desk: string };
      if (!isSlug(deskSlug) || RESERVED_SLUGS.has(deskSlug)) return null;
      const desk = await store.desks.getBySlug(deskSlug);
      if (!desk) return null;
      const { before } = pageQuery(request);
      const list = await store.stories.listByDesk(desk.id, {
        limit: STORIES_PER_DESK_PAGE,
        cursor: before,
        publicOnly: true,
      });
      const today = liveBlog.today(desk);
      const origin = deps.site.origin();
      const meta: PageMeta = {
        title: `${before === null ? '' : 'Earlier – '}${desk.name} – ${siteName}`,
        description: desk.description,
        canonicalUrl: `${origin}/${desk.slug}`,
        noindex: before !== null,
        alternates: feedAlternates(`/${desk.slug}`, desk.name),
      };
      const view = {
        desk,
        today,
        todayPath: storyPath(desk.slug, today),
        now: Date.now(),
        stories: list.items
          .filter((story) => story.status !== 'draft')
          .map((story) => ({ story, desk, path: storyPath(desk.slug, story.slug) })),
        before,
        nextCursor: list.nextCursor,
      };
      return { html: page(meta, <DeskPage view={view} />, false), cache: CACHE.listing, script: false };
    }),
  );

  app.get(
    '/:desk/:slug',
    handle(async (request) => {
      const { desk, slug } = request.params as { desk: string; slug: string };
      return storyPage(request, await resolveStory(desk, slug));
    }),
  );

  app.get(
    '/:desk/:slug/updates/:id',
    handle(async (request) => {
      const { desk, slug, id } = request.params as { desk: string; slug: string; id: string };
      return updatePage(request, await resolveStory(desk, slug), id);
    }),
  );

  return { previewStoryPage };
}

/**
 * The preview's own update as UpdateArticle renders it, marked as not published. Rendered here rather
 * than by the article cache: it is not stored, so it has no version to cache it under.
 */
function previewArticle(update: Update, place: StoryPlace, now: number, cited: readonly Statement[]): string {
  const context = {
    storyPath: place.path,
    timezone: place.timezone,
    now,
    citations: new Map([[update.id, cited]]),
  };
  return renderToString(
    <div class="preview-update">
      <p class="preview-label">Your update, as readers would see it. Not published.</p>
      <UpdateArticle update={update} context={context} />
    </div>,
  );
}

/** The claim-status changes among an update's revisions, oldest first. */
function claimHistory(revisions: Revision[]): ClaimChange[] {
  const history: ClaimChange[] = [];
  for (const revision of revisions) {
    const change = revision.changes['claimStatus'];
    if (!change || !isClaimStatus(change.to)) continue;
    history.push({ at: revision.at, from: isClaimStatus(change.from) ? change.from : null, to: change.to });
  }
  return history;
}

/** The reader's 404 page as a complete document, for a not-found handler outside these routes. */
export function renderReaderNotFound(deps: Pick<ReaderDeps, 'assets' | 'site'>): string {
  const siteName = deps.site.name;
  return renderDocument(
    <Layout
      siteName={siteName}
      meta={{ title: `Page not found – ${siteName}`, description: '', canonicalUrl: null, noindex: true }}
      assets={{ css: deps.assets.url('reader.css'), js: deps.assets.url('reader-live.js') }}
      script={false}
    >
      <ErrorPage status={404} />
    </Layout>,
  );
}
