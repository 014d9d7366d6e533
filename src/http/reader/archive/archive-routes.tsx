/**
 * The archive (`/archive/{desk}`, `/archive/{desk}/{YYYY-MM}`, `/archive/{desk}/{YYYY-MM-DD}`) and
 * what crawlers read: `/sitemap.xml`, `/news-sitemap.xml` and `/robots.txt`.
 */
import type { Site } from '../../../domain/site.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { isCalendarDate } from '../../../domain/days.ts';
import { deskPath, storyPath } from '../../../domain/paths.ts';
import { isSlug, RESERVED_SLUGS } from '../../../domain/slug.ts';
import type { Desk } from '../../../domain/types.ts';
import type { Store } from '../../../store/store.ts';
import type { Assets } from '../../assets/build-assets.ts';
import { sendPage } from '../../kit/send-page.ts';
import { Layout, renderDocument, type PageMeta } from '../views/layout.tsx';
import { ErrorPage } from '../views/error-page.tsx';
import { ArchiveDay, ArchiveIndex, ArchiveMonth, archivePath } from './archive-pages.tsx';
import { isMonth, lastDayOf, monthLabel } from './calendar.ts';
import { newsSitemapXml, robotsTxt, sitemapXml, type SitemapUrl } from './sitemaps.ts';

/** What the archive needs. */
export interface ArchiveDeps {
  store: Store;
  assets: Assets;
  site: Site;
}

// The sitemap protocol allows 50,000 URLs per file; a newsroom's pages stay well under that for years.
const SITEMAP_STORIES = 45_000;
// Google News reads only articles published in the last two days.
const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
const CACHE_LISTING = 'public, max-age=300';

/** Registers the archive pages, sitemaps and robots.txt. */
export async function registerArchiveRoutes(app: FastifyInstance, deps: ArchiveDeps): Promise<void> {
  const { store } = deps;
  const siteName = deps.site.name;
  const render = (meta: PageMeta, content: VNode): string =>
    renderDocument(
      <Layout
        siteName={siteName}
        meta={meta}
        assets={{ css: deps.assets.url('reader.css'), js: deps.assets.url('reader-live.js') }}
        script={false}
      >
        {content}
      </Layout>,
    );
  const notFound = (reply: FastifyReply): FastifyReply =>
    sendPage(reply, {
      status: 404,
      html: render(
        { title: `Page not found – ${siteName}`, description: '', canonicalUrl: null, noindex: true },
        <ErrorPage status={404} />,
      ),
      cache: 'public, max-age=5',
      script: false,
    });
  const deskOf = async (slug: string): Promise<Desk | null> =>
    isSlug(slug) && !RESERVED_SLUGS.has(slug) ? store.desks.getBySlug(slug) : null;

  app.get('/archive/:desk', async (request, reply) => {
    const desk = await deskOf((request.params as { desk: string }).desk);
    if (!desk) return notFound(reply);
    const days = await store.archive.listDeskDays(desk.id);
    const counts = new Map<string, number>();
    for (const day of days) counts.set(day.slice(0, 7), (counts.get(day.slice(0, 7)) ?? 0) + 1);
    const months = [...counts].map(([month, n]) => ({ month, days: n }));
    const meta: PageMeta = {
      title: `Archive – ${desk.name} – ${siteName}`,
      description: `Every day of ${desk.name}, by month.`,
      canonicalUrl: `${deps.site.origin()}${archivePath(desk.slug)}`,
    };
    return sendPage(reply, {
      status: 200,
      html: render(meta, <ArchiveIndex desk={desk} months={months} />),
      cache: CACHE_LISTING,
      script: false,
    });
  });

  app.get('/archive/:desk/:period', async (request, reply) => {
    const params = request.params as { desk: string; period: string };
    const desk = await deskOf(params.desk);
    if (!desk) return notFound(reply);
    const origin = deps.site.origin();
    if (isMonth(params.period)) {
      const month = params.period;
      const [inMonth, allDays] = await Promise.all([
        store.archive.listDeskStoriesBetween(desk.id, `${month}-01`, lastDayOf(month)),
        store.archive.listDeskDays(desk.id),
      ]);
      const days = new Set(inMonth.map((story) => story.date ?? story.createdAt.slice(0, 10)));
      // Neighbouring months that have coverage, so the pager never leads to an empty month.
      const months = [...new Set(allDays.map((day) => day.slice(0, 7)))];
      const previous = months.find((m) => m < month) ?? null;
      const next = [...months].reverse().find((m) => m > month) ?? null;
      const meta: PageMeta = {
        title: `${monthLabel(month)} – ${desk.name} – ${siteName}`,
        description: `${desk.name} in ${monthLabel(month)}: every day with coverage.`,
        canonicalUrl: `${origin}${archivePath(desk.slug, month)}`,
        noindex: days.size === 0,
      };
      const content = <ArchiveMonth desk={desk} month={month} days={days} previous={previous} next={next} />;
      return sendPage(reply, {
        status: 200,
        html: render(meta, content),
        cache: CACHE_LISTING,
        script: false,
      });
    }
    if (isCalendarDate(params.period)) {
      const day = params.period;
      const stories = await store.archive.listDeskStoriesBetween(desk.id, day, day);
      if (stories.length === 0) return notFound(reply);
      const cards = stories.map((story) => ({ story, desk, path: storyPath(desk.slug, story.slug) }));
      const meta: PageMeta = {
        title: `${day} – ${desk.name} – ${siteName}`,
        description: `${desk.name} on ${day}.`,
        canonicalUrl: `${origin}${archivePath(desk.slug, day)}`,
      };
      return sendPage(reply, {
        status: 200,
        html: render(meta, <ArchiveDay desk={desk} day={day} cards={cards} now={Date.now()} />),
        cache: CACHE_LISTING,
        script: false,
      });
    }
    return notFound(reply);
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const origin = deps.site.origin();
    const [desks, stories] = await Promise.all([
      store.desks.list(),
      store.archive.listPublic({ limit: SITEMAP_STORIES }),
    ]);
    const urls: SitemapUrl[] = [
      { loc: `${origin}/` },
      ...desks.flatMap((desk) => [
        { loc: `${origin}${deskPath(desk.slug)}` },
        { loc: `${origin}${archivePath(desk.slug)}` },
      ]),
      ...stories.map((item) => ({
        loc: `${origin}${storyPath(item.deskSlug, item.story.slug)}`,
        lastmod: item.lastChangedAt,
      })),
    ];
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('cache-control', CACHE_LISTING)
      .send(sitemapXml(urls));
  });

  app.get('/news-sitemap.xml', async (request, reply) => {
    const origin = deps.site.origin();
    const since = new Date(Date.now() - NEWS_WINDOW_MS).toISOString();
    const stories = await store.archive.listPublic({ limit: 1000, openedSince: since });
    const xml = newsSitemapXml(
      stories.map((item) => ({ url: `${origin}${storyPath(item.deskSlug, item.story.slug)}`, item })),
      { name: siteName, language: 'en' },
    );
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=60')
      .send(xml);
  });

  app.get('/robots.txt', async (request, reply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(robotsTxt(deps.site.origin())),
  );
}
