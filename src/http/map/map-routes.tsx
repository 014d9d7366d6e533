/** `/map`: located updates on a map drawn on the server; `/map/basemap.svg`; `/map/live`, its marker changes. */
import type { Site } from '../../domain/site.ts';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../../domain/errors.ts';
import type { LiveBus } from '../../live/bus.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { renderToString } from 'preact-render-to-string';
import { EMBED_POLICY, usePagePolicy } from '../kit/security-headers.ts';
import { sendPage } from '../kit/send-page.ts';
import type { StreamSlots } from '../stream-slots.ts';
import { ErrorPage } from '../reader/views/error-page.tsx';
import { Layout, renderDocument } from '../reader/views/layout.tsx';
import { basemap } from './basemap.ts';
import { locateUpdates, MapFilterSchema, type MapFilter } from './located-updates.ts';
import {
  countryExtent,
  countryOfTimeZone,
  detailLayer,
  fitPoints,
  WORLD,
  type Extent,
} from './detail-layer.ts';
import { MapFeed } from './map-feed.ts';
import { MapPage, type MapView } from './map-view.tsx';
import { layersView } from './map-layers-view.tsx';

/** What the map needs. */
export interface MapDeps {
  store: Store;
  assets: Assets;
  site: Site;
  bus: LiveBus;
  /** Caps on concurrent live streams, shared with the story and site streams. */
  streamSlots: StreamSlots;
}

// The newest enriched updates the map considers; filters apply to these.
const MAP_WINDOW = 2000;

// The base map as served, compressed on the first request that needs it (start-up does not wait for
// it), once per process: it is the same for every app in it (~1 s of CPU for brotli's best level).
let drawn: { svg: Buffer; hash: string; br: Buffer; gzip: Buffer } | undefined;
const base = () => {
  if (drawn === undefined) {
    const svg = Buffer.from(basemap().svg);
    const hash = createHash('sha256').update(svg).digest('hex').slice(0, 12);
    drawn = { svg, hash, br: brotliCompressSync(svg), gzip: gzipSync(svg, { level: 9 }) };
  }
  return drawn;
};

/** Registers the map routes. */
export async function registerMapRoutes(app: FastifyInstance, deps: MapDeps): Promise<void> {
  const siteName = deps.site.name;
  const assetUrls = { css: deps.assets.url('reader.css'), js: deps.assets.url('map.js') };

  app.get('/map/basemap.svg', async (request, reply) => {
    const { svg, hash, br, gzip } = base();
    reply
      .header('content-type', 'image/svg+xml')
      .header('vary', 'accept-encoding')
      .header('etag', `"${hash}"`);
    // Page links carry the hash (?v=…), so a linked copy never changes.
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (/\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(br);
    if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(gzip);
    return reply.send(svg);
  });

  const located = async (filter: MapFilter) => {
    let deskId: string | undefined;
    if (filter.desk !== undefined && filter.desk !== '') {
      const desk = await deps.store.desks.getBySlug(filter.desk);
      if (!desk) return null;
      deskId = desk.id;
    }
    const enriched = await deps.store.enrichments.listEnriched({
      statuses: ['live', 'ended'],
      limit: MAP_WINDOW,
      ...(deskId !== undefined && { deskId }),
    });
    return locateUpdates(enriched, filter);
  };

  /** The query's filters, with empty form fields treated as absent. */
  const parseFilter = (request: FastifyRequest) =>
    MapFilterSchema.safeParse(
      Object.fromEntries(Object.entries(request.query as Record<string, string>).filter(([, v]) => v !== '')),
    );

  const htmlError = (reply: FastifyReply, status: number) =>
    sendPage(reply, {
      status,
      cache: 'public, max-age=5',
      script: false,
      html: renderDocument(
        <Layout
          siteName={siteName}
          meta={{ title: `Map – ${siteName}`, description: '', canonicalUrl: null, noindex: true }}
          assets={assetUrls}
          script={false}
        >
          <ErrorPage status={status} />
        </Layout>,
      ),
    });

  /** What a map of the request's filters shows, or the error status to answer with. */
  const mapView = async (request: FastifyRequest): Promise<MapView | 400 | 404> => {
    const parsed = parseFilter(request);
    if (!parsed.success) return 400;
    const filter = parsed.data;
    const [items, desks, live, story] = await Promise.all([
      located(filter),
      deps.store.desks.list(),
      deps.store.events.lastGlobalId(),
      filter.story === undefined ? null : deps.store.stories.getById(filter.story),
    ]);
    if (items === null || (filter.story !== undefined && (story === null || story.status === 'draft')))
      return 404;
    const { project } = basemap();
    const points = items.flatMap((u) => {
      const point = project(u.place.lon, u.place.lat);
      return point === null ? [] : [point];
    });
    // The markers' area; with none yet, the desk's country (by its time zone); else the world.
    const desk = desks.find((d) => d.slug === filter.desk || (story !== null && d.id === story.deskId));
    const deskCountry = desk === undefined ? null : countryOfTimeZone(desk.timezone);
    const view: Extent =
      fitPoints(points) ?? (deskCountry === null ? null : countryExtent(deskCountry)) ?? WORLD;
    // Layers of the map's desk (by filter or story), else of every desk.
    const today = new Date().toISOString().slice(0, 10);
    const layerDesks = desk === undefined ? desks : [desk];
    const [revisions, forces] = await Promise.all([
      Promise.all(layerDesks.map((d) => deps.store.mapLayers.revisionsUpTo(d.id, '9999-12-31'))),
      Promise.all(layerDesks.map((d) => deps.store.mapLayers.listForces(d.id))),
    ]);
    return {
      filter,
      desks,
      located: items,
      basemapUrl: `/map/basemap.svg?v=${base().hash}`,
      project,
      live,
      storyHeadline: story?.headline ?? null,
      view,
      detail: detailLayer(view),
      layers: layersView(revisions.flat(), forces.flat(), filter.date ?? today, today, (g) =>
        basemap().path(g),
      ),
    };
  };

  app.get('/map', async (request, reply) => {
    const view = await mapView(request);
    if (typeof view === 'number') return htmlError(reply, view);
    const html = renderDocument(
      <Layout
        siteName={siteName}
        meta={{
          title: `${view.storyHeadline === null ? 'Map' : `Map: ${view.storyHeadline}`} – ${siteName}`,
          description: 'Updates placed on a map by the places their text names, with claim status.',
          canonicalUrl: null,
          noindex: Object.keys(view.filter).length > 0,
        }}
        assets={assetUrls}
        script={true}
      >
        <MapPage view={view} />
      </Layout>,
    );
    // Public (it holds nothing personal), so it is sent compressed; revalidated on every view by ETag.
    return sendPage(reply, { html, cache: 'public, no-cache', script: true });
  });

  // The same map for partners' pages (`/embed/map?story=…`): framed by any site, as the live widget is.
  await app.register(async (embed) => {
    usePagePolicy(embed, EMBED_POLICY);
    embed.get('/embed/map', async (request, reply) => {
      const view = await mapView(request);
      if (typeof view === 'number') return htmlError(reply, view);
      const title = `${view.storyHeadline === null ? 'Map' : `Map: ${view.storyHeadline}`} – ${siteName}`;
      const html = renderToString(
        <html lang="en-GB">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="robots" content="noindex" />
            <title>{title}</title>
            {/* Links open outside the frame, on the full site. */}
            <base target="_blank" />
            <link rel="stylesheet" href={assetUrls.css} />
            <script src={assetUrls.js} defer />
          </head>
          <body>
            <main class="map-embed">
              <MapPage view={view} embed />
            </main>
          </body>
        </html>,
      );
      return sendPage(reply, { html: `<!doctype html>${html}`, cache: 'public, no-cache', script: true });
    });
  });

  // Marker changes for open map pages, pushed from the bus (map-feed.ts); no replay: what was missed
  // while disconnected is on the next load.
  const feed = new MapFeed({
    bus: deps.bus,
    store: deps.store,
    project: (lon, lat) => basemap().project(lon, lat),
    onError: (error) => app.log.error({ err: error }, 'map feed'),
  });
  app.addHook('preClose', (done) => {
    feed.close();
    done();
  });
  app.get('/map/live', { onRequest: deps.streamSlots.admit }, async (request, reply) => {
    const parsed = parseFilter(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(String(issue?.path[0] ?? 'query'), issue?.message ?? 'invalid filter');
    }
    return deps.streamSlots.open(request, reply, () => feed.attach(reply.raw, parsed.data));
  });
}
