/**
 * Editors' edits of a place, deployment-wide: its displayed spelling (a rename) and, for a place no
 * gazetteer knows or one placed only approximately, its point on the map (a pin). Both are kept as
 * corrections in the deployment's database and used by every later enrichment; the updates that
 * already name the place are enriched again in the background, so its page, the map and exports
 * follow at once.
 */
import { requireActorRole, mayUseDesk, type Actor } from '../domain/actors.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { normaliseSurface, type PlaceChoice } from '../enrich/corrections.ts';
import { placeSlug } from '../enrich/entities.ts';
import type { Enricher } from '../enrich/pipeline.ts';
import { placeKey } from '../enrich/places/display-names.ts';
import type { PlaceMention } from '../enrich/types.ts';
import type { EnrichedUpdate, Store } from '../store/store.ts';
import type { EnrichmentWorker } from './enrichment-worker.ts';

/** Updates looked at to find a place and re-enriched after an edit: the newest, bounded. */
const UPDATES_NAMING = 500;
/** Updates enriched again before an edit returns, so the place's page shows it; the rest follow in the background. */
const REFRESHED_AT_ONCE = 50;
/** Longest displayed name (a place's name, not a sentence). */
export const MAX_PLACE_NAME = 120;

/** A place as the newsroom's place page shows it. */
export interface PlaceRecord {
  slug: string;
  place: PlaceMention;
  /** The spellings updates used for it. */
  spellings: string[];
  /** The newest updates naming it (any story status). */
  updates: EnrichedUpdate[];
}

/** What the place edits need. */
export interface PlaceEditDeps {
  store: Store;
  enricher: Enricher;
  enrichment: EnrichmentWorker;
}

/** Renames and pins places; every method checks the actor itself. */
export class PlaceEdits {
  readonly #deps: PlaceEditDeps;

  constructor(deps: PlaceEditDeps) {
    this.#deps = deps;
  }

  /** The place `slug` names (as its entity page does), for an editor of a desk whose updates name it. */
  async get(actor: Actor | null, slug: string): Promise<PlaceRecord> {
    const editor = requireActorRole(actor, 'editor');
    const updates = await this.#deps.store.enrichments.listByEntity({
      kind: 'place',
      slug,
      statuses: ['draft', 'live', 'ended'],
      limit: UPDATES_NAMING,
    });
    const mentions = updates.flatMap((u) =>
      u.enrichment.enrichment.places.filter((p) => placeSlug(p) === slug),
    );
    const place = mentions[0];
    if (!place) throw notFound('place');
    // A place is the deployment's: an editor limited to some desks may edit one their desks name.
    if (!updates.some((u) => mayUseDesk(editor, u.story.deskId)))
      throw new DomainError('forbidden', 'no update of your desks names this place', { field: 'desk' });
    const spellings = [...new Set(mentions.map((p) => normaliseSurface(p.matched)))];
    return { slug, place, spellings, updates };
  }

  /**
   * Shows the place as `name` from now on; every old spelling still finds it. Returns the place's new
   * slug (its page moves with its name).
   */
  async rename(actor: Actor | null, slug: string, name: string): Promise<{ slug: string; name: string }> {
    const record = await this.get(actor, slug);
    const editor = actor as Actor;
    const display = cleanName(name);
    const corrections = await this.#deps.store.corrections.list();
    // Renamed before: the key stays the gazetteer's place, whatever it is shown as now.
    const earlier = corrections.find(
      (c) =>
        c.field === 'display' &&
        c.target.name === record.place.name &&
        placeKey({ ...c.target.place, country: c.target.place.iso2, name: c.target.name }) ===
          placeKey(record.place),
    );
    const original: PlaceChoice =
      earlier?.field === 'display' ? earlier.target.place : await this.#choiceOf(record.place);
    await this.#deps.store.corrections.put({
      field: 'display',
      action: 'rename',
      surface: placeKey({ ...original, country: original.iso2 }),
      target: { place: original, name: display },
      updateId: record.updates[0]?.update.id ?? null,
      actor: editor.name,
    });
    await this.#deps.store.audit.record({
      actor: editor.name,
      actorKey: editor.key,
      action: 'place.renamed',
      target: slug,
      detail: { from: record.place.name, to: display, country: record.place.country },
    });
    await this.#refresh(record);
    return { slug: placeSlug({ ...record.place, name: display }), name: display };
  }

  /**
   * Pins a place at `lat`/`lon`: its spellings name this point from now on (a place of the deployment's
   * own), instead of an approximate position or none.
   */
  async pin(actor: Actor | null, slug: string, lat: number, lon: number): Promise<PlaceMention> {
    const record = await this.get(actor, slug);
    const editor = actor as Actor;
    if (record.place.kind === 'country') throw invalid('slug', 'a country cannot be pinned');
    const target: PlaceChoice = { ...(await this.#choiceOf(record.place)), kind: 'city', lat, lon };
    for (const surface of record.spellings)
      await this.#deps.store.corrections.put({
        field: 'place',
        action: 'choose',
        surface,
        target,
        updateId: record.updates[0]?.update.id ?? null,
        actor: editor.name,
      });
    await this.#deps.store.audit.record({
      actor: editor.name,
      actorKey: editor.key,
      action: 'place.pinned',
      target: slug,
      detail: {
        name: record.place.name,
        country: record.place.country,
        lat,
        lon,
        was: record.place.precision,
      },
    });
    await this.#refresh(record);
    // Updates that spell it but had it nowhere (no region named beside it) are placed too.
    this.#deps.enrichment.refreshNaming(record.spellings, '');
    return { ...record.place, kind: 'city', lat, lon, precision: 'city' };
  }

  async #refresh(record: PlaceRecord): Promise<void> {
    const updates = record.updates.map((u) => u.update);
    for (const update of updates.slice(0, REFRESHED_AT_ONCE)) await this.#deps.enrichment.refresh(update);
    this.#deps.enrichment.refreshUpdates(updates.slice(REFRESHED_AT_ONCE));
  }

  /** The place as a correction keeps it, with its region's code (the mention has the region's name). */
  async #choiceOf(place: PlaceMention): Promise<PlaceChoice> {
    const regionName = place.kind === 'region' ? place.name : place.admin1;
    const region =
      regionName === undefined
        ? undefined
        : this.#deps.enricher
            .placeCandidates(regionName, 20)
            .find((c) => c.kind === 'region' && c.iso2 === place.country && c.name === regionName);
    return {
      kind: place.kind,
      name: place.name,
      iso2: place.country,
      admin1Code: region?.admin1Code ?? '',
      lat: place.lat,
      lon: place.lon,
      population: 0,
    };
  }
}

/** A displayed name: one line of letters, not markup, within bounds. */
function cleanName(name: string): string {
  const trimmed = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (trimmed.length < 2) throw invalid('name', 'must be at least 2 characters');
  if (trimmed.length > MAX_PLACE_NAME) throw invalid('name', `must be at most ${MAX_PLACE_NAME} characters`);
  if (!/^\p{L}[\p{L}\p{M}\p{N} '’.,()-]*$/u.test(trimmed))
    throw invalid('name', "must start with a letter and hold only letters, digits, spaces and . , ' ( ) -");
  return trimmed;
}
