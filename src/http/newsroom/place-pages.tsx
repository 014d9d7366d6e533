/**
 * The newsroom's place pages: /newsroom/places (places enrichment could only place approximately,
 * to pin) and /newsroom/places/{slug} (a place as updates name it: rename its displayed spelling, or
 * pin it on a map by clicking, or by typing its coordinates without script). Plain forms with the
 * session's CSRF token in `_csrf`; the service (src/service/place-edits.ts) checks roles and desks.
 */
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { geoEquirectangular, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import type { JSX } from 'preact';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { mayUseDesk } from '../../domain/actors.ts';
import { placeSlug } from '../../enrich/entities.ts';
import type { Place } from '../../enrich/lexicon.ts';
import type { PlaceMention } from '../../enrich/types.ts';
import type { PlaceEdits, PlaceRecord } from '../../service/place-edits.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { PinBody, PlaceSlugParams, RenameBody } from '../api/place-routes.ts';
import { forms } from '../kit/form.ts';
import { authenticate, CSRF_HEADER, hasRole, type Principal } from '../auth.ts';
import { sendNewsroomPage } from './send-page.tsx';

/** What the place pages need. */
export interface PlacePageDeps {
  store: Store;
  places: PlaceEdits;
  assets: Assets;
  /** The built-in gazetteer's towns, labelled on the pin map so an editor can find their way. */
  enricher: { townsWithin(box: ReturnType<typeof pinBounds>, limit: number): Place[] };
}

/** Towns labelled on the pin map. */
const LANDMARKS = 14;

const MAP_WIDTH = 640;
/** Recent updates searched for approximate places on the list page. */
const RECENT = 500;

const countryNames = new Intl.DisplayNames(['en-GB'], { type: 'region' });
const countryName = (iso2: string) => {
  try {
    return countryNames.of(iso2) ?? iso2;
  } catch {
    return iso2;
  }
};

let countries: FeatureCollection<Geometry> | undefined;
/** Natural Earth 1:50m countries (world-atlas), read once: the pin map's only layer. */
function countryShapes(): FeatureCollection<Geometry> {
  if (!countries) {
    const require = createRequire(import.meta.url);
    const world = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection }>;
    countries = feature(world, world.objects.countries) as FeatureCollection<Geometry>;
  }
  return countries;
}

/** The map's box around a place: wider for a region or an approximate place than for a town. */
export function pinBounds(place: Pick<PlaceMention, 'lat' | 'lon' | 'precision'>): {
  west: number;
  north: number;
  east: number;
  south: number;
} {
  const half = place.precision === 'city' ? 0.6 : 2;
  const north = Math.min(85, place.lat + half);
  const south = Math.max(-85, place.lat - half);
  // Equal distances across and down at the place's latitude.
  const across = half / Math.max(0.2, Math.cos((place.lat * Math.PI) / 180));
  return { west: place.lon - across, north, east: place.lon + across, south };
}

/**
 * An SVG map of the box around `place`, equirectangular, so a click's position is a linear function of
 * longitude and latitude: the client (src/web/newsroom/place-pin.ts) reads the box from data-bounds.
 */
function PinMap(props: { place: PlaceMention; towns: Place[] }): JSX.Element {
  const b = pinBounds(props.place);
  const degree = Math.PI / 180;
  const scale = MAP_WIDTH / ((b.east - b.west) * degree);
  const height = Math.round((b.north - b.south) * degree * scale);
  const projection = geoEquirectangular()
    .scale(scale)
    .translate([-b.west * degree * scale, b.north * degree * scale])
    .clipExtent([
      [0, 0],
      [MAP_WIDTH, height],
    ]);
  const path = geoPath(projection).digits(1);
  const land = countryShapes()
    .features.map((f) => path(f) ?? '')
    .join('');
  const [x, y] = projection([props.place.lon, props.place.lat]) ?? [MAP_WIDTH / 2, height / 2];
  return (
    <svg
      id="pin-map"
      viewBox={`0 0 ${MAP_WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={`Map around ${props.place.name}: click to set the pin`}
      data-bounds={[b.west, b.north, b.east, b.south].map((n) => n.toFixed(5)).join(',')}
    >
      <rect width={MAP_WIDTH} height={height} fill="#dfe9f0" />
      <path d={land} fill="#f4f1ea" stroke="#9a9284" stroke-width="0.8" />
      {labelled(props.towns, projection).map(({ town, x: tx, y: ty, left }) => (
        <g fill="#3a3a3a" font-family="sans-serif" font-size="13">
          <circle cx={tx.toFixed(1)} cy={ty.toFixed(1)} r="3" />
          <text
            x={(left ? tx - 6 : tx + 6).toFixed(1)}
            y={(ty + 4).toFixed(1)}
            text-anchor={left ? 'end' : 'start'}
            stroke="#f4f1ea"
            stroke-width="3"
            paint-order="stroke"
          >
            {town.name}
          </text>
        </g>
      ))}
      <circle
        id="pin-marker"
        cx={x.toFixed(1)}
        cy={y.toFixed(1)}
        r="7"
        fill="#c0392b"
        stroke="#fff"
        stroke-width="2"
      />
    </svg>
  );
}

/** Towns whose labels do not overlap one already placed (biggest first), with where to draw them. */
function labelled(towns: Place[], projection: (p: [number, number]) => [number, number] | null) {
  const placed: {
    town: Place;
    x: number;
    y: number;
    left: boolean;
    box: [number, number, number, number];
  }[] = [];
  for (const town of towns) {
    const point = projection([town.lon, town.lat]);
    if (!point) continue;
    const [x, y] = point;
    // Labels near the right edge go to the left of their dot; about 7 units a letter at 13 px.
    const left = x > MAP_WIDTH - 120;
    const width = town.name.length * 7 + 8;
    const box: [number, number, number, number] = [
      left ? x - width : x - 4,
      y - 9,
      left ? x + 4 : x + width,
      y + 7,
    ];
    if (placed.some(({ box: b }) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]))
      continue;
    placed.push({ town, x, y, left, box });
  }
  return placed;
}

function Csrf(props: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** The start of an update's text, for a list. */
const excerpt = (body: string) => {
  const plain = body
    .replace(/[#*_>`[\]()]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 100 ? `${plain.slice(0, 99)}…` : plain;
};

const precisionNote = (p: PlaceMention) =>
  p.precision === 'approximate'
    ? `Placed approximately, at the centre of ${p.admin1 ?? 'its region'}: pin it where it is.`
    : p.precision === 'city'
      ? 'A town or a point.'
      : p.precision === 'region'
        ? 'A region, shown at its centre.'
        : 'A country, shown at its centre.';

function PlacePage(props: {
  record: PlaceRecord;
  towns: Place[];
  csrfToken: string;
  error?: { field: string | null; message: string; values: Record<string, string> };
  done?: string;
}): JSX.Element {
  const { place, spellings, updates } = props.record;
  const error = props.error;
  const value = (field: string, fallback: string) => error?.values[field] ?? fallback;
  const errorFor = (field: string) =>
    error && error.field === field ? (
      <p class="nr-error" role="alert" id={`${field}-error`}>
        {error.message}
      </p>
    ) : null;
  return (
    <>
      <p>
        <a href="/newsroom/places">Places to pin</a>
      </p>
      <h1>{place.name}</h1>
      <p>
        {[
          place.kind === 'city' ? 'Town' : place.kind === 'region' ? 'Region' : 'Country',
          place.admin1,
          countryName(place.country),
        ]
          .filter((s) => s !== undefined && s !== place.name)
          .join(', ')}
        {' · '}
        {place.lat.toFixed(4)}, {place.lon.toFixed(4)}. {precisionNote(place)}
      </p>
      {props.done !== undefined && (
        <p class="nr-done" role="status">
          {props.done}
        </p>
      )}
      <p>
        Written in updates as: {spellings.join(', ')}. Every spelling keeps finding this place after a rename.
      </p>
      <section class="nr-panel" aria-labelledby="rename-title">
        <h2 id="rename-title">Displayed name</h2>
        <form method="post" action={`/newsroom/places/${props.record.slug}/name`}>
          <Csrf token={props.csrfToken} />
          <label class="nr-field">
            Name shown on place pages, the map and exports
            <input
              name="name"
              required
              maxLength={120}
              value={value('name', place.name)}
              {...(error?.field === 'name' && { 'aria-invalid': 'true', 'aria-describedby': 'name-error' })}
            />
          </label>
          {errorFor('name')}
          <p>
            <button type="submit" class="nr-primary">
              Rename
            </button>
          </p>
        </form>
      </section>
      {place.kind !== 'country' && (
        <section class="nr-panel" aria-labelledby="pin-title">
          <h2 id="pin-title">Pin on the map</h2>
          <p>Click the map where the place is, or type its coordinates; then save the pin.</p>
          <PinMap place={place} towns={props.towns} />
          <form method="post" action={`/newsroom/places/${props.record.slug}/pin`} id="pin-form">
            <Csrf token={props.csrfToken} />
            <div class="nr-row">
              <label class="nr-field">
                Latitude
                <input name="lat" inputMode="decimal" required value={value('lat', place.lat.toFixed(4))} />
              </label>
              <label class="nr-field">
                Longitude
                <input name="lon" inputMode="decimal" required value={value('lon', place.lon.toFixed(4))} />
              </label>
            </div>
            {errorFor('lat')}
            {errorFor('lon')}
            <p>
              <button type="submit" class="nr-primary">
                Save the pin
              </button>
            </p>
          </form>
        </section>
      )}
      <section aria-labelledby="updates-title">
        <h2 id="updates-title">Updates naming it</h2>
        <ul>
          {updates.slice(0, 20).map(({ update, story }) => (
            <li>
              <a href={`/newsroom/stories/${story.id}`}>{story.headline}</a>:{' '}
              {update.headline ?? excerpt(update.body)}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function PlacesToPinPage(props: { places: { place: PlaceMention; updates: number }[] }): JSX.Element {
  return (
    <>
      <h1>Places to pin</h1>
      <p>
        Places enrichment found in recent updates but could only put at the centre of their region. Pin each
        once; the next update naming it is placed there.
      </p>
      {props.places.length === 0 ? (
        <p>None: every place in recent updates is on the map.</p>
      ) : (
        <ul>
          {props.places.map(({ place, updates }) => (
            <li>
              <a href={`/newsroom/places/${placeSlug(place)}`}>{place.name}</a> ({place.admin1 ?? ''},{' '}
              {countryName(place.country)}), in {updates} update{updates === 1 ? '' : 's'}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

// The forms' fields, as the place API takes them: coordinates may be typed with a decimal comma.
const RenameForm = z.object({ name: RenameBody.shape.name.default('') });
const coordinate = (field: 'lat' | 'lon') =>
  z
    .string()
    .max(40)
    .default('')
    .transform((typed) => {
      const n = Number(typed.trim().replace(',', '.'));
      return typed.trim() === '' || !Number.isFinite(n) ? typed : n;
    })
    .pipe(PinBody.shape[field]);
const PinForm = z.object({ lat: coordinate('lat'), lon: coordinate('lon') });

/** Registers the newsroom's place pages. */
export async function registerPlacePages(app: FastifyInstance, deps: PlacePageDeps): Promise<void> {
  const { store, places, assets, enricher } = deps;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  const send = (
    reply: FastifyReply,
    status: number,
    title: string,
    principal: Principal,
    body: JSX.Element,
  ) =>
    sendNewsroomPage(
      reply,
      status,
      title,
      {
        css: [assets.url('reader.css'), assets.url('newsroom.css')],
        js: assets.url('place-pin.js'),
        user: { name: principal.name, role: principal.role },
        csrfToken: principal.csrfToken ?? null,
      },
      body,
    );

  /** The signed-in editor, or a redirect to sign in (null); a form's `_csrf` is checked as the API's header. */
  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body?.['_csrf'] === 'string') request.headers[CSRF_HEADER] = body['_csrf'];
    const principal = await authenticate(store, request);
    if (!principal) {
      await reply.redirect('/newsroom/login', 303);
      return null;
    }
    if (!hasRole(principal.role, 'editor'))
      throw new DomainError('forbidden', 'this page needs the editor role');
    return principal;
  }

  const placePage = async (
    reply: FastifyReply,
    principal: Principal,
    slug: string,
    status: number,
    extra: Partial<Parameters<typeof PlacePage>[0]> = {},
  ) => {
    const record = await places.get(principal, slug);
    return send(
      reply,
      status,
      record.place.name,
      principal,
      <PlacePage
        record={record}
        towns={enricher.townsWithin(pinBounds(record.place), LANDMARKS)}
        csrfToken={principal.csrfToken ?? ''}
        {...extra}
      />,
    );
  };

  app.get('/newsroom/places', async (request, reply) => {
    const principal = await signedIn(request, reply);
    if (!principal) return reply;
    const recent = await store.enrichments.listEnriched({
      statuses: ['draft', 'live', 'ended'],
      limit: RECENT,
    });
    const found = new Map<string, { place: PlaceMention; updates: number }>();
    for (const { enrichment, story } of recent) {
      if (!mayUseDesk(principal, story.deskId)) continue;
      for (const place of enrichment.enrichment.places) {
        if (place.precision !== 'approximate') continue;
        const slug = placeSlug(place);
        const seen = found.get(slug);
        if (seen) seen.updates++;
        else found.set(slug, { place, updates: 1 });
      }
    }
    return send(reply, 200, 'Places to pin', principal, <PlacesToPinPage places={[...found.values()]} />);
  });

  const form = forms(app);
  form({
    method: 'GET',
    url: '/newsroom/places/:slug',
    who: signedIn,
    params: PlaceSlugParams,
    handler: ({ request, reply, who, params: { slug } }) => {
      const { done } = request.query as { done?: string };
      return placePage(reply, who, slug, 200, {
        ...(done === 'renamed' && { done: 'Renamed. Updates naming it are being updated.' }),
        ...(done === 'pinned' && { done: 'Pinned. Updates naming it are being placed there.' }),
      });
    },
  });

  // A refused edit shows the page again with the reason beside the field, and what was typed.
  const refused = {
    render: async (input: {
      reply: FastifyReply;
      who: Principal;
      params: { slug: string };
      error: DomainError;
      values: Record<string, string>;
    }) =>
      placePage(input.reply, input.who, input.params.slug, 400, {
        error: {
          field: input.error.details.field ?? null,
          message: input.error.message,
          values: input.values,
        },
      }),
  };

  form({
    url: '/newsroom/places/:slug/name',
    who: signedIn,
    params: PlaceSlugParams,
    fields: RenameForm,
    refused,
    handler: async ({ reply, who, params: { slug }, fields: { name } }) => {
      const renamed = await places.rename(who, slug, name);
      return reply.redirect(`/newsroom/places/${renamed.slug}?done=renamed`, 303);
    },
  });

  form({
    url: '/newsroom/places/:slug/pin',
    who: signedIn,
    params: PlaceSlugParams,
    fields: PinForm,
    refused,
    handler: async ({ reply, who, params: { slug }, fields: { lat, lon } }) => {
      await places.pin(who, slug, lat, lon);
      return reply.redirect(`/newsroom/places/${slug}?done=pinned`, 303);
    },
  });
}
