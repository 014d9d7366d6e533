/**
 * Enriches updates off the request path: subscribes to the live bus and, for every published or
 * edited update, extracts its people, places, dates and events and stores them, with the editors'
 * corrections applied. Every node of a deployment (and every worker of `serve --workers N`) hears
 * every event; a claim in the database makes exactly one of them enrich each update version.
 * Saving is idempotent too (the newest update version wins), so a retaken stale claim is harmless.
 */
import type { Logger } from 'pino';
import type { LiveEvent, Update } from '../domain/types.ts';
import type { LiveBus } from '../live/bus.ts';
import type { Store } from '../store/store.ts';
import type { Review } from '../enrich/corrections.ts';
import type { Enricher } from '../enrich/pipeline.ts';
import { candidateSpans, type ImportedPlaces } from '../enrich/places/imported-places.ts';
import type { Enrichment } from '../enrich/types.ts';
import { localIso } from '../enrich/local-time.ts';
import { markdownToText } from '../render/markdown.ts';
import { entitiesOf } from '../enrich/entities.ts';
import { contactItem } from '../enrich/suggestions.ts';
import { assignTemplates, contactsOf, statementContactsOf } from './contacts.ts';

/** How many missed updates one start-up catches up on (the oldest first); the rest wait for the next. */
const CATCH_UP_LIMIT = 2000;

/** The text of an update that is enriched: its headline and its body without Markdown. */
export function enrichmentText(update: Pick<Update, 'headline' | 'body'>): string {
  return [update.headline ?? '', markdownToText(update.body, { blocks: true })]
    .filter((t) => t !== '')
    .join('\n\n');
}

/**
 * After a gazetteer import, the newest updates looked at (of any story) for places it added, and how
 * many of them one check enriches again: the work is bounded per check, and the next check (every
 * COMMAND_LINE_POLL_MS, and at start-up) continues where it stopped, since each re-enriched update
 * records the gazetteer generation it was enriched with.
 */
const REENRICH_SCAN = 5000;
const REENRICH_BATCH = 200;
const COMMAND_LINE_POLL_MS = 30_000;

/** The gazetteer generation an enrichment was made with (0 before imports were recorded). */
export function gazetteerGenerationOf(dataVersion: string): number {
  return Number(/(?:^|,)gazetteer@(\d+)/.exec(dataVersion)?.[1] ?? 0);
}

/** A claim this old was left by a node that died before saving; another may take it over. */
const STALE_CLAIM_MS = 5 * 60_000;
/** How many of the story's updates before one lend it their people (a live page's last hours). */
const STORY_CONTEXT_UPDATES = 50;

/** Takes the editors' verdicts on this update's dates, events and contacts out of (or into) its enrichment. */
export function applyReviews(enrichment: Enrichment, reviews: readonly Review[]): Enrichment {
  if (reviews.length === 0) return enrichment;
  const verdict = new Map(reviews.map((r) => [r.item, r]));
  return {
    ...enrichment,
    dates: enrichment.dates.filter((d) => verdict.get(`dates:${d.text}`)?.verdict !== 'rejected'),
    events: enrichment.events.flatMap((e) => {
      const review = verdict.get(`events:${e.sentence}`);
      if (review?.verdict === 'rejected') return [];
      if (review?.verdict === 'corrected' && typeof review.value === 'string')
        return [{ ...e, type: review.value }];
      return [e];
    }),
    // A sentence whose event an editor rejected reports no contact either; a rejected contact is
    // dropped and a confirmed one marked, whenever the update is enriched again.
    ...(enrichment.contacts && {
      contacts: enrichment.contacts.flatMap((c) => {
        if (verdict.get(`events:${c.sentence}`)?.verdict === 'rejected') return [];
        const review = verdict.get(contactItem(c))?.verdict;
        if (review === 'rejected') return [];
        return review === 'confirmed' ? [{ ...c, source: 'confirmed' as const }] : [c];
      }),
    }),
  };
}

/** What the worker needs, built by the composition root. */
export interface EnrichmentWorkerDeps {
  bus: LiveBus;
  store: Store;
  enricher: Enricher;
  logger: Logger;
  /** Who claims updates: unique per process of the deployment. */
  owner?: string;
  /** Places imported with `dateline gazetteer import`, looked up per update. */
  importedPlaces?: ImportedPlaces;
  /** How often to look for what the command line changed (a finished gazetteer import, a statement added; default COMMAND_LINE_POLL_MS); 0: only at start. */
  commandLinePollMs?: number;
}

/** A queue of updates to enrich, drained one at a time between other work. */
export class EnrichmentWorker {
  readonly #deps: EnrichmentWorkerDeps;
  readonly #queue: Update[] = [];
  #unsubscribe: (() => void) | undefined;
  #draining: Promise<void> | undefined;
  #catchingUp: Promise<void> | undefined;
  /** Re-enrichment of earlier updates after a correction, one at a time. */
  #refreshing: Promise<void> = Promise.resolve();
  /** The gazetteer generation whose re-enrichment is complete; a check under way. */
  #settledGeneration = 0;
  #checking: Promise<number> | undefined;
  #gazetteerTimer: ReturnType<typeof setInterval> | undefined;
  #unsubscribePrivate: (() => void) | undefined;
  /** Reads of statements' contacts, one after another; whether one is waiting to start. */
  #statementReads: Promise<number> = Promise.resolve(0);
  #statementReadWaiting = false;

  constructor(deps: EnrichmentWorkerDeps) {
    this.#deps = deps;
  }

  /**
   * Starts listening for published and edited updates, and queues what was missed while no
   * worker ran (updates from before the feature, or queued on a node that stopped).
   */
  start(): void {
    this.#unsubscribe = this.#deps.bus.subscribe((event) => this.#onEvent(event));
    // A statement added on any node is announced on the bus; one read at start catches those added
    // while no worker ran (by the CLI) or whose announcement was missed.
    this.#unsubscribePrivate = this.#deps.bus.subscribePrivate((event) => {
      if (event.kind === 'statement') void this.readStatements();
    });
    this.#catchingUp = this.#catchUp().catch((error: unknown) =>
      this.#deps.logger.error({ err: error }, 'enrichment catch-up failed'),
    );
    void this.readStatements();
    const checkGazetteer = () => {
      if (!this.#deps.importedPlaces) return;
      void this.checkGazetteer().catch((error: unknown) =>
        this.#deps.logger.error({ err: error }, 're-enrichment after a gazetteer import failed'),
      );
    };
    // A re-enrichment an earlier process left unfinished continues now.
    checkGazetteer();
    // The command line, run beside a server, changes the database without a bus: a gazetteer import
    // or a statement added there is looked for every COMMAND_LINE_POLL_MS (what a server does is announced).
    const every = this.#deps.commandLinePollMs ?? COMMAND_LINE_POLL_MS;
    if (every > 0) {
      this.#gazetteerTimer = setInterval(() => {
        checkGazetteer();
        void this.readStatements();
      }, every);
      this.#gazetteerTimer.unref();
    }
  }

  /**
   * Once a gazetteer import has finished (by the CLI, in another process), enriches again the
   * updates that spell a place it added, so the map uses the imported places at once: at most `batch`
   * of them per call, the newest first; resolves to how many it enriched. Called every
   * COMMAND_LINE_POLL_MS; a later call continues an unfinished run (after a restart too).
   */
  checkGazetteer(batch = REENRICH_BATCH): Promise<number> {
    this.#checking ??= this.#checkGazetteer(batch).finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #checkGazetteer(batch: number): Promise<number> {
    const { store, importedPlaces } = this.#deps;
    if (!importedPlaces) return 0;
    const generation = await store.gazetteer.generation();
    if (generation === 0 || generation === this.#settledGeneration) return 0;
    // An import still running (or interrupted, to be resumed) bumps the generation every batch.
    if ((await store.gazetteer.imports()).some((i) => i.finishedAt === null)) return 0;
    const recent = await store.enrichments.listEnriched({
      statuses: ['draft', 'live', 'ended'],
      limit: REENRICH_SCAN,
    });
    let done = 0;
    for (const { update, enrichment } of recent) {
      if (gazetteerGenerationOf(enrichment.dataVersion) >= generation) continue;
      const found = await importedPlaces.lookup(candidateSpans(enrichmentText(update)));
      if (!found || found.size === 0) continue;
      if (done >= batch) return done;
      await this.#enrich(update, false);
      done++;
    }
    this.#settledGeneration = generation;
    if (done > 0) this.#deps.logger.info(`enriched ${done} updates again with newly imported places`);
    return done;
  }

  async #catchUp(): Promise<void> {
    const stale = await this.#deps.store.enrichments.listStale(CATCH_UP_LIMIT);
    if (stale.length > 0)
      this.#deps.logger.info(`enriching ${stale.length} updates published while no worker ran`);
    for (const update of stale) this.enqueue(update);
    // Updates enriched before contacts were extracted get theirs once (no claim: saving is idempotent).
    const before = await this.#deps.store.contacts.listUnextracted(CATCH_UP_LIMIT);
    for (const update of before)
      this.#refreshing = this.#refreshing
        .then(() => this.refresh(update))
        .catch((error: unknown) =>
          this.#deps.logger.error({ err: error, updateId: update.id }, 'enrichment failed'),
        );
  }

  /**
   * Extracts the contacts of statements never read (added by feeds, editors or the CLI, on any node),
   * oldest first, `batch` at a time until none is left; resolves to how many it read. Called at start
   * and whenever the bus announces a statement. A call made while a read runs starts another after it
   * (the running one may have listed before the new statement was stored); calls made while that one
   * waits share it. Storing is idempotent, so two nodes reading one statement at once store it once.
   */
  readStatements(batch = CATCH_UP_LIMIT): Promise<number> {
    if (!this.#statementReadWaiting) {
      this.#statementReadWaiting = true;
      this.#statementReads = this.#statementReads.then(async () => {
        this.#statementReadWaiting = false;
        let read = 0;
        try {
          for (let n = batch; n === batch; read += n) n = await this.#readStatements(batch);
        } catch (error) {
          this.#deps.logger.error({ err: error }, "reading statements' contacts failed");
        }
        return read;
      });
    }
    return this.#statementReads;
  }

  async #readStatements(batch: number): Promise<number> {
    const { store, enricher } = this.#deps;
    const statements = await store.contacts.listUnextractedStatements(batch);
    for (const statement of statements) {
      const enrichment = enricher.enrich(statement.text, { published: statement.publishedAt });
      await store.contacts.replaceForStatement(
        statement.id,
        await assignTemplates(store.contacts, statementContactsOf(statement, enrichment)),
      );
    }
    return statements.length;
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
    await this.#refreshing;
    await this.#statementReads;
    while (this.#draining) await this.#draining;
  }

  /** Stops listening and finishes what is queued. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribePrivate?.();
    clearInterval(this.#gazetteerTimer);
    await this.#checking;
    await this.#statementReads;
    await this.idle();
  }

  /**
   * Enriches one update again now, with the corrections as they stand (an editor just made one),
   * whoever enriched it before; resolves once it is stored.
   */
  async refresh(update: Update): Promise<void> {
    await this.#enrich(update, false);
  }

  /**
   * In the background, enriches again the most recent updates (up to `limit`, any story status)
   * whose text contains one of `spellings`, so a correction reaches the map, the export and the
   * entity pages for what was already published, not only for what comes next.
   */
  refreshNaming(spellings: string[], exceptId: string, limit = 500): void {
    if (spellings.length === 0) return;
    this.#refreshing = this.#refreshing.then(async () => {
      try {
        const recent = await this.#deps.store.enrichments.listEnriched({
          statuses: ['draft', 'live', 'ended'],
          limit,
        });
        for (const { update } of recent) {
          if (update.id === exceptId) continue;
          const text = enrichmentText(update);
          if (spellings.some((s) => text.includes(s))) await this.#enrich(update, false);
        }
      } catch (error) {
        this.#deps.logger.error({ err: error }, 're-enrichment after a correction failed');
      }
    });
  }

  /**
   * In the background, enriches `updates` again with the corrections as they stand (a place was
   * renamed or pinned), one at a time after what is already being refreshed.
   */
  refreshUpdates(updates: readonly Update[]): void {
    if (updates.length === 0) return;
    this.#refreshing = this.#refreshing.then(async () => {
      for (const update of updates)
        try {
          await this.#enrich(update, false);
        } catch (error) {
          this.#deps.logger.error({ err: error, updateId: update.id }, 're-enrichment failed');
        }
    });
  }

  #onEvent(event: LiveEvent): void {
    if (event.data.type === 'update' || event.data.type === 'edit') this.enqueue(event.data.update);
    else if (event.data.type === 'delete') {
      const { id, sequence } = event.data.update;
      this.#deps.store.contacts.removeForUpdate(id).catch((error: unknown) => {
        this.#deps.logger.error({ err: error }, "removing a deleted update's contacts failed");
      });
      // A name only the deleted update wrote out must leave the later updates it was lent to.
      this.#refreshing = this.#refreshing.then(async () => {
        try {
          const gone = await this.#deps.store.enrichments.getMany([id]);
          const names = (gone.get(id)?.enrichment.people ?? []).map((p) => p.name);
          await this.#refreshLater(event.storyId, sequence, names, []);
        } catch (error) {
          this.#deps.logger.error({ err: error, updateId: id }, 're-enrichment after a delete failed');
        }
      });
    }
  }

  /**
   * After the people of the update at `sequence` changed, enriches again the story's later updates
   * that borrowed one of `removed` (named there, not in their own text) or that write the surname of
   * one of `added` alone: the people a story's earlier updates lend stay true to what they now say.
   */
  async #refreshLater(
    storyId: string,
    sequence: number,
    removed: readonly string[],
    added: readonly string[],
  ): Promise<void> {
    if (removed.length === 0 && added.length === 0) return;
    const { store } = this.#deps;
    // Most updates are the story's newest: one row says so.
    const newest = (await store.updates.listByStory(storyId, { limit: 1 })).items[0];
    if (!newest || newest.sequence <= sequence) return;
    // Those whose window of STORY_CONTEXT_UPDATES earlier updates holds this one (deleted ones leave gaps).
    const { items } = await store.updates.listByStory(storyId, {
      limit: 2 * STORY_CONTEXT_UPDATES,
      beforeSequence: sequence + 2 * STORY_CONTEXT_UPDATES + 1,
    });
    const later = items.filter((u) => u.sequence > sequence);
    const stored = await store.enrichments.getMany(later.map((u) => u.id));
    const surnames = added.flatMap((name) => (name.includes(' ') ? [name.split(' ').at(-1) ?? ''] : []));
    const stale = later.filter((u) => {
      const text = enrichmentText(u);
      const borrowed = (stored.get(u.id)?.enrichment.people ?? []).some(
        (p) => removed.includes(p.name) && !text.includes(p.name),
      );
      return borrowed || surnames.some((s) => s.length > 0 && text.includes(s));
    });
    for (const u of stale.reverse()) await this.#enrich(u, false);
  }

  async #drain(): Promise<void> {
    for (let update = this.#queue.shift(); update; update = this.#queue.shift()) {
      // Yield first: the bus may call us inside the request that published the update.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await this.#enrich(update, true);
      } catch (error) {
        this.#deps.logger.error({ err: error, updateId: update.id }, 'enrichment failed');
      }
    }
  }

  /**
   * The people the story's updates before this one named, latest first (as their stored enrichments
   * have them, editors' rejections applied): "Votel said" in a later update is the general an earlier
   * one named in full.
   */
  async #storyPeople(update: Update): Promise<string[]> {
    const { store } = this.#deps;
    const { items: earlier } = await store.updates.listByStory(update.storyId, {
      limit: STORY_CONTEXT_UPDATES,
      beforeSequence: update.sequence,
    });
    const stored = await store.enrichments.getMany(earlier.map((u) => u.id));
    const names = new Set<string>();
    for (const u of earlier)
      for (const person of stored.get(u.id)?.enrichment.people ?? []) names.add(person.name);
    return [...names];
  }

  async #enrich(update: Update, claim: boolean): Promise<void> {
    const { store, enricher } = this.#deps;
    if (claim) {
      const owner = this.#deps.owner ?? `pid:${process.pid}`;
      const staleBefore = new Date(Date.now() - STALE_CLAIM_MS).toISOString();
      if (!(await store.enrichments.claim(update.id, update.version, owner, staleBefore))) {
        this.#deps.logger.debug(
          { updateId: update.id, version: update.version },
          'enrichment claimed by another process',
        );
        return;
      }
    }
    const story = await store.stories.getById(update.storyId);
    if (!story) return;
    const desk = story.deskId === null ? null : await store.desks.getById(story.deskId);
    const timeZone = desk?.timezone ?? 'UTC';
    // The desk's name ("Syria Daily") and the story's headline say which countries the story is about.
    const storyCountries = enricher
      .enrich(`${desk?.name ?? ''}. ${story.headline}`, { published: update.publishedAt })
      .countries.map((c) => c.iso2);
    const text = enrichmentText(update);
    const [corrections, reviews, importedPlaces, gazetteer, storyPeople] = await Promise.all([
      store.corrections.list(),
      store.corrections.reviewsOf(update.id),
      this.#deps.importedPlaces?.lexiconFor(text),
      this.#deps.importedPlaces ? store.gazetteer.generation() : 0,
      this.#storyPeople(update),
    ]);
    const enrichment = applyReviews(
      enricher.enrich(text, {
        published: localIso(new Date(update.publishedAt), timeZone),
        storyCountries,
        corrections: enricher.compile(corrections),
        ...(importedPlaces && { importedPlaces }),
        storyPeople,
      }),
      reviews,
    );
    const { people, organizations } = enricher.versions;
    // Published or edited now (not a refresh): the later updates of its story may borrow other people.
    const before = claim ? (await store.enrichments.getMany([update.id])).get(update.id) : undefined;
    const saved = await store.enrichments.save({
      updateId: update.id,
      storyId: update.storyId,
      updateVersion: update.version,
      dataVersion: `people@${people},organizations@${organizations},corrections@${corrections.length},gazetteer@${gazetteer}`,
      enrichedAt: new Date().toISOString(),
      enrichment,
    });
    this.#deps.logger.debug({ updateId: update.id, version: update.version, saved }, 'enriched update');
    if (!saved) return;
    if (claim) {
      const was = new Set((before?.enrichment.people ?? []).map((p) => p.name));
      const now = new Set(enrichment.people.map((p) => p.name));
      await this.#refreshLater(
        update.storyId,
        update.sequence,
        [...was].filter((n) => !now.has(n)),
        [...now].filter((n) => !was.has(n)),
      );
    }
    await store.contacts.replaceForUpdate(
      update.id,
      update.version,
      await assignTemplates(store.contacts, contactsOf(update, enrichment, timeZone)),
    );
    const notice = { storyId: update.storyId, updateId: update.id, updateVersion: update.version };
    // Every node's newsroom streams (suggestions) and open reader pages (names now link) hear of it.
    const namesLinked = entitiesOf(enrichment).length > 0;
    await this.#deps.bus
      .publishPrivate({ kind: 'enriched', ...notice, namesLinked })
      .catch((error: unknown) => {
        this.#deps.logger.warn({ err: error, updateId: update.id }, 'could not announce an enrichment');
      });
  }
}
