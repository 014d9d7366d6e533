/**
 * Enriches updates off the request path: subscribes to the live bus and, for every published or
 * edited update, extracts its people, places, dates and events and stores them. Saving is
 * idempotent (the newest update version wins), so every node of a deployment may run a worker.
 */
import type { Logger } from 'pino';
import type { LiveEvent, Update } from '../domain/types.ts';
import type { LiveBus } from '../live/bus.ts';
import type { Store } from '../store/store.ts';
import type { Enricher } from './pipeline.ts';
import { localIso, markdownToText } from './plain-text.ts';

/** How many missed updates one start-up catches up on (the oldest first); the rest wait for the next. */
const CATCH_UP_LIMIT = 2000;

/** What the worker needs, built by the composition root. */
export interface EnrichmentWorkerDeps {
  bus: LiveBus;
  store: Store;
  enricher: Enricher;
  logger: Logger;
}

/** A queue of updates to enrich, drained one at a time between other work. */
export class EnrichmentWorker {
  readonly #deps: EnrichmentWorkerDeps;
  readonly #queue: Update[] = [];
  #unsubscribe: (() => void) | undefined;
  #draining: Promise<void> | undefined;
  #catchingUp: Promise<void> | undefined;

  constructor(deps: EnrichmentWorkerDeps) {
    this.#deps = deps;
  }

  /**
   * Starts listening for published and edited updates, and queues what was missed while no
   * worker ran (updates from before the feature, or queued on a node that stopped).
   */
  start(): void {
    this.#unsubscribe = this.#deps.bus.subscribe((event) => this.#onEvent(event));
    this.#catchingUp = this.#catchUp().catch((error: unknown) =>
      this.#deps.logger.error({ err: error }, 'enrichment catch-up failed'),
    );
  }

  async #catchUp(): Promise<void> {
    const stale = await this.#deps.store.enrichments.listStale(CATCH_UP_LIMIT);
    if (stale.length > 0)
      this.#deps.logger.info(`enriching ${stale.length} updates published while no worker ran`);
    for (const update of stale) this.enqueue(update);
  }

  /** Queues one update (also used to enrich updates published before the worker ran). */
  enqueue(update: Update): void {
    this.#queue.push(update);
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
  }

  /** Resolves once every queued update is enriched and stored. */
  async idle(): Promise<void> {
    await this.#catchingUp;
    while (this.#draining) await this.#draining;
  }

  /** Stops listening and finishes what is queued. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    await this.idle();
  }

  #onEvent(event: LiveEvent): void {
    if (event.data.type === 'update' || event.data.type === 'edit') this.enqueue(event.data.update);
  }

  async #drain(): Promise<void> {
    for (let update = this.#queue.shift(); update; update = this.#queue.shift()) {
      // Yield first: the bus may call us inside the request that published the update.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await this.#enrich(update);
      } catch (error) {
        this.#deps.logger.error({ err: error, updateId: update.id }, 'enrichment failed');
      }
    }
  }

  async #enrich(update: Update): Promise<void> {
    const { store, enricher } = this.#deps;
    const story = await store.stories.getById(update.storyId);
    if (!story) return;
    const desk = story.deskId === null ? null : await store.desks.getById(story.deskId);
    const timeZone = desk?.timezone ?? 'UTC';
    // The desk's name ("Syria Daily") and the story's headline say which countries the story is about.
    const storyCountries = enricher
      .enrich(`${desk?.name ?? ''}. ${story.headline}`, { published: update.publishedAt })
      .countries.map((c) => c.iso2);
    const text = [update.headline ?? '', markdownToText(update.body)].filter((t) => t !== '').join('\n\n');
    const enrichment = enricher.enrich(text, {
      published: localIso(new Date(update.publishedAt), timeZone),
      storyCountries,
    });
    const { people, organizations } = enricher.versions;
    await store.enrichments.save({
      updateId: update.id,
      storyId: update.storyId,
      updateVersion: update.version,
      dataVersion: `people@${people},organizations@${organizations}`,
      enrichedAt: new Date().toISOString(),
      enrichment,
    });
  }
}
