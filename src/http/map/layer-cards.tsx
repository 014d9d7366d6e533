/**
 * Map cards in a desk's story pages: each saved revision of one of the desk's layers (drawn, revised,
 * ended) is a card in the stream at the time it was saved, with a small drawing of the layer over the
 * basemap, its caption, source and claim, and a link to the map on its day. Deleted layers have none.
 */
import { renderToString as render } from 'preact-render-to-string';
import { layerTitle, type LayerRevision } from '../../domain/map-layers.ts';
import { CLAIM_LABELS, type Desk, type Story } from '../../domain/types.ts';
import type { MapLayerService } from '../../service/map-layers.ts';
import type { Store } from '../../store/store.ts';
import type { FeedItem } from '../reader/feeds/feed-model.ts';
import { basemap, MAP_HEIGHT, MAP_WIDTH } from './basemap.ts';
import { formatKm2, longDay, ZONE_COLOURS } from './map-layers-view.tsx';

/** One card: when it goes in the stream and its HTML. */
export interface LayerCard {
  at: string;
  html: string;
}

/** The revisions a story page shows: saved while the story was live (from its start). */
function belongs(story: Story, r: LayerRevision): boolean {
  if (r.createdAt < story.createdAt) return false;
  return story.status === 'live' || r.createdAt <= story.updatedAt;
}

/** The cards of `story`'s page, newest first; none for stories of no desk or drafts. */
export async function layerCards(layers: MapLayerService, desk: Desk, story: Story): Promise<LayerCard[]> {
  if (story.status === 'draft') return [];
  const [list, forces] = await Promise.all([layers.layers(desk), layers.forces(desk)]);
  const byId = new Map(forces.map((f) => [f.id, f]));
  const revisions = (await Promise.all(list.map((l) => layers.revisions(desk, l.id)))).flat();
  return revisions
    .filter((r) => belongs(story, r))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((r) => {
      const force = r.forceId === null ? null : (byId.get(r.forceId) ?? null);
      const colour =
        r.kind === 'control'
          ? (force?.colour ?? '#888888')
          : r.kind === 'zone'
            ? (ZONE_COLOURS[r.zoneKind ?? ''] ?? '#888888')
            : '#1d1d1b';
      const title = layerTitle(r, force) + (r.label === '' ? '' : ` (${r.label})`);
      return { at: r.createdAt, html: render(<Card desk={desk} r={r} title={title} colour={colour} />) };
    });
}

/**
 * The `cards` frame pushed to a story's open pages when a layer of its desk changed (null when the
 * story is not the desk's): every card with the update it goes before (null: at the end), which is
 * where the story page puts it, so the pushed stream is what a reload shows.
 */
export async function layerCardsFrame(
  store: Store,
  layers: MapLayerService,
  storyId: string,
  deskId: string,
): Promise<string | null> {
  const story = await store.stories.getById(storyId);
  if (story === null || story.deskId !== deskId) return null;
  const desk = await store.desks.getById(deskId);
  if (desk === null) return null;
  const [cards, updates] = await Promise.all([
    layerCards(layers, desk, story),
    store.updates.listByStory(storyId, { limit: 50 }),
  ]);
  const shown = updates.items.filter((u) => !u.pinned);
  return JSON.stringify({
    cards: cards.map((c) => ({
      html: c.html,
      before: shown.find((u) => c.at >= u.publishedAt)?.id ?? null,
    })),
  });
}

/** A desk's layer revisions (not of deleted layers) as items of its feed, each linked to the map on its day. */
export async function layerFeedItems(
  layers: MapLayerService,
  origin: string,
  desk: Desk,
): Promise<FeedItem[]> {
  const [list, forces] = await Promise.all([layers.layers(desk), layers.forces(desk)]);
  const byId = new Map(forces.map((f) => [f.id, f]));
  const revisions = (await Promise.all(list.map((l) => layers.revisions(desk, l.id)))).flat();
  return revisions.map((r) => {
    const force = r.forceId === null ? null : (byId.get(r.forceId) ?? null);
    const caption = cardCaption(r, layerTitle(r, force) + (r.label === '' ? '' : ` (${r.label})`));
    const map = `${origin}/map?desk=${encodeURIComponent(desk.slug)}&date=${r.validFrom}`;
    const summary = `${caption}. ${CLAIM_LABELS[r.claimStatus]}. Source: ${r.source}`;
    return {
      url: `${map}#layer-${r.layerId}-${r.revision}`,
      title: `Map ${r.revision === 1 ? 'drawn' : 'revised'}: ${caption}`,
      contentHtml: render(
        <>
          <p>{summary}</p>
          <p>
            <a href={map}>See the map on that day</a>
          </p>
        </>,
      ),
      summary,
      authors: [],
      published: r.createdAt,
      modified: r.createdAt,
      storyHeadline: desk.name,
    };
  });
}

/** The caption: "Area of control: X, from 27 May, 1,234 km²" (or "ended 3 June"). */
export function cardCaption(r: LayerRevision, title: string): string {
  const from = longDay(r.validFrom).replace(/ \d{4}$/, '');
  const area = r.kind === 'front' ? '' : `, ${formatKm2(r.areaKm2)}`;
  const end = r.validTo === null ? '' : `, until ${longDay(r.validTo).replace(/ \d{4}$/, '')}`;
  return `${title}, from ${from}${area}${end}`;
}

function Card(props: { desk: Desk; r: LayerRevision; title: string; colour: string }) {
  const { desk, r, title, colour } = props;
  const map = basemap();
  const d = map.path(r.geometry);
  // The drawing's box in map space, widened so the area around it shows; never narrower than 2:1.
  const points = (
    r.geometry.type === 'LineString'
      ? [r.geometry.coordinates]
      : r.geometry.type === 'Polygon'
        ? r.geometry.coordinates
        : r.geometry.coordinates.flat()
  )
    .flat()
    .map(([lon, lat]) => map.project(lon!, lat!))
    .filter((p): p is [number, number] => p !== null);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = Math.max(x1 - x0, y1 - y0, 8) * 0.6;
  let w = x1 - x0 + 2 * pad;
  let h = y1 - y0 + 2 * pad;
  if (w < 2 * h) w = 2 * h;
  else h = w / 2;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const box = [cx - w / 2, cy - h / 2, w, h].map((n) => n.toFixed(1)).join(' ');
  const line = r.kind === 'front';
  const href = `/map?desk=${encodeURIComponent(desk.slug)}&date=${r.validFrom}`;
  const caption = cardCaption(r, title);
  return (
    <aside class="layer-card" data-layer-card={`${r.layerId}-${r.revision}`} aria-label={`Map: ${title}`}>
      <p class="layer-card-kicker">
        <time dateTime={r.createdAt}>Map {r.revision === 1 ? 'drawn' : 'revised'}</time>
      </p>
      <a href={href} class="layer-card-map">
        <svg viewBox={box} role="img" aria-label={caption} preserveAspectRatio="xMidYMid slice">
          <image href="/map/basemap.svg" x="0" y="0" width={MAP_WIDTH} height={MAP_HEIGHT} />
          <path
            d={d}
            fill={line ? 'none' : colour}
            fill-opacity={line ? undefined : r.kind === 'zone' ? '0.22' : '0.34'}
            stroke={colour}
            stroke-width={line ? '2.5' : '1.2'}
            stroke-dasharray={r.kind === 'zone' ? '5 3' : line ? '8 3 2 3' : undefined}
            vector-effect="non-scaling-stroke"
          />
        </svg>
      </a>
      <p class="layer-card-caption">
        <a href={href}>{caption}</a>
      </p>
      <p class={`claim claim-${r.claimStatus} layer-card-meta`}>
        <span class="claim-badge">{CLAIM_LABELS[r.claimStatus]}</span>
        <span class="layer-card-source">Source: {r.source}</span>
      </p>
    </aside>
  );
}
