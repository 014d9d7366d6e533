/**
 * Embeds: the framed live widget (`/embed{story path}?limit=&theme=`), the loader partner pages include
 * (`/embed.js`), and an oEmbed provider (`/oembed?url=…&format=json`, https://oembed.com/). The widget
 * sets no cookies and may be framed by any site; everything else keeps the reader's framing policy.
 */
import type { Site } from '../../domain/site.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { isSlug, RESERVED_SLUGS } from '../../domain/slug.ts';
import type { Desk, Story } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { endpoints } from '../kit/endpoint.ts';
import { EMBED_POLICY, usePagePolicy } from '../kit/security-headers.ts';
import { sendPage } from '../kit/send-page.ts';
import { storyPlace } from '../reader/story-place.ts';
import type { ArticleRenderer } from '../reader/article-renderer.ts';

/** What embeds need. */
export interface EmbedDeps {
  store: Store;
  assets: Assets;
  site: Site;
  articles: ArticleRenderer;
}

/** Default and largest number of updates a widget shows. */
export const EMBED_DEFAULT_LIMIT = 5;
const EMBED_MAX_LIMIT = 20;
const THEMES = ['auto', 'light', 'dark'] as const;
// Sized for a sidebar or an article column; partners can override with maxwidth/maxheight.
const OEMBED_WIDTH = 600;
const OEMBED_HEIGHT = 640;

const EmbedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(EMBED_MAX_LIMIT).default(EMBED_DEFAULT_LIMIT),
  theme: z.enum(THEMES).default('auto'),
  frame: z
    .string()
    .regex(/^[\w-]{1,40}$/)
    .optional(),
});

const OEmbedQuery = z.object({
  url: z.string().min(1).max(2000),
  format: z.string().default('json'),
  maxwidth: z.coerce.number().int().min(100).max(4000).optional(),
  maxheight: z.coerce.number().int().min(100).max(10000).optional(),
});

/** The story a reader path names, if public: `/stories/{slug}` or `/{desk}/{slug}`. */
async function storyAt(store: Store, pathname: string): Promise<{ story: Story; desk: Desk | null } | null> {
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts.length !== 2) return null;
  const [first, slug] = parts as [string, string];
  if (!isSlug(slug)) return null;
  let desk: Desk | null = null;
  if (first !== 'stories') {
    if (!isSlug(first) || RESERVED_SLUGS.has(first)) return null;
    desk = await store.desks.getBySlug(first);
    if (!desk) return null;
  }
  const story = await store.stories.getBySlug(desk?.id ?? null, slug);
  return story && story.status !== 'draft' ? { story, desk } : null;
}

/** Registers the widget, its loader and the oEmbed endpoint. */
export async function registerEmbedRoutes(app: FastifyInstance, deps: EmbedDeps): Promise<void> {
  const { store, assets } = deps;
  const siteName = deps.site.name;

  const widget = async (
    reply: FastifyReply,
    pathname: string,
    { limit, theme }: z.output<typeof EmbedQuery>,
  ) => {
    const found = await storyAt(store, pathname);
    if (!found) throw new DomainError('not_found', 'no public story at that address');
    const { story, desk } = found;
    const place = storyPlace(story, desk);
    const { items } = await store.updates.listByStory(story.id, { limit });
    const articles = await deps.articles.render(items, place, Date.now());
    const body = renderToString(
      h(
        'html',
        { lang: 'en-GB', class: `theme-${theme}` },
        h(
          'head',
          null,
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'robots', content: 'noindex' }),
          h('title', null, `${story.headline} – ${siteName}`),
          // Links open outside the frame, on the full page.
          h('base', { target: '_blank' }),
          h('link', { rel: 'stylesheet', href: assets.url('reader.css') }),
          h('link', { rel: 'stylesheet', href: assets.url('embed.css') }),
          h('script', { src: assets.url('embed-live.js'), defer: true }),
        ),
        h(
          'body',
          null,
          h(
            'main',
            {
              class: 'embed',
              'data-embed-story': story.id,
              'data-last-event-seq': story.lastEventSeq,
              'data-limit': limit,
            },
            h(
              'header',
              { class: 'embed-head' },
              h('p', { class: 'embed-title' }, h('a', { href: place.path }, story.headline)),
              h(
                'p',
                { class: 'story-status', 'data-embed-status': '' },
                story.status === 'ended' ? 'This page is no longer being updated' : 'Live',
              ),
            ),
            h('div', {
              'data-embed-list': '',
              dangerouslySetInnerHTML: {
                __html: articles.join(''),
              },
            }),
            h(
              'p',
              { class: 'embed-foot' },
              `${siteName} · `,
              h('a', { href: place.path }, 'Open the live page'),
            ),
          ),
        ),
      ),
    );
    return sendPage(reply, { html: `<!doctype html>${body}`, cache: 'public, max-age=5', script: true });
  };

  // The widget may be framed by any site (that is its purpose): its scope gets EMBED_POLICY.
  await app.register(async (widgets) => {
    usePagePolicy(widgets, EMBED_POLICY);
    const define = endpoints(widgets, store);
    define({
      method: 'GET',
      url: '/embed/stories/:slug',
      params: z.object({ slug: z.string() }),
      querystring: EmbedQuery,
      handler: ({ reply, params: { slug }, query }) => widget(reply, `/stories/${slug}`, query),
    });
    define({
      method: 'GET',
      url: '/embed/:desk/:slug',
      params: z.object({ desk: z.string(), slug: z.string() }),
      querystring: EmbedQuery,
      handler: ({ reply, params: { desk, slug }, query }) => widget(reply, `/${desk}/${slug}`, query),
    });
  });
  const define = endpoints(app, store);

  // A stable address partners paste; the content-hashed copy underneath changes with each release.
  app.get('/embed.js', async (request, reply) => {
    const asset = assets.files.get(assets.url('embed.js'));
    if (!asset) throw new Error('embed.js was not built');
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=3600')
      .header('etag', asset.etag)
      .header('access-control-allow-origin', '*')
      .header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.body);
  });

  define({
    method: 'GET',
    url: '/oembed',
    querystring: OEmbedQuery,
    handler: async ({ reply, query }) => {
      // oEmbed: a format the provider does not offer is 501 Not Implemented.
      if (query.format !== 'json') {
        return reply.code(501).type('text/plain; charset=utf-8').send('only format=json is offered');
      }
      let target: URL;
      try {
        target = new URL(query.url);
      } catch {
        throw new DomainError('validation', 'url: must be an absolute URL of a story page', { field: 'url' });
      }
      const origin = deps.site.origin();
      if (target.host !== new URL(origin).host) throw new DomainError('not_found', 'not a page of this site');
      const found = await storyAt(store, target.pathname);
      if (!found) throw new DomainError('not_found', 'no public story at that address');
      const { story, desk } = found;
      const width = Math.min(query.maxwidth ?? OEMBED_WIDTH, OEMBED_WIDTH);
      const height = Math.min(query.maxheight ?? OEMBED_HEIGHT, OEMBED_HEIGHT);
      const src = `${origin}/embed${storyPlace(story, desk).path}`;
      const html = renderToString(
        h('iframe', {
          src,
          title: `${story.headline} – live updates`,
          width,
          height,
          loading: 'lazy',
          style: 'border:0;max-width:100%',
        }),
      );
      return reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .send({
          version: '1.0',
          type: 'rich',
          title: story.headline,
          ...(desk && { author_name: desk.name, author_url: `${origin}/${desk.slug}` }),
          provider_name: siteName,
          provider_url: `${origin}/`,
          cache_age: 300,
          html,
          width,
          height,
        });
    },
  });
}
