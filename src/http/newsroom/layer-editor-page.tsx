/**
 * `/newsroom/desks/{slug}/layers`: where an editor of the desk draws its map layers. The page draws
 * the desk's map (the reader map's projection and detail), its layers as they stand, the chosen
 * layer's revision history and the desk's forces; the browser (web/newsroom/layer-editor.ts) turns
 * clicks into vertices with d3-geo's inverse projection and saves through the API, where every rule
 * is checked (service/map-layers.ts). Drawing needs script; reading the history does not.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import {
  LAYER_KIND_LABELS,
  LAYER_KINDS,
  layerTitle,
  ZONE_KINDS,
  ZONE_LABELS,
  type LayerRevision,
  type MapForce,
  type MapLayer,
} from '../../domain/map-layers.ts';
import { formatDateTime } from '../../domain/time-format.ts';
import { CLAIM_LABELS, CLAIM_STATUSES, type Desk } from '../../domain/types.ts';
import type { MapLayerService } from '../../service/map-layers.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { forms } from '../kit/form.ts';
import { authenticate, hasRole, requireDesk, type Principal } from '../auth.ts';
import { sendNewsroomPage } from './send-page.tsx';
import { basemap, MAP_HEIGHT, MAP_WIDTH } from '../map/basemap.ts';
import { countryExtent, countryOfTimeZone, detailLayer, WORLD, type Extent } from '../map/detail-layer.ts';
import { formatKm2, longDay, ZONE_COLOURS } from '../map/map-layers-view.tsx';

/** What the page needs. */
export interface LayerEditorDeps {
  store: Store;
  assets: Assets;
  mapLayers: MapLayerService;
}

const Params = z.object({ slug: z.string().min(1).max(80) });
const Query = z.object({ layer: z.string().min(1).max(64).optional() });

/** Points an editor placed: a ring's closing position repeats its first, so it is not counted. */
function pointCount(r: LayerRevision): number {
  const g = r.geometry;
  const rings =
    g.type === 'Polygon' ? g.coordinates.length : g.type === 'MultiPolygon' ? g.coordinates.flat().length : 0;
  return r.vertexCount - rings;
}

function colourOf(r: LayerRevision, forces: Map<string, MapForce>): string {
  if (r.kind === 'control') return forces.get(r.forceId ?? '')?.colour ?? '#888888';
  if (r.kind === 'zone') return ZONE_COLOURS[r.zoneKind ?? ''] ?? '#888888';
  return '#1d1d1b';
}

function LayerEditorPage(props: {
  desk: Desk;
  layers: MapLayer[];
  forces: MapForce[];
  selected: MapLayer | null;
  revisions: LayerRevision[];
  view: Extent;
  basemapUrl: string;
}): JSX.Element {
  const { desk, layers, forces, selected, view } = props;
  const forceById = new Map(forces.map((f) => [f.id, f]));
  const current = selected?.current ?? null;
  const path = basemap().path;
  const detail = detailLayer(view);
  const title = (r: LayerRevision) =>
    layerTitle(r, forceById.get(r.forceId ?? '') ?? null) + (r.label === '' ? '' : ` (${r.label})`);
  return (
    <div class="layer-editor">
      <h1>Map layers: {desk.name}</h1>
      <p class="nr-hint">
        Click the map to add points; drag a point to move it; click the first point (or “Close shape”) to
        close an area; “Add another area” draws a second one, and a click on an area picks it to edit or
        remove. Saving a layer you picked adds a revision: every earlier one is kept. Readers see the layers
        on <a href={`/map?desk=${encodeURIComponent(desk.slug)}`}>the desk’s map</a>.
      </p>
      <div class="layer-editor-grid">
        <div class="layer-editor-map">
          <div class="layer-map-controls">
            <button type="button" data-zoom="in" aria-label="Zoom in">
              +
            </button>
            <button type="button" data-zoom="out" aria-label="Zoom out">
              −
            </button>
          </div>
          <svg
            id="layer-map"
            class="layer-map"
            viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
            data-world={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
            role="application"
            aria-label={`Map of ${desk.name}: click to add a point`}
          >
            <image href={props.basemapUrl} x="0" y="0" width={MAP_WIDTH} height={MAP_HEIGHT} />
            {detail !== '' && <g dangerouslySetInnerHTML={{ __html: detail }} />}
            <g class="layer-existing">
              {layers.map((l) => {
                const line = l.current.kind === 'front';
                const colour = colourOf(l.current, forceById);
                return (
                  <path
                    d={path(l.current.geometry)}
                    fill={line ? 'none' : colour}
                    fill-opacity={l.id === selected?.id ? '0.08' : '0.3'}
                    stroke={colour}
                    stroke-width={line ? '2.5' : '1'}
                    vector-effect="non-scaling-stroke"
                  >
                    <title>{title(l.current)}</title>
                  </path>
                );
              })}
            </g>
            <g id="layer-drawing" class="layer-drawing" />
          </svg>
        </div>
        <form
          id="layer-form"
          class="nr-panel layer-form"
          data-desk={desk.slug}
          data-layer={selected?.id ?? ''}
          data-revision={selected?.current.revision ?? ''}
          data-geometry={current === null ? '' : JSON.stringify(current.geometry)}
        >
          <h2>{selected === null ? 'New layer' : `Revise: ${title(selected.current)}`}</h2>
          <label class="nr-field">
            Kind
            <select name="kind">
              {LAYER_KINDS.map((k) => (
                <option value={k} selected={(current?.kind ?? 'control') === k}>
                  {LAYER_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label class="nr-field" data-for-kind="control">
            Force
            <select name="forceId">
              {forces.map((f) => (
                <option value={f.id} selected={current?.forceId === f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          <label class="nr-field" data-for-kind="zone">
            Zone
            <select name="zoneKind">
              {ZONE_KINDS.map((z) => (
                <option value={z} selected={current?.zoneKind === z}>
                  {ZONE_LABELS[z]}
                </option>
              ))}
            </select>
          </label>
          <label class="nr-field">
            Label (optional)
            <input name="label" maxLength={200} value={current?.label ?? ''} />
          </label>
          <div class="nr-row">
            <label class="nr-field">
              Valid from
              <input type="date" name="validFrom" required value={current?.validFrom ?? ''} />
            </label>
            <label class="nr-field">
              Ended on (optional)
              <input type="date" name="validTo" value={current?.validTo ?? ''} />
            </label>
          </div>
          <label class="nr-field">
            Source
            <textarea name="source" rows={2} maxLength={2000} required>
              {current?.source ?? ''}
            </textarea>
          </label>
          <label class="nr-field">
            Claim status
            <select name="claimStatus">
              {CLAIM_STATUSES.map((c) => (
                <option value={c} selected={(current?.claimStatus ?? 'claimed') === c}>
                  {CLAIM_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <p class="layer-points" aria-live="polite" data-points="">
            No points yet.
          </p>
          <div class="nr-row layer-buttons">
            <button type="button" data-act="close">
              Close shape
            </button>
            <button type="button" data-act="undo">
              Undo point
            </button>
            <button type="button" data-act="clear">
              Clear
            </button>
            <button type="button" data-act="add-area">
              Add another area
            </button>
            <button type="button" data-act="remove-area">
              Remove this area
            </button>
            <button type="submit" class="nr-primary">
              {selected === null ? 'Save layer' : 'Save revision'}
            </button>
          </div>
          <p class="nr-status" role="status" aria-live="polite" />
          {selected !== null && (
            <p>
              <button type="button" data-act="delete" class="nr-danger">
                Delete this layer
              </button>{' '}
              <a href={`/newsroom/desks/${encodeURIComponent(desk.slug)}/layers`}>Draw a new layer instead</a>
            </p>
          )}
        </form>
      </div>
      {selected !== null && (
        <section class="nr-panel" aria-labelledby="revisions-title">
          <h2 id="revisions-title">Revisions</h2>
          <p>
            <a
              href={`/api/v1/desks/${encodeURIComponent(desk.slug)}/layers/${encodeURIComponent(selected.id)}/revisions.geojson`}
              download={`layer-${selected.id}.geojson`}
            >
              Export every revision as GeoJSON
            </a>
          </p>
          <form class="layer-import nr-row" data-layer={selected.id}>
            <label class="nr-field">
              Import GeoJSON as new revisions
              <input
                type="file"
                name="file"
                accept=".geojson,.json,application/geo+json,application/json"
                required
              />
            </label>
            <button type="submit">Import</button>
            <span class="nr-status" role="status" aria-live="polite" />
          </form>
          <ol class="layer-revisions" reversed>
            {[...props.revisions].reverse().map((r) => (
              <li>
                <strong>Revision {r.revision}</strong> by {r.author},{' '}
                <time datetime={r.createdAt}>{formatDateTime(r.createdAt, desk.timezone)}</time>: {title(r)},
                from {longDay(r.validFrom)}
                {r.validTo !== null && `, ended ${longDay(r.validTo)}`}
                {r.kind !== 'front' && `, ${formatKm2(r.areaKm2)}`}, {pointCount(r)} points ·{' '}
                {CLAIM_LABELS[r.claimStatus]} · Source: {r.source}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section class="nr-panel" aria-labelledby="layers-title">
        <h2 id="layers-title">Layers</h2>
        {layers.length === 0 ? (
          <p>No layer yet.</p>
        ) : (
          <ul class="layer-list">
            {layers.map((l) => (
              <li>
                <a
                  href={`/newsroom/desks/${encodeURIComponent(desk.slug)}/layers?layer=${encodeURIComponent(l.id)}`}
                  aria-current={l.id === selected?.id ? 'true' : undefined}
                >
                  {title(l.current)}
                </a>{' '}
                from {longDay(l.current.validFrom)}
                {l.current.kind !== 'front' && `, ${formatKm2(l.current.areaKm2)}`} · revision{' '}
                {l.current.revision}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="nr-panel" aria-labelledby="forces-title">
        <h2 id="forces-title">Forces</h2>
        <ul class="layer-forces">
          {forces.map((f) => (
            <li>
              <form class="force-form nr-row" data-force={f.id}>
                <label class="nr-field">
                  Name
                  <input name="name" value={f.name} maxLength={80} required />
                </label>
                <label class="nr-field">
                  Colour
                  <input type="color" name="colour" value={f.colour} />
                </label>
                <button type="submit">Save</button>
                <span class="nr-status" role="status" />
              </form>
            </li>
          ))}
        </ul>
        <form class="force-form nr-row" data-force="">
          <label class="nr-field">
            New force
            <input name="name" maxLength={80} required />
          </label>
          <label class="nr-field">
            Colour
            <input type="color" name="colour" value="#c0392b" />
          </label>
          <button type="submit">Add force</button>
          <span class="nr-status" role="status" />
        </form>
      </section>
    </div>
  );
}

/** Registers the drawing page (in a scope with the newsroom's page policy). */
export async function registerLayerEditorPage(app: FastifyInstance, deps: LayerEditorDeps): Promise<void> {
  const signedIn = async (request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> => {
    const principal = await authenticate(deps.store, request);
    if (!principal) {
      await reply.redirect('/newsroom/login', 303);
      return null;
    }
    if (!hasRole(principal.role, 'editor'))
      throw new DomainError('forbidden', 'this page needs the editor role');
    return principal;
  };

  forms(app)({
    method: 'GET',
    url: '/newsroom/desks/:slug/layers',
    who: signedIn,
    params: Params,
    fields: Query,
    handler: async ({ reply, who: principal, params: { slug }, fields: query }) => {
      const desk = await deps.mapLayers.desk(slug);
      requireDesk(principal, desk.id);
      const [layers, forces] = await Promise.all([deps.mapLayers.layers(desk), deps.mapLayers.forces(desk)]);
      const selected = query.layer === undefined ? null : await deps.mapLayers.layer(desk, query.layer);
      const revisions = selected === null ? [] : await deps.mapLayers.revisions(desk, selected.id);
      const country = countryOfTimeZone(desk.timezone);
      const view = (country === null ? null : countryExtent(country)) ?? WORLD;
      return sendNewsroomPage(
        reply,
        200,
        `Map layers: ${desk.name}`,
        {
          css: [deps.assets.url('reader.css'), deps.assets.url('newsroom.css')],
          js: deps.assets.url('layer-editor.js'),
          user: { name: principal.name, role: principal.role },
          csrfToken: principal.csrfToken ?? null,
        },
        <LayerEditorPage
          desk={desk}
          layers={layers}
          forces={forces}
          selected={selected?.deletedAt === null ? selected : null}
          revisions={revisions}
          view={view}
          basemapUrl="/map/basemap.svg"
        />,
      );
    },
  });
}
