/** The EnrichmentStore contract: every engine must pass these. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Enrichment } from '../../src/enrich/types.ts';
import type { Store, StoredEnrichment } from '../../src/store/store.ts';
import { content } from './store-contract.ts';

const EMPTY: Enrichment = { people: [], organizations: [], countries: [], places: [], dates: [], events: [] };

function enrichmentOf(updateId: string, storyId: string, version: number, place: string): StoredEnrichment {
  return {
    updateId,
    storyId,
    updateVersion: version,
    dataVersion: 'people@1,organizations@1',
    enrichedAt: new Date().toISOString(),
    enrichment: {
      ...EMPTY,
      places: [
        {
          name: place,
          matched: place,
          kind: 'city',
          country: 'SD',
          lat: 14.2,
          lon: 24.66,
          precision: 'city',
        },
      ],
    },
  };
}

/** Runs the suite against stores made by `open`. */
export function runEnrichmentStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`enrichment store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    async function liveStoryWithUpdate(body: string) {
      const desk = await store.desks.create({
        slug: `sudan-${Math.random().toString(36).slice(2, 8)}`,
        name: 'Sudan Daily',
        description: '',
        timezone: 'Africa/Khartoum',
      });
      const story = await store.stories.create({
        deskId: desk.id,
        slug: 'day',
        date: '2026-05-27',
        headline: 'Sudan, 27 May',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });
      const { update } = await store.updates.create(story.id, content(body), 'editor');
      return { desk, story, update };
    }

    it('keeps the enrichment of the newest version, whatever order saves arrive in', async () => {
      const { story, update } = await liveStoryWithUpdate('RSF shelled Kutum.');
      assert.equal(await store.enrichments.get(update.id), null);
      assert.equal(await store.enrichments.save(enrichmentOf(update.id, story.id, 2, 'Kutum')), true);
      assert.equal(await store.enrichments.save(enrichmentOf(update.id, story.id, 1, 'Nyala')), false);
      const stored = await store.enrichments.get(update.id);
      assert.equal(stored?.updateVersion, 2);
      assert.equal(stored?.enrichment.places[0]?.name, 'Kutum');
      assert.deepEqual(stored?.enrichment, enrichmentOf(update.id, story.id, 2, 'Kutum').enrichment);
      // The same version again (another node, a retry) is accepted and changes nothing visible.
      assert.equal(await store.enrichments.save(enrichmentOf(update.id, story.id, 2, 'Kutum')), true);
      assert.equal(await store.enrichments.save(enrichmentOf(update.id, story.id, 3, 'Tawila')), true);
      assert.equal((await store.enrichments.get(update.id))?.enrichment.places[0]?.name, 'Tawila');
    });

    it('lists the updates whose current version has no enrichment, oldest first', async () => {
      const { story, update: done } = await liveStoryWithUpdate('Enriched.');
      const { update: never } = await store.updates.create(story.id, content('Never enriched.'), 'editor');
      const { update: edited } = await store.updates.create(story.id, content('Edited since.'), 'editor');
      const { update: gone } = await store.updates.create(story.id, content('Deleted.'), 'editor');
      await store.enrichments.save(enrichmentOf(done.id, story.id, 1, 'Kutum'));
      await store.enrichments.save(enrichmentOf(edited.id, story.id, 1, 'Kutum'));
      await store.updates.edit(
        edited.id,
        1,
        { body: 'Edited since, twice.', bodyHtml: '<p>Edited</p>' },
        'editor',
      );
      await store.updates.delete(gone.id, 'editor');
      const stale = (await store.enrichments.listStale(1000)).map((u) => u.id);
      assert.ok(stale.includes(never.id) && stale.includes(edited.id), JSON.stringify(stale));
      assert.ok(!stale.includes(done.id) && !stale.includes(gone.id));
      assert.ok(stale.indexOf(never.id) < stale.indexOf(edited.id));
      assert.equal((await store.enrichments.listStale(1)).length, 1);
    });

    it('lists enriched updates of public stories with their story and desk, newest first, without deleted ones', async () => {
      const { desk, story, update: first } = await liveStoryWithUpdate('First.');
      const { update: second } = await store.updates.create(story.id, content('Second.'), 'editor');
      const { update: gone } = await store.updates.create(story.id, content('Gone.'), 'editor');
      for (const u of [first, second, gone])
        await store.enrichments.save(enrichmentOf(u.id, story.id, 1, 'Kutum'));
      await store.updates.delete(gone.id, 'editor');
      const listed = await store.enrichments.listEnriched({ statuses: ['live'], limit: 10, deskId: desk.id });
      assert.deepEqual(
        listed.map((e) => e.update.id),
        [second.id, first.id],
      );
      assert.equal(listed[0]?.story.id, story.id);
      assert.equal(listed[0]?.desk?.slug, desk.slug);
      assert.equal(listed[0]?.enrichment.updateId, second.id);
      assert.deepEqual(
        await store.enrichments.listEnriched({ statuses: ['draft'], limit: 10, deskId: desk.id }),
        [],
      );
      assert.equal(
        (await store.enrichments.listEnriched({ statuses: ['live'], limit: 1, deskId: desk.id })).length,
        1,
      );
    });

    it('finds the updates naming an entity, newest first, only in the statuses asked and not deleted', async () => {
      const { story, update: first } = await liveStoryWithUpdate('In Kutum.');
      const { update: second } = await store.updates.create(story.id, content('Kutum again.'), 'editor');
      const { update: elsewhere } = await store.updates.create(story.id, content('Nyala.'), 'editor');
      const { update: gone } = await store.updates.create(story.id, content('Kutum, deleted.'), 'editor');
      await store.enrichments.save(enrichmentOf(first.id, story.id, 1, 'Kutum'));
      await store.enrichments.save(enrichmentOf(second.id, story.id, 1, 'Kutum'));
      await store.enrichments.save(enrichmentOf(elsewhere.id, story.id, 1, 'Nyala'));
      await store.enrichments.save(enrichmentOf(gone.id, story.id, 1, 'Kutum'));
      await store.updates.delete(gone.id, 'editor');
      const byKutum = await store.enrichments.listByEntity({
        kind: 'place',
        slug: 'kutum-sd',
        statuses: ['live'],
        limit: 10,
      });
      const ids = byKutum.map((e) => e.update.id);
      assert.ok(ids.indexOf(second.id) >= 0 && ids.indexOf(second.id) < ids.indexOf(first.id), String(ids));
      assert.ok(!ids.includes(elsewhere.id) && !ids.includes(gone.id));
      assert.deepEqual(
        await store.enrichments.listByEntity({
          kind: 'place',
          slug: 'kutum-sd',
          statuses: ['draft'],
          limit: 10,
        }),
        [],
      );
      // A new version that no longer names the place takes the update off the entity's list.
      await store.enrichments.save(enrichmentOf(first.id, story.id, 2, 'Nyala'));
      const after = await store.enrichments.listByEntity({
        kind: 'place',
        slug: 'kutum-sd',
        statuses: ['live'],
        limit: 10,
      });
      assert.ok(!after.some((e) => e.update.id === first.id));
      const many = await store.enrichments.getMany([first.id, elsewhere.id, 'nope']);
      assert.deepEqual([...many.keys()].sort(), [first.id, elsewhere.id].sort());
      assert.equal(many.get(first.id)?.enrichment.places[0]?.name, 'Nyala');
    });

    it('lets exactly one caller claim an update version, and another retake a stale claim', async () => {
      const { update } = await liveStoryWithUpdate('Claimed.');
      const past = new Date(Date.now() - 60_000).toISOString();
      const results = await Promise.all(
        ['a', 'b', 'c', 'd'].map((owner) => store.enrichments.claim(update.id, 1, owner, past)),
      );
      assert.equal(results.filter(Boolean).length, 1, String(results));
      assert.equal(
        await store.enrichments.claim(update.id, 2, 'b', past),
        true,
        'a new version is a new claim',
      );
      const future = new Date(Date.now() + 60_000).toISOString();
      assert.equal(
        await store.enrichments.claim(update.id, 1, 'e', future),
        true,
        'stale claims can be retaken',
      );
    });

    it('keeps one correction per field and spelling, the latest winning, and verdicts per update', async () => {
      const { update } = await liveStoryWithUpdate('Corrections.');
      const surface = `Palmyra-${Math.random().toString(36).slice(2, 8)}`;
      await store.corrections.put({
        field: 'place',
        action: 'reject',
        target: null,
        surface,
        updateId: update.id,
        actor: 'Editor One',
      });
      const chosen = await store.corrections.put({
        field: 'place',
        action: 'choose',
        target: {
          kind: 'city',
          name: 'Tadmur',
          iso2: 'SY',
          admin1Code: '08',
          lat: 34.56,
          lon: 38.28,
          population: 51323,
        },
        surface,
        updateId: update.id,
        actor: 'Editor Two',
      });
      await store.corrections.put({
        field: 'name',
        action: 'add',
        target: { kind: 'person', name: surface },
        surface,
        updateId: null,
        actor: 'Editor One',
      });
      const mine = (await store.corrections.list()).filter((c) => c.surface === surface);
      assert.equal(mine.length, 2);
      const place = mine.find((c) => c.field === 'place');
      assert.equal(place?.action, 'choose');
      assert.equal(place?.actor, 'Editor Two');
      assert.deepEqual(place?.target, chosen.target);
      assert.equal(await store.corrections.remove(chosen.id), true);
      assert.equal(await store.corrections.remove(chosen.id), false);
      assert.equal((await store.corrections.list()).filter((c) => c.surface === surface).length, 1);

      const at = new Date().toISOString();
      await store.corrections.review({
        updateId: update.id,
        item: 'dates:Saturday',
        verdict: 'confirmed',
        value: null,
        actor: 'A',
        at,
      });
      await store.corrections.review({
        updateId: update.id,
        item: 'events:It burned.',
        verdict: 'corrected',
        value: 'fight',
        actor: 'A',
        at,
      });
      await store.corrections.review({
        updateId: update.id,
        item: 'dates:Saturday',
        verdict: 'rejected',
        value: null,
        actor: 'B',
        at,
      });
      const reviews = await store.corrections.reviewsOf(update.id);
      assert.deepEqual(
        reviews.map((r) => [r.item, r.verdict, r.value, r.actor]),
        [
          ['dates:Saturday', 'rejected', null, 'B'],
          ['events:It burned.', 'corrected', 'fight', 'A'],
        ],
      );
    });
  });
}
