/** The archive contract: public stories by desk and day, for archive pages and sitemaps, on every engine. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Desk, Story } from '../../src/domain/types.ts';
import type { NewStory, Store } from '../../src/store/store.ts';
import type { OpenWithClock } from './search-contract.ts';
import { content } from './store-contract.ts';

/** Runs the archive contract against stores made by `open`. */
export function runArchiveContract(name: string, open: OpenWithClock): void {
  describe(`archive contract: ${name}`, () => {
    let store: Store;
    let clock = new Date('2026-04-30T22:00:00.000Z');
    let desk: Desk;
    const s: Record<string, Story> = {};

    const story = (extra: Partial<NewStory> & { slug: string }) =>
      store.stories.create({
        deskId: desk.id,
        date: null,
        headline: extra.slug,
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
        ...extra,
      });

    before(async () => {
      store = await open(() => clock);
      desk = await store.desks.create({
        slug: 'syria',
        name: 'Syria Daily',
        description: '',
        timezone: 'UTC',
      });
      s['apr30'] = await story({ slug: '2026-04-30', date: '2026-04-30' });
      s['standalone'] = await story({ slug: 'offensive' }); // created 30 April UTC
      clock = new Date('2026-05-02T08:00:00.000Z');
      s['may1'] = await story({ slug: '2026-05-01', date: '2026-05-01', status: 'ended' });
      s['may2'] = await story({ slug: '2026-05-02', date: '2026-05-02' });
      s['draft'] = await story({ slug: '2026-05-03', date: '2026-05-03', status: 'draft' });
      await story({ deskId: null, slug: 'elsewhere' });
    });
    after(async () => {
      await store.close();
    });

    it('lists the days with public stories, newest first', async () => {
      assert.deepEqual(await store.archive.listDeskDays(desk.id), ['2026-05-02', '2026-05-01', '2026-04-30']);
    });

    it('lists a range of days, drafts and other desks left out', async () => {
      const may = await store.archive.listDeskStoriesBetween(desk.id, '2026-05-01', '2026-05-31');
      assert.deepEqual(
        may.map((story) => story.slug),
        ['2026-05-01', '2026-05-02'],
      );
      const april = await store.archive.listDeskStoriesBetween(desk.id, '2026-04-30', '2026-04-30');
      assert.deepEqual(new Set(april.map((story) => story.slug)), new Set(['2026-04-30', 'offensive']));
    });

    it('lists public stories for sitemaps, optionally only recent ones', async () => {
      const all = await store.archive.listPublic({ limit: 100 });
      assert.equal(all.length, 5);
      assert.ok(all.every(({ story }) => story.status !== 'draft'));
      assert.equal(all.find(({ story }) => story.slug === 'elsewhere')?.deskSlug, null);
      assert.equal(all.find(({ story }) => story.slug === '2026-05-02')?.deskSlug, 'syria');
      clock = new Date('2026-05-02T09:30:00.000Z');
      await store.updates.create(s['may2']!.id, content('An update'), 'desk');
      const may2 = (await store.archive.listPublic({ limit: 100 })).find(
        ({ story }) => story.slug === '2026-05-02',
      );
      assert.equal(may2?.lastChangedAt, '2026-05-02T09:30:00.000Z', 'an update changes the page');
      const recent = await store.archive.listPublic({ limit: 100, openedSince: '2026-05-01T00:00:00.000Z' });
      assert.deepEqual(
        new Set(recent.map(({ story }) => story.slug)),
        new Set(['2026-05-01', '2026-05-02', 'elsewhere']),
      );
    });
  });
}
