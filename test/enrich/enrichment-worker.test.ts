import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { EnrichmentWorker } from '../../src/service/enrichment-worker.ts';
import { loadEnricher } from '../../src/enrich/pipeline.ts';
import { MemoryBus } from '../../src/live/memory/memory-bus.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { content } from '../store/store-contract.ts';
import { createTempDir } from '../support/temp-dir.ts';

/** A worker with the shipped enricher, listening on `bus`. */
const startWorker = (store: Store, bus = new MemoryBus()) => {
  const worker = new EnrichmentWorker({
    bus,
    store,
    enricher: loadEnricher(),
    logger: pino({ level: 'silent' }),
  });
  worker.start();
  return worker;
};

/** A live story on no desk. */
const liveStory = (store: Store, slug: string, headline: string) =>
  store.stories.create({
    deskId: null,
    slug,
    date: null,
    headline,
    standfirst: '',
    body: '',
    bodyHtml: '',
    topPhoto: null,
    status: 'live',
  });

describe('enrichment worker', () => {
  it('catches up at start on updates published while no worker ran, in the desk time zone', async () => {
    const store = await openSqliteStore({ filename: join(createTempDir(), 'dateline.db') });
    try {
      const desk = await store.desks.create({
        slug: 'syria-daily',
        name: 'Syria Daily',
        description: '',
        timezone: 'Asia/Damascus',
      });
      const story = await store.stories.create({
        deskId: desk.id,
        slug: 'day',
        date: null,
        headline: 'Live',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });
      // Written straight to the store: no bus event, as if the worker had been down.
      const { update } = await store.updates.create(
        story.id,
        content('Islamic State attacked an army post outside **Quneitra** today.'),
        'editor',
      );
      const worker = startWorker(store);
      await worker.idle();
      const stored = await store.enrichments.get(update.id);
      assert.equal(stored?.updateVersion, 1);
      // Only the desk's name puts the story in Syria; a town this small is not pinned without it.
      assert.deepEqual(
        stored?.enrichment.places.map((p) => [p.name, p.country]),
        [['Al Qunaytirah', 'SY']],
      );
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Damascus' }).format(
        new Date(update.publishedAt),
      );
      assert.equal(stored?.enrichment.dates[0]?.start, today);
      assert.match(stored?.dataVersion ?? '', /^people@.+,organizations@.+$/);
      await worker.close();
    } finally {
      await store.close();
    }
  });

  it('gives updates enriched before contacts were extracted their contacts at start', async () => {
    const store = await openSqliteStore({ filename: join(createTempDir(), 'dateline.db') });
    try {
      const story = await liveStory(store, 'talks', 'Talks');
      const { update } = await store.updates.create(
        story.id,
        content('Trump called Putin on Tuesday.'),
        'editor',
      );
      // Stored as an earlier release did: current, but without the `contacts` field.
      await store.enrichments.save({
        updateId: update.id,
        storyId: story.id,
        updateVersion: update.version,
        dataVersion: 'people@1,organizations@1',
        enrichedAt: new Date().toISOString(),
        enrichment: { people: [], organizations: [], countries: [], places: [], dates: [], events: [] },
      });
      assert.deepEqual((await store.contacts.list({}, { limit: 10 })).items, []);
      const worker = startWorker(store);
      await worker.idle();
      const listed = (await store.contacts.list({}, { limit: 10 })).items;
      assert.deepEqual(
        listed.map((c) => [c.a.name, c.b.name, c.kind, c.updateId]),
        [['Donald Trump', 'Vladimir Putin', 'call', update.id]],
      );
      assert.deepEqual(await store.contacts.listUnextracted(10), []);
      await worker.close();
    } finally {
      await store.close();
    }
  });

  it("links a surname alone to the person an earlier update of the same story named, and no other story's", async () => {
    const store = await openSqliteStore({ filename: join(createTempDir(), 'dateline.db') });
    try {
      const strikes = await liveStory(store, 'strikes', 'Coalition strikes');
      const other = await liveStory(store, 'other', 'Coalition strikes');
      await store.updates.create(
        strikes.id,
        content('Gen. Maren Holloway, the task force commander, briefed reporters in Baghdad.'),
        'editor',
      );
      const later = 'Holloway said the strikes would go on.';
      const { update: follow } = await store.updates.create(strikes.id, content(later), 'editor');
      const { update: elsewhere } = await store.updates.create(other.id, content(later), 'editor');
      const worker = startWorker(store);
      await worker.idle();
      const people = async (id: string) =>
        (await store.enrichments.get(id))?.enrichment.people.map((p) => [p.name, p.matched]);
      assert.deepEqual(await people(follow.id), [['Maren Holloway', ['Holloway']]]);
      // Another story never named her: "Holloway" alone there is nobody the page can link.
      assert.deepEqual(await people(elsewhere.id), []);
      await worker.close();
    } finally {
      await store.close();
    }
  });

  it('takes a borrowed name back from later updates when the update that wrote it out is deleted; an edit lends it again', async () => {
    const store = await openSqliteStore({ filename: join(createTempDir(), 'dateline.db') });
    try {
      const story = await liveStory(store, 'strikes', 'Coalition strikes');
      const post = (body: string) => store.updates.create(story.id, content(body), 'editor');
      const { update: brief } = await post('The task force commander briefed reporters.');
      const { update: named } = await post('Gen. Maren Holloway, the task force commander, flew to Baghdad.');
      const { update: follow } = await post('Holloway said the strikes would go on.');
      const bus = new MemoryBus();
      const worker = startWorker(store, bus);
      await worker.idle();
      const people = async (id: string) =>
        (await store.enrichments.get(id))?.enrichment.people.map((p) => p.name);
      assert.deepEqual(await people(follow.id), ['Maren Holloway']);

      // The desk deletes the update that named her (to protect her, say): the later one forgets her.
      await bus.publish((await store.updates.delete(named.id, 'editor')).event);
      await worker.idle();
      assert.deepEqual(await people(follow.id), []);

      // An earlier update edited to write her name out lends it again.
      const edited = await store.updates.edit(
        brief.id,
        brief.version,
        { body: 'Gen. Maren Holloway, the task force commander, briefed reporters.' },
        'editor',
      );
      await bus.publish(edited.event);
      await worker.idle();
      assert.deepEqual(await people(follow.id), ['Maren Holloway']);
      await worker.close();
    } finally {
      await store.close();
    }
  });
});
