/**
 * Editors' map layers on reader maps: areas of control, agreed zones and front lines as they stood on
 * the day looked at (`?date=`), with a legend that names each with its area in km². Every revision of
 * every layer is on the page once, marked with the days it holds (data-spans), so the date slider
 * (web/reader/map-layers-client.ts) shows another day without asking the server; without JavaScript
 * the date field reloads the page for that day.
 */
import type { JSX } from 'preact';
import { CLAIM_LABELS } from '../../domain/types.ts';
import { layerSpans, layerTitle, type LayerRevision, type MapForce } from '../../domain/map-layers.ts';
import type { Basemap } from './basemap.ts';

/** Colours of the agreed zones and the front line (forces have their own). */
export const ZONE_COLOURS: Record<string, string> = {
  'de-escalation': '#2e6da4',
  ceasefire: '#2f8f4e',
  buffer: '#7d6e5b',
};
const FRONT_COLOUR = '#1d1d1b';

/** One revision as the page draws it. */
export interface LayerItem {
  key: string;
  title: string;
  colour: string;
  kind: LayerRevision['kind'];
  areaKm2: number;
  validFrom: string;
  claim: string;
  source: string;
  path: string;
  /** Days it is shown: "from/to" pairs, to empty while it holds. */
  spans: string;
}

/** The layers part of a map page. */
export interface LayersView {
  /** The day shown. */
  date: string;
  /** The slider's first and last day. */
  first: string;
  last: string;
  items: LayerItem[];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "27 May 2026". */
export function longDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1] ?? ''} ${day.slice(0, 4)}`;
}

/** "1,234 km²" (one decimal under 10). */
export function formatKm2(km2: number): string {
  const digits = km2 < 10 ? 1 : 0;
  return `${km2.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })} km²`;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whether `day` falls in one of `spans`. */
function shownOn(spans: [string, string | null][], day: string): boolean {
  return spans.some(([from, to]) => from <= day && (to === null || day < to));
}

/**
 * The layers view of `revisions` (every revision of the layers shown, any desks) for `date`: areas
 * biggest first so smaller ones are drawn over them, lines last.
 */
export function layersView(
  revisions: LayerRevision[],
  forces: MapForce[],
  date: string,
  today: string,
  path: Basemap['path'],
): LayersView | null {
  if (revisions.length === 0) return null;
  const forceById = new Map(forces.map((f) => [f.id, f]));
  const spans = layerSpans(revisions);
  const days = [...spans.values()].flat().flatMap(([from, to]) => (to === null ? [from] : [from, to]));
  const sorted = [...spans.keys()].sort(
    (a, b) => Number(a.kind === 'front') - Number(b.kind === 'front') || b.areaKm2 - a.areaKm2,
  );
  const items = sorted.map((r) => {
    const force = r.forceId === null ? null : (forceById.get(r.forceId) ?? null);
    const colour =
      r.kind === 'control'
        ? (force?.colour ?? '#888888')
        : r.kind === 'zone'
          ? (ZONE_COLOURS[r.zoneKind ?? ''] ?? '#888888')
          : FRONT_COLOUR;
    return {
      key: `${r.layerId}-${r.revision}`,
      title: layerTitle(r, force) + (r.label === '' ? '' : ` (${r.label})`),
      colour,
      kind: r.kind,
      areaKm2: r.areaKm2,
      validFrom: r.validFrom,
      claim: CLAIM_LABELS[r.claimStatus],
      source: r.source,
      path: path(r.geometry),
      spans: (spans.get(r) ?? []).map(([from, to]) => `${from}/${to ?? ''}`).join(' '),
    };
  });
  const first = addDays([...days].sort()[0] ?? date, -7);
  const last = [today, date, ...days].sort().at(-1)!;
  return { date, first: date < first ? date : first, last, items };
}

function spansOf(item: LayerItem): [string, string | null][] {
  return item.spans.split(' ').map((s) => {
    const [from = '', to = ''] = s.split('/');
    return [from, to === '' ? null : to];
  });
}

/** What a layer's tooltip and legend line say. */
export function layerCaption(
  item: Pick<LayerItem, 'title' | 'validFrom' | 'areaKm2' | 'kind' | 'claim'>,
): string {
  const from = longDay(item.validFrom).replace(/ \d{4}$/, '');
  return `${item.title}, from ${from}${item.kind === 'front' ? '' : `, ${formatKm2(item.areaKm2)}`} · ${item.claim}`;
}

/** The layers drawn in the map's SVG (under the markers). */
export function LayerShapes(props: { view: LayersView }): JSX.Element {
  const { view } = props;
  return (
    <g class="map-layers" data-map-layers="">
      {view.items.map((item) => {
        const line = item.kind === 'front';
        return (
          <path
            class={`map-layer layer-${item.kind}`}
            d={item.path}
            data-spans={item.spans}
            display={shownOn(spansOf(item), view.date) ? undefined : 'none'}
            fill={line ? 'none' : item.colour}
            fill-opacity={line ? undefined : item.kind === 'zone' ? '0.22' : '0.34'}
            stroke={item.colour}
            stroke-width={line ? '2.5' : '1.2'}
            stroke-dasharray={item.kind === 'zone' ? '5 3' : line ? '8 3 2 3' : undefined}
            vector-effect="non-scaling-stroke"
            stroke-linejoin="round"
          >
            <title>{layerCaption(item)}</title>
          </path>
        );
      })}
    </g>
  );
}

/**
 * The day chooser and legend: a range slider over the layers' days (shown by script), a date field
 * and button that work without it, and one legend line per layer revision (the ones of the day shown).
 */
export function LayerControls(props: {
  view: LayersView;
  /** Where the date form goes (/map or /embed/map) and the filters it keeps. */
  action: string;
  hidden: Record<string, string>;
}): JSX.Element {
  const { view } = props;
  const dayCount = Math.round((Date.parse(view.last) - Date.parse(view.first)) / 86_400_000);
  const index = Math.round((Date.parse(view.date) - Date.parse(view.first)) / 86_400_000);
  return (
    <section class="map-layers-panel" aria-labelledby="map-layers-title">
      <h2 id="map-layers-title" class="map-layers-title">
        Ground as of <span data-layer-day-label="">{longDay(view.date)}</span>
      </h2>
      <form class="map-date" method="get" action={props.action}>
        {Object.entries(props.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <label class="map-date-slider" hidden data-layer-slider-label="">
          <span>Day</span>
          <input
            type="range"
            min="0"
            max={String(dayCount)}
            step="1"
            value={String(index)}
            data-layer-slider=""
            data-first={view.first}
            aria-valuetext={longDay(view.date)}
          />
        </label>
        <label class="map-date-field">
          Date
          <input type="date" name="date" value={view.date} min={view.first} max={view.last} />
        </label>
        <button type="submit">Show</button>
      </form>
      <ul class="map-layers-legend" data-layer-legend="" aria-live="polite">
        {view.items.map((item) => (
          <li
            class={`layer-legend layer-${item.kind}`}
            data-spans={item.spans}
            hidden={!shownOn(spansOf(item), view.date)}
          >
            <svg viewBox="0 0 20 14" width="20" height="14" aria-hidden="true">
              {item.kind === 'front' ? (
                <path d="M1 7 H19" stroke={item.colour} stroke-width="2.5" stroke-dasharray="6 2 2 2" />
              ) : (
                <rect
                  x="1"
                  y="1"
                  width="18"
                  height="12"
                  fill={item.colour}
                  fill-opacity={item.kind === 'zone' ? '0.3' : '0.45'}
                  stroke={item.colour}
                  stroke-dasharray={item.kind === 'zone' ? '3 2' : undefined}
                />
              )}
            </svg>
            <span>
              {layerCaption(item)}
              <span class="layer-source"> · Source: {item.source}</span>
            </span>
          </li>
        ))}
        <li
          class="layer-legend-empty"
          data-layer-empty=""
          hidden={view.items.some((i) => shownOn(spansOf(i), view.date))}
        >
          No layer is drawn for this day.
        </li>
      </ul>
    </section>
  );
}
