/**
 * The map page: filters (a plain GET form), the map with a marker per located update, a timeline strip
 * of located updates per day, and the same updates as a list, so every part works without JavaScript
 * and with a screen reader. Claim status shows in the marker's shape as well as its colour.
 */
import type { JSX } from 'preact';
import { CLAIM_LABELS, CLAIM_STATUSES, type ClaimStatus, type Desk } from '../../domain/types.ts';
import { EVENT_TYPES } from '../../enrich/events/taxonomy.ts';
import type { Basemap } from './basemap.ts';
import { MAP_HEIGHT, MAP_WIDTH } from './basemap.ts';
import type { LocatedUpdate, MapFilter } from './located-updates.ts';

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
}

/** Marker shapes, one per claim status, drawn in a 12×12 box centred on the place. */
function MarkerSymbols(): JSX.Element {
  return (
    <defs>
      <symbol id="m-verified" viewBox="-6 -6 12 12">
        <circle r="4.5" />
      </symbol>
      <symbol id="m-claimed" viewBox="-6 -6 12 12">
        <circle r="4" fill="white" stroke-width="2" />
      </symbol>
      <symbol id="m-unverified" viewBox="-6 -6 12 12">
        <circle r="4" fill="white" stroke-width="1.5" stroke-dasharray="2 1.5" />
      </symbol>
      <symbol id="m-disputed" viewBox="-6 -6 12 12">
        <path d="M0 -5 L5 0 L0 5 L-5 0 Z" />
      </symbol>
      <symbol id="m-false" viewBox="-6 -6 12 12">
        <path d="M-4 -4 L4 4 M4 -4 L-4 4" stroke-width="2.5" fill="none" />
      </symbol>
    </defs>
  );
}

/** The markers layer; map-client.ts draws pushed markers the same way. */
export function Markers(props: { located: LocatedUpdate[]; project: Basemap['project'] }): JSX.Element {
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
            transform={`translate(${point[0]} ${point[1]})`}
          >
            <a href={u.url} aria-label={label}>
              <title>{label}</title>
              <use
                class="map-marker-shape"
                href={`#m-${u.claimStatus}`}
                x="-6"
                y="-6"
                width="12"
                height="12"
              />
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

/** Located updates per day as bars, each a link that narrows the map to that day. */
function TimelineStrip(props: { located: LocatedUpdate[]; query: (patch: Partial<MapFilter>) => string }) {
  const counts = new Map<string, number>();
  for (const u of props.located) counts.set(u.day, (counts.get(u.day) ?? 0) + 1);
  const days = [...counts.keys()].sort().slice(-60);
  if (days.length === 0) return null;
  const max = Math.max(...days.map((d) => counts.get(d) ?? 0));
  const height = (n: number) => Math.max(8, Math.round((n / max) * 100));
  return (
    <nav class="map-timeline" aria-label="Located updates per day">
      <ol>
        {days.map((day) => {
          const n = counts.get(day) ?? 0;
          return (
            <li>
              <a href={props.query({ from: day, to: day })} title={`${day}: ${n} located`}>
                {/* An SVG bar, not a style attribute: the page's policy allows no inline styles. */}
                <svg class="bar" viewBox="0 0 1 100" preserveAspectRatio="none" aria-hidden="true">
                  <rect x="0" y={100 - height(n)} width="1" height={height(n)} />
                </svg>
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
export function MapPage(props: { view: MapView }): JSX.Element {
  const { view } = props;
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
      <figure class="map-figure">
        <div
          class="map-frame"
          data-live-map=""
          data-last-event-id={view.live}
          data-query={query({}).slice(4)}
        >
          <svg
            class="map-svg"
            viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
            role="img"
            aria-label={`Map of ${view.located.length} located updates; the list below has the same updates`}
          >
            <MarkerSymbols />
            <image href={view.basemapUrl} x="0" y="0" width={MAP_WIDTH} height={MAP_HEIGHT} />
            <Markers located={view.located} project={view.project} />
          </svg>
        </div>
        <figcaption class="map-legend">
          {CLAIM_STATUSES.map((c) => (
            <span class={`legend-item claim-${c}`}>
              <svg viewBox="-6 -6 12 12" width="14" height="14" aria-hidden="true">
                <use href={`#m-${c}`} x="-6" y="-6" width="12" height="12" />
              </svg>
              {CLAIM_LABELS[c]}
            </span>
          ))}
        </figcaption>
      </figure>
      <TimelineStrip located={view.located} query={query} />
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
