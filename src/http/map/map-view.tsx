/**
 * The map page: filters (a plain GET form), the map opened on the area of the updates shown (with
 * regions, towns and coastlines drawn for it, detail-layer.ts), a marker per located update, a labelled
 * strip of located updates per day, and the same updates as a list, so every part works without
 * JavaScript and with a screen reader. A marker's shape and colour say its claim status; the icon in
 * it, the event type. The browser (web/reader/map-client.ts) clusters markers and labels towns by size
 * as the reader zooms.
 */
import type { JSX } from 'preact';
import { CLAIM_LABELS, CLAIM_STATUSES, type ClaimStatus, type Desk } from '../../domain/types.ts';
import { EVENT_TYPES } from '../../enrich/events/taxonomy.ts';
import type { Basemap } from './basemap.ts';
import { MAP_HEIGHT, MAP_WIDTH } from './basemap.ts';
import type { Extent } from './detail-layer.ts';
import type { LocatedUpdate, MapFilter } from './located-updates.ts';
import { LayerControls, LayerShapes, type LayersView } from './map-layers-view.tsx';

/** What the page shows. */
export interface MapView {
  filter: MapFilter;
  desks: Desk[];
  located: LocatedUpdate[];
  basemapUrl: string;
  project: Basemap['project'];
  /** Site event id the page was read at, where its live refresh resumes. */
  live: number;
  /** The story the map is limited to, for its heading. */
  storyHeadline: string | null;
  /** Where the map opens: the markers' area, else the desk's country, else the world. */
  view: Extent;
  /** Regions, towns and coastlines of that area (SVG markup drawn by detail-layer.ts), or ''. */
  detail: string;
  /** Editors' layers of the desks shown, or null when they have none. */
  layers: LayersView | null;
}

/** Icons by event type (types of enrich/events/taxonomy.ts sharing one where they read alike). */
const EVENT_ICONS: Record<string, { d: string; label: string }> = {
  fight: {
    d: 'M0 -4 L1.2 -1.2 L4 -1 L1.8 0.9 L2.5 3.8 L0 2.2 L-2.5 3.8 L-1.8 0.9 L-4 -1 L-1.2 -1.2 Z',
    label: 'Fighting, strikes',
  },
  arrest: {
    d: 'M-2.8 -0.4 H2.8 V3.4 H-2.8 Z M-1.6 -0.4 V-1.8 A1.6 1.6 0 0 1 1.6 -1.8 V-0.4',
    label: 'Arrests',
  },
  withdraw: { d: 'M3.5 0 H-3.2 M-0.8 -2.6 L-3.4 0 L-0.8 2.6', label: 'Withdrawal' },
  aid: { d: 'M0 -3.6 V3.6 M-3.6 0 H3.6', label: 'Aid' },
  agree: { d: 'M-3.4 0.2 L-1 2.6 L3.4 -2.4', label: 'Agreement' },
  meet: {
    d: 'M-3.4 0 A1.9 1.9 0 1 0 0.4 0 A1.9 1.9 0 1 0 -3.4 0 M-0.4 0 A1.9 1.9 0 1 0 3.4 0 A1.9 1.9 0 1 0 -0.4 0',
    label: 'Talks',
  },
  threaten: { d: 'M0 -3.8 V1.2 M0 2.6 V3.6', label: 'Threats' },
  reject: { d: 'M-3 3 L3 -3 M-3 -3 L3 3', label: 'Rejection' },
  protest: { d: 'M-2.4 3.8 V-3.6 H2.8 L1.4 -1.8 L2.8 0 H-2.4', label: 'Protest' },
  appeal: { d: 'M-1.8 -1.6 A1.9 1.9 0 1 1 0.6 0.2 C0 0.5 0 1 0 1.6 M0 2.8 V3.4', label: 'Appeals' },
  statement: { d: 'M-3.6 -2.2 H3.6 M-3.6 0 H3.6 M-3.6 2.2 H1.4', label: 'Statements' },
};
/** Event types drawn with another type's icon. */
const ICON_OF: Record<string, string> = { consult: 'meet' };

/** The icon id of an event type ('' for an update with no event found). */
export function iconOf(eventType: string | null): string {
  if (eventType === null) return '';
  const icon = ICON_OF[eventType] ?? eventType;
  return icon in EVENT_ICONS ? icon : '';
}

/**
 * Marker shapes, one per claim status, drawn in a 16×16 box centred on the place, and event icons in a
 * 12×12 box drawn inside them.
 */
function MarkerSymbols(): JSX.Element {
  return (
    <defs>
      <symbol id="m-verified" viewBox="-8 -8 16 16">
        <circle r="6.5" />
      </symbol>
      <symbol id="m-claimed" viewBox="-8 -8 16 16">
        <circle r="6" fill="white" stroke-width="2.2" />
      </symbol>
      <symbol id="m-unverified" viewBox="-8 -8 16 16">
        <circle r="6" fill="white" stroke-width="1.6" stroke-dasharray="2.4 1.6" />
      </symbol>
      <symbol id="m-disputed" viewBox="-8 -8 16 16">
        <path d="M0 -7.5 L7.5 0 L0 7.5 L-7.5 0 Z" />
      </symbol>
      <symbol id="m-false" viewBox="-8 -8 16 16">
        <rect x="-6" y="-6" width="12" height="12" />
      </symbol>
      {Object.entries(EVENT_ICONS).map(([type, icon]) => (
        <symbol id={`e-${type}`} viewBox="-6 -6 12 12">
          <path d={icon.d} />
        </symbol>
      ))}
    </defs>
  );
}

/** One marker's drawing: shape by claim status, icon by event type; `scale` sizes it for the view. */
export function MarkerShape(props: { claim: ClaimStatus; icon: string; scale: number }): JSX.Element {
  return (
    <g class="s" transform={`scale(${props.scale})`}>
      <use class="map-marker-shape" href={`#m-${props.claim}`} x="-8" y="-8" width="16" height="16" />
      {props.icon !== '' && (
        <use class="map-marker-icon" href={`#e-${props.icon}`} x="-5" y="-5" width="10" height="10" />
      )}
    </g>
  );
}

/** The markers layer; map-client.ts draws pushed markers the same way. */
export function Markers(props: {
  located: LocatedUpdate[];
  project: Basemap['project'];
  /** Map units per screen pixel at 960 px wide, so markers keep their size without script. */
  scale: number;
}): JSX.Element {
  return (
    <g class="map-markers" data-map-markers="">
      {[...props.located].reverse().map((u) => {
        const point = props.project(u.place.lon, u.place.lat);
        if (point === null) return null;
        const label = `${CLAIM_LABELS[u.claimStatus]}: ${u.headline} (${u.place.name}, ${u.day})`;
        return (
          <g
            class={`map-marker claim-${u.claimStatus}`}
            data-update-id={u.updateId}
            data-story-id={u.storyId}
            data-x={point[0]}
            data-y={point[1]}
            transform={`translate(${point[0]} ${point[1]})`}
          >
            <a href={u.url} aria-label={label}>
              <title>{label}</title>
              <MarkerShape claim={u.claimStatus} icon={iconOf(u.eventType)} scale={props.scale} />
            </a>
          </g>
        );
      })}
    </g>
  );
}

/** The located updates as a list: the map's text equivalent. */
export function MarkerList(props: { located: LocatedUpdate[] }): JSX.Element {
  return (
    <ol class="map-list" data-map-list="">
      {props.located.map((u) => (
        <li data-update-id={u.updateId} data-story-id={u.storyId}>
          <span class={`claim-chip claim-${u.claimStatus}`}>{CLAIM_LABELS[u.claimStatus]}</span>{' '}
          <time dateTime={u.publishedAt}>{u.day}</time> · {u.place.name}
          {u.place.admin1 !== undefined && u.place.admin1 !== u.place.name ? `, ${u.place.admin1}` : ''}
          {u.eventType !== null && <span class="map-type"> · {u.eventType}</span>}
          <br />
          <a href={u.url}>{u.headline}</a>
        </li>
      ))}
    </ol>
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Located updates per day as bars with their counts, days and months labelled, each a link that
 * narrows the map to that day (the day shown is marked).
 */
function TimelineStrip(props: {
  located: LocatedUpdate[];
  filter: MapFilter;
  query: (patch: Partial<MapFilter>) => string;
}) {
  const counts = new Map<string, number>();
  for (const u of props.located) counts.set(u.day, (counts.get(u.day) ?? 0) + 1);
  const days = [...counts.keys()].sort().slice(-60);
  if (days.length === 0) return null;
  const max = Math.max(...days.map((d) => counts.get(d) ?? 0));
  const height = (n: number) => Math.max(8, Math.round((n / max) * 100));
  // Every day is labelled up to a fortnight; beyond, every seventh and the first of each month.
  const every = days.length <= 14 ? 1 : 7;
  const selected =
    props.filter.from !== undefined && props.filter.from === props.filter.to ? props.filter.from : null;
  const month = (day: string) => MONTHS[Number(day.slice(5, 7)) - 1] ?? '';
  return (
    <nav class="map-timeline" aria-label="Located updates per day">
      <p class="map-timeline-title">
        Located updates per day, {Number(days[0]!.slice(8))} {month(days[0]!)} –{' '}
        {Number(days.at(-1)!.slice(8))} {month(days.at(-1)!)} {days.at(-1)!.slice(0, 4)}
        {selected !== null && (
          <>
            {' · '}
            <a href={props.query({ from: undefined, to: undefined })}>all days</a>
          </>
        )}
      </p>
      <ol>
        {days.map((day, i) => {
          const n = counts.get(day) ?? 0;
          const newMonth = i === 0 || day.slice(8) === '01' || month(days[i - 1]!) !== month(day);
          const labelled = i % every === 0 || newMonth || i === days.length - 1;
          return (
            <li class={day === selected ? 'selected' : undefined}>
              <a
                href={props.query({ from: day, to: day })}
                title={`${day}: ${n} located`}
                aria-current={day === selected ? 'date' : undefined}
              >
                <span class="count" aria-hidden="true">
                  {n}
                </span>
                {/* An SVG bar, not a style attribute: the page's policy allows no inline styles. */}
                <svg class="bar" viewBox="0 0 1 100" preserveAspectRatio="none" aria-hidden="true">
                  <rect x="0" y={100 - height(n)} width="1" height={height(n)} />
                </svg>
                <span class="day" aria-hidden="true">
                  {labelled ? Number(day.slice(8)) : ''}
                  {labelled && newMonth && <span class="month">{month(day)}</span>}
                </span>
                <span class="visually-hidden">
                  {day}: {n} located {n === 1 ? 'update' : 'updates'}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The whole map page body. */
export function MapPage(props: { view: MapView; embed?: boolean }): JSX.Element {
  const { view, embed = false } = props;
  const { filter } = view;
  const query = (patch: Partial<MapFilter>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, ...patch })) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const text = params.toString();
    return text === '' ? '/map' : `/map?${text}`;
  };
  return (
    <div class="map-page">
      {embed ? (
        <p class="map-embed-title">
          <a href={query({})}>{view.storyHeadline === null ? 'Map' : `Map: ${view.storyHeadline}`}</a>
        </p>
      ) : (
        <>
          <h1>{view.storyHeadline === null ? 'Map' : `Map: ${view.storyHeadline}`}</h1>
          <p class="map-intro">
            Every update whose text names a place, at that place. Places are found automatically; an update is
            shown at the place of its first located event.
          </p>
          <form class="map-filters" method="get" action="/map">
            {filter.story !== undefined && <input type="hidden" name="story" value={filter.story} />}
            <label>
              Desk
              <select name="desk">
                <option value="">All desks</option>
                {view.desks.map((d) => (
                  <option value={d.slug} selected={filter.desk === d.slug}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              From
              <input type="date" name="from" value={filter.from ?? ''} />
            </label>
            <label>
              To
              <input type="date" name="to" value={filter.to ?? ''} />
            </label>
            <label>
              Event
              <select name="type">
                <option value="">All events</option>
                {EVENT_TYPES.map((t) => (
                  <option value={t} selected={filter.type === t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Claim
              <select name="claim">
                <option value="">Any status</option>
                {CLAIM_STATUSES.map((c: ClaimStatus) => (
                  <option value={c} selected={filter.claim === c}>
                    {CLAIM_LABELS[c]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">Show</button>
          </form>
        </>
      )}
      <figure class="map-figure">
        <div
          class="map-frame"
          data-live-map=""
          data-last-event-id={view.live}
          data-query={query({}).slice(4)}
        >
          <svg
            class="map-svg"
            viewBox={`${view.view.x} ${view.view.y} ${view.view.w} ${view.view.h}`}
            data-world={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
            role="img"
            aria-label={`Map of ${view.located.length} located updates; the list below has the same updates`}
          >
            <MarkerSymbols />
            <image href={view.basemapUrl} x="0" y="0" width={MAP_WIDTH} height={MAP_HEIGHT} />
            {view.detail !== '' && <g dangerouslySetInnerHTML={{ __html: view.detail }} />}
            {/* Over the regions' fills, under the markers. */}
            {view.layers !== null && <LayerShapes view={view.layers} />}
            <Markers located={view.located} project={view.project} scale={view.view.w / MAP_WIDTH} />
          </svg>
        </div>
        <figcaption class="map-legend">
          <span class="legend-group">
            {CLAIM_STATUSES.map((c) => (
              <span class={`legend-item claim-${c}`}>
                <svg viewBox="-8 -8 16 16" width="16" height="16" aria-hidden="true">
                  <use href={`#m-${c}`} x="-8" y="-8" width="16" height="16" />
                </svg>
                {CLAIM_LABELS[c]}
              </span>
            ))}
          </span>
          <span class="legend-group">
            {Object.entries(EVENT_ICONS).map(([type, icon]) => (
              <span class="legend-item legend-event">
                <svg viewBox="-6 -6 12 12" width="14" height="14" aria-hidden="true">
                  <use href={`#e-${type}`} x="-6" y="-6" width="12" height="12" />
                </svg>
                {icon.label}
              </span>
            ))}
          </span>
        </figcaption>
      </figure>
      {view.layers !== null && (
        <LayerControls
          view={view.layers}
          action={embed ? '/embed/map' : '/map'}
          hidden={Object.fromEntries(
            Object.entries(filter).filter(
              ([key, value]) => key !== 'date' && value !== undefined && value !== '',
            ),
          )}
        />
      )}
      <TimelineStrip located={view.located} filter={filter} query={query} />
      <h2 class="map-list-title">
        {view.located.length} located {view.located.length === 1 ? 'update' : 'updates'}
      </h2>
      {view.located.length === 0 && (
        <p class="map-empty">
          No update matches yet. Updates appear here once their text names a real place (the sample desk's
          places are fictional).
        </p>
      )}
      <MarkerList located={view.located} />
    </div>
  );
}
