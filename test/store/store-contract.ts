/** The storage contract: every Store implementation must pass these. */
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { DomainError } from '../../src/domain/errors.ts';
import type { LiveEvent, UpdateContent } from '../../src/domain/types.ts';
import type { NewStory, Store } from '../../src/store/store.ts';

// What `new Date().toISOString()` gives; every engine must return timestamps exactly like this.
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Content of a plain update with `body`. */
export function content(body: string, extra: Partial<UpdateContent> = {}): UpdateContent {
  return {
    headline: null,
    body,
    bodyHtml: `<p>${body}</p>`,
    pinned: false,
    keyEvent: false,
    claimStatus: 'unverified',
    claimNote: '',
    sources: [],
    videoUrl: null,
    ...extra,
  };
}

/** Of settled results, the values of those that succeeded and the codes of those that failed. */
function outcomes<T>(results: PromiseSettledResult<T>[]): { values: T[]; codes: string[] } {
  const values: T[] = [];
  const codes: string[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') values.push(result.value);
    else if (result.reason instanceof DomainError) codes.push(result.reason.code);
    else throw result.reason;
  }
  return { values, codes };
}

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected a ${code} error`);
}

/** Runs the contract suite against stores made by `open` (each test group gets a fresh store). */
export function runStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    function newStory(slug: string, extra: Partial<NewStory> = {}) {
      return store.stories.create({
        deskId: null,
        slug,
        date: null,
        headline: slug,
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
        ...extra,
      });
    }

    it('creates desks and refuses a taken slug', async () => {
      const desk = await store.desks.create({
        slug: 'syria',
        name: 'Syria Daily',
        description: '',
        timezone: 'Asia/Damascus',
      });
      assert.equal((await store.desks.getBySlug('syria'))?.id, desk.id);
      assert.equal((await store.desks.getById(desk.id))?.timezone, 'Asia/Damascus');
      await rejectsWithCode(
        store.desks.create({ slug: 'syria', name: 'Other', description: '', timezone: 'UTC' }),
        'conflict',
      );
      assert.equal((await store.desks.list()).length, 1);
    });

    it('creates each daily page once, even when asked concurrently', async () => {
      const desk = await store.desks.create({
        slug: 'iran',
        name: 'Iran Daily',
        description: '',
        timezone: 'Asia/Tehran',
      });
      const header = {
        headline: 'Iran Daily, 27 May',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live' as const,
      };
      const pages = await Promise.all(
        [1, 2, 3].map(() => store.stories.getOrCreateDaily(desk.id, '2026-05-27', header)),
      );
      assert.equal(new Set(pages.map((p) => p.id)).size, 1);
      assert.equal(pages[0]?.date, '2026-05-27');
      assert.equal(pages[0]?.slug, '2026-05-27');
      assert.ok(pages[0]?.openedAt);
    });

    it('lists a desk’s days newest first with a cursor, hiding drafts from the public', async () => {
      const desk = await store.desks.create({
        slug: 'yemen',
        name: 'Yemen Daily',
        description: '',
        timezone: 'UTC',
      });
      const header = {
        headline: 'x',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live' as const,
      };
      for (const date of ['2026-05-01', '2026-05-03', '2026-05-02'])
        await store.stories.getOrCreateDaily(desk.id, date, header);
      await store.stories.getOrCreateDaily(desk.id, '2026-05-04', { ...header, status: 'draft' });
      const first = await store.stories.listByDesk(desk.id, { limit: 2, publicOnly: true });
      assert.deepEqual(
        first.items.map((s) => s.date),
        ['2026-05-03', '2026-05-02'],
      );
      assert.ok(first.nextCursor);
      const second = await store.stories.listByDesk(desk.id, {
        limit: 2,
        cursor: first.nextCursor,
        publicOnly: true,
      });
      assert.deepEqual(
        second.items.map((s) => s.date),
        ['2026-05-01'],
      );
      assert.equal(second.nextCursor, null);
      const all = await store.stories.listByDesk(desk.id, { limit: 10, publicOnly: false });
      assert.equal(all.items[0]?.date, '2026-05-04');
      await rejectsWithCode(
        store.stories.listByDesk(desk.id, { limit: 2, cursor: 'garbage', publicOnly: true }),
        'validation',
      );
    });

    it('keeps standalone story slugs unique and finds them without a desk', async () => {
      const story = await store.stories.create({
        deskId: null,
        slug: 'ceasefire-talks',
        date: null,
        headline: 'Ceasefire talks',
        standfirst: 'S',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });
      assert.equal((await store.stories.getBySlug(null, 'ceasefire-talks'))?.id, story.id);
      await rejectsWithCode(
        store.stories.create({
          deskId: null,
          slug: 'ceasefire-talks',
          date: null,
          headline: 'Again',
          standfirst: '',
          body: '',
          bodyHtml: '',
          topPhoto: null,
          status: 'live',
        }),
        'conflict',
      );
    });

    it('numbers updates and events per story, and logs every change as a revision', async () => {
      const story = await store.stories.create({
        deskId: null,
        slug: 'events',
        date: null,
        headline: 'Events',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });
      const a = await store.updates.create(story.id, content('first'), 'alice');
      const b = await store.updates.create(
        story.id,
        content('second', { pinned: true, keyEvent: true }),
        'bob',
      );
      assert.deepEqual([a.update.sequence, b.update.sequence], [1, 2]);
      assert.deepEqual([a.event.seq, b.event.seq], [1, 2]);
      assert.ok(b.event.globalId > a.event.globalId);

      const edited = await store.updates.edit(
        a.update.id,
        1,
        { body: 'first, corrected', claimStatus: 'verified' },
        'carol',
      );
      assert.equal(edited.update.version, 2);
      assert.equal(edited.update.body, 'first, corrected');
      assert.equal(edited.event.seq, 3);
      assert.equal(edited.event.data.type, 'edit');

      const stale = await rejectsWithCode(
        store.updates.edit(a.update.id, 1, { body: 'lost edit' }, 'dave'),
        'conflict',
      );
      assert.equal((stale.details.current as { body: string }).body, 'first, corrected');

      const deleted = await store.updates.delete(b.update.id, 'alice');
      assert.equal(deleted.event.seq, 4);
      assert.deepEqual(deleted.event.data, { type: 'delete', update: { id: b.update.id, sequence: 2 } });
      await rejectsWithCode(store.updates.delete(b.update.id, 'alice'), 'not_found');
      await rejectsWithCode(store.updates.edit(b.update.id, 2, { body: 'x' }, 'alice'), 'not_found');
      assert.ok((await store.updates.getById(b.update.id))?.deletedAt, 'a tombstone is kept');

      const list = await store.updates.listByStory(story.id, { limit: 10 });
      assert.deepEqual(
        list.items.map((u) => u.body),
        ['first, corrected'],
      );
      assert.equal(await store.updates.countByStory(story.id), 1);

      const revisions = await store.updates.listRevisions(a.update.id);
      assert.deepEqual(
        revisions.map((r) => [r.kind, r.actor, r.version]),
        [
          ['create', 'alice', 1],
          ['edit', 'carol', 2],
        ],
      );
      assert.deepEqual(revisions[1]?.changes.claimStatus, { from: 'unverified', to: 'verified' });
      assert.equal(revisions[1]?.changes.pinned, undefined, 'unchanged fields are not recorded');

      const events = await store.events.listAfter(story.id, 1, 10);
      assert.deepEqual(
        events.map((e) => [e.seq, e.data.type]),
        [
          [2, 'update'],
          [3, 'edit'],
          [4, 'delete'],
        ],
      );
      const global = await store.events.listAfterGlobal(a.event.globalId, 10);
      assert.deepEqual(
        global.map((e) => e.seq),
        [2, 3, 4],
      );
      assert.equal(await store.events.lastGlobalId(), deleted.event.globalId);
      assert.equal((await store.stories.getById(story.id))?.lastEventSeq, 4);
      assert.equal(await store.events.lastSeq(story.id), 4);
      assert.equal(await store.events.lastSeq('no-such-story'), 0);
    });

    it('refuses an update for a story that does not exist', async () => {
      await rejectsWithCode(store.updates.create('nope', content('x'), 'alice'), 'not_found');
    });

    it('paginates updates newest first, finds them by text, and highlights pinned and key events', async () => {
      const story = await store.stories.create({
        deskId: null,
        slug: 'paging',
        date: null,
        headline: 'Paging',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });
      for (let i = 1; i <= 5; i++)
        await store.updates.create(
          story.id,
          content(`u${i}`, { keyEvent: i % 2 === 0, pinned: i === 1 }),
          'a',
        );
      const p1 = await store.updates.listByStory(story.id, { limit: 2 });
      const p2 = await store.updates.listByStory(story.id, { limit: 2, cursor: p1.nextCursor });
      const p3 = await store.updates.listByStory(story.id, { limit: 2, cursor: p2.nextCursor });
      assert.deepEqual(
        [...p1.items, ...p2.items, ...p3.items].map((u) => u.body),
        ['u5', 'u4', 'u3', 'u2', 'u1'],
      );
      assert.equal(p3.nextCursor, null);
      // The updates before one of them (what the enrichment worker reads for a story's context).
      const before = await store.updates.listByStory(story.id, {
        limit: 10,
        beforeSequence: p2.items[0]!.sequence,
      });
      assert.deepEqual(
        before.items.map((u) => u.body),
        ['u2', 'u1'],
      );
      // An editor's find box: a case-insensitive substring of headline or body, paged the same way;
      // % and _ are plain characters.
      await store.updates.create(story.id, content('Drone strike near the PORT', { headline: 'Odesa' }), 'a');
      await store.updates.create(story.id, content('100% of the port is closed'), 'a');
      await store.updates.create(story.id, content('Port_3 reopened'), 'a');
      const found = await store.updates.listByStory(story.id, { limit: 2, contains: 'port' });
      const rest = await store.updates.listByStory(story.id, {
        limit: 2,
        contains: 'port',
        cursor: found.nextCursor,
      });
      assert.deepEqual(
        [...found.items, ...rest.items].map((u) => u.body),
        ['Port_3 reopened', '100% of the port is closed', 'Drone strike near the PORT'],
      );
      assert.equal(rest.nextCursor, null);
      const byHeadline = await store.updates.listByStory(story.id, { limit: 5, contains: 'odesa' });
      assert.deepEqual(
        byHeadline.items.map((u) => u.headline),
        ['Odesa'],
      );
      for (const literal of ['100%', 't_3'])
        assert.equal(
          (await store.updates.listByStory(story.id, { limit: 5, contains: literal })).items.length,
          1,
        );
      assert.equal((await store.updates.listByStory(story.id, { limit: 5, contains: '%' })).items.length, 1);
      const { pinned, keyEvents } = await store.updates.listHighlights(story.id);
      assert.deepEqual(
        pinned.map((u) => u.body),
        ['u1'],
      );
      assert.deepEqual(
        keyEvents.map((u) => u.body),
        ['u4', 'u2'],
      );
    });

    it('patches a story header with a version check and a story event', async () => {
      const story = await store.stories.create({
        deskId: null,
        slug: 'header',
        date: null,
        headline: 'Old',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });
      const { story: patched, event } = await store.stories.patch(story.id, 1, {
        headline: 'New',
        status: 'ended',
      });
      assert.equal(patched.headline, 'New');
      assert.equal(patched.version, 2);
      assert.ok(patched.endedAt);
      assert.equal(event.data.type, 'story');
      await rejectsWithCode(store.stories.patch(story.id, 1, { headline: 'Stale' }), 'conflict');
      assert.equal((await store.stories.getById(story.id))?.headline, 'New');
      const ended = await store.stories.listByStatus(['ended'], 10);
      assert.ok(ended.some((s) => s.id === story.id));
      const latest = await store.updates.listLatest(['live'], 50);
      assert.ok(latest.every((l) => l.story.status === 'live'));
    });

    it('stores only token hashes and finds tokens by them', async () => {
      const token = await store.tokens.create({ name: 'desk-bot', role: 'editor', secretHash: 'abc123' });
      assert.equal((await store.tokens.findBySecretHash('abc123'))?.id, token.id);
      assert.equal(await store.tokens.findBySecretHash('nope'), null);
      assert.deepEqual(
        (await store.tokens.list()).map((t) => t.name),
        ['desk-bot'],
      );
    });

    it('revokes tokens, refuses expired ones and records their last use (0050-token-expiry)', async () => {
      const lasting = await store.tokens.create({ name: 'lasting', role: 'admin', secretHash: 'h-lasting' });
      const brief = await store.tokens.create({
        name: 'brief',
        role: 'editor',
        secretHash: 'h-brief',
        expiresAt: '2030-01-01T00:00:00.000Z',
      });
      assert.equal(brief.expiresAt, '2030-01-01T00:00:00.000Z');
      assert.equal(
        (await store.tokens.findBySecretHash('h-brief', '2029-12-31T23:59:59.999Z'))?.id,
        brief.id,
      );
      assert.equal(await store.tokens.findBySecretHash('h-brief', '2030-01-01T00:00:00.000Z'), null);

      await store.tokens.touch(lasting.id, '2029-05-01T10:00:00.000Z');
      assert.equal((await store.tokens.getById(lasting.id))?.lastUsedAt, '2029-05-01T10:00:00.000Z');
      const revoked = await store.tokens.revoke(lasting.id, '2029-06-01T00:00:00.000Z');
      assert.equal(revoked?.revokedAt, '2029-06-01T00:00:00.000Z');
      assert.equal(await store.tokens.findBySecretHash('h-lasting', '2029-05-01T00:00:00.000Z'), null);
      // A second revocation keeps the first time; an unknown id is null.
      await store.tokens.revoke(lasting.id, '2029-07-01T00:00:00.000Z');
      assert.equal((await store.tokens.getById(lasting.id))?.revokedAt, '2029-06-01T00:00:00.000Z');
      assert.equal(await store.tokens.revoke('no-such-token', '2029-07-01T00:00:00.000Z'), null);
      const listed = await store.tokens.list();
      assert.deepEqual(
        listed
          .filter((t) => t.name !== 'desk-bot')
          .map((t) => [t.name, t.revokedAt !== null, t.expiresAt])
          .sort(),
        [
          ['brief', false, '2030-01-01T00:00:00.000Z'],
          ['lasting', true, null],
        ],
      );
    });

    it('returns what it stored: key order, JSON text and millisecond ISO timestamps', async () => {
      const topPhoto = { url: '/media/front.jpg', alt: 'A checkpoint', caption: 'Cap', credit: 'Desk' };
      const story = await newStory('fidelity', { topPhoto });
      assert.equal(JSON.stringify(await store.stories.getById(story.id)), JSON.stringify(story));
      const sources = [{ label: 'Ministry readout', url: 'https://example.org/readout' }];
      const { update, event } = await store.updates.create(
        story.id,
        content('x', { sources, pinned: true }),
        'alice',
      );
      const stored = await store.updates.getById(update.id);
      assert.deepEqual(stored, update);
      assert.equal(JSON.stringify(stored?.sources), JSON.stringify(sources));
      const [replayed] = await store.events.listAfter(story.id, 0, 1);
      assert.equal(
        JSON.stringify(replayed),
        JSON.stringify(event),
        'a replayed event serialises as it did live',
      );
      for (const at of [story.createdAt, story.openedAt, update.publishedAt, event.at, stored?.updatedAt])
        assert.match(at ?? '', ISO_MS);

      await store.updates.edit(
        update.id,
        1,
        {
          sources: [{ label: 'Ministry readout', url: 'https://example.org/readout' }],
          claimStatus: 'claimed',
        },
        'bob',
      );
      const [, revision] = await store.updates.listRevisions(update.id);
      assert.deepEqual(Object.keys(revision?.changes ?? {}), ['claimStatus'], 'same sources are no change');
      assert.match(revision?.at ?? '', ISO_MS);
    });

    it('lists stories most recently opened first, never-opened drafts last', async () => {
      const draft = await newStory('by-status-draft', { status: 'draft' });
      const live = await newStory('by-status-live');
      const ids = (await store.stories.listByStatus(['draft', 'live'], 100)).map((s) => s.id);
      assert.ok(ids.indexOf(live.id) >= 0 && ids.indexOf(live.id) < ids.indexOf(draft.id));
    });

    it('refuses a desk cursor naming a day that does not exist', async () => {
      const desk = await store.desks.create({ slug: 'cursor', name: 'C', description: '', timezone: 'UTC' });
      // A tampered cursor (the format is private, so this one is built by hand) is bad input, not a crash.
      const cursor = Buffer.from(JSON.stringify(['2026-02-30', 'x'])).toString('base64url');
      await rejectsWithCode(
        store.stories.listByDesk(desk.id, { limit: 2, cursor, publicOnly: true }),
        'validation',
      );
    });

    it('records a correction when the words change or a note is given, not for a claim change', async () => {
      const story = await newStory('corrections');
      const { update } = await store.updates.create(story.id, content('Shelling in Kharkiv'), 'alice');
      assert.deepEqual(update.corrections, []);
      const claim = await store.updates.edit(update.id, 1, { claimStatus: 'verified' }, 'bob');
      assert.deepEqual(claim.update.corrections, []);
      const fixed = await store.updates.edit(
        update.id,
        2,
        { body: 'Shelling in Kyiv' },
        'bob',
        undefined,
        ' Wrong city. ',
      );
      assert.deepEqual(fixed.update.corrections, [{ at: fixed.update.updatedAt, note: 'Wrong city.' }]);
      const again = await store.updates.edit(update.id, 3, { headline: 'Kyiv' }, 'bob');
      const stored = await store.updates.getById(update.id);
      assert.deepEqual(
        stored?.corrections?.map((c) => c.note),
        ['Wrong city.', ''],
      );
      assert.deepEqual(stored?.corrections, again.update.corrections);
      // The event carries them, so the live push shows what a reload does.
      const events = await store.events.listAfter(story.id, 0, 10);
      const last = events.at(-1)?.data;
      assert.ok(last?.type === 'edit');
      assert.deepEqual(last.update.corrections, stored?.corrections);
    });

    it('lets exactly one of concurrent edits from the same version win', async () => {
      const story = await newStory('race-edit');
      const { update } = await store.updates.create(story.id, content('base'), 'alice');
      const { values, codes } = outcomes(
        await Promise.allSettled(
          [1, 2, 3, 4, 5].map((i) => store.updates.edit(update.id, 1, { body: `edit ${i}` }, `e${i}`)),
        ),
      );
      assert.equal(values.length, 1);
      assert.deepEqual(codes, ['conflict', 'conflict', 'conflict', 'conflict']);
      const stored = await store.updates.getById(update.id);
      assert.equal(stored?.body, values[0]?.update.body);
      assert.equal(stored?.version, 2);
      assert.equal((await store.updates.listRevisions(update.id)).length, 2);
      assert.equal((await store.events.listAfter(story.id, 0, 10)).length, 2);
    });

    it('deletes once when asked to delete concurrently', async () => {
      const story = await newStory('race-delete');
      const { update } = await store.updates.create(story.id, content('doomed'), 'alice');
      const { values, codes } = outcomes(
        await Promise.allSettled([1, 2, 3, 4].map(() => store.updates.delete(update.id, 'alice'))),
      );
      assert.equal(values.length, 1);
      assert.deepEqual(codes, ['not_found', 'not_found', 'not_found']);
      const events = await store.events.listAfter(story.id, 0, 10);
      assert.deepEqual(
        events.map((e) => e.data.type),
        ['update', 'delete'],
      );
    });

    it('lets exactly one of concurrent header patches from the same version win', async () => {
      const story = await newStory('race-patch');
      const { values, codes } = outcomes(
        await Promise.allSettled(
          [1, 2, 3, 4].map((i) => store.stories.patch(story.id, 1, { headline: `headline ${i}` })),
        ),
      );
      assert.equal(values.length, 1);
      assert.deepEqual(codes, ['conflict', 'conflict', 'conflict']);
      assert.equal((await store.stories.getById(story.id))?.headline, values[0]?.story.headline);
    });

    it('keeps concurrent writes gap-free per story and the site-wide log readable from any last id', async () => {
      const stories = await Promise.all([1, 2, 3, 4].map((i) => newStory(`tail-${i}`)));
      const start = await store.events.lastGlobalId();
      const writers = 8;
      const perWriter = 25;
      let writing = true;
      // A reader that resumes from the last id it saw, as a node catching up on the log does.
      const tailed: LiveEvent[] = [];
      const reader = (async () => {
        let last = start;
        for (;;) {
          const finalPass = !writing;
          const batch = await store.events.listAfterGlobal(last, 1000);
          tailed.push(...batch);
          last = batch.at(-1)?.globalId ?? last;
          if (finalPass) return;
        }
      })();
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const story = stories[w % stories.length]!;
          for (let i = 0; i < perWriter; i++)
            await store.updates.create(story.id, content(`w${w}-${i}`), 'a');
        }),
      );
      writing = false;
      await reader;

      const all = await store.events.listAfterGlobal(start, 1000);
      assert.equal(all.length, writers * perWriter);
      assert.deepEqual(
        tailed.map((e) => e.globalId),
        all.map((e) => e.globalId),
        'the tailing reader missed or repeated an event',
      );
      for (let i = 1; i < all.length; i++) assert.ok(all[i]!.globalId > all[i - 1]!.globalId);
      const perStory = (writers / stories.length) * perWriter;
      const expected = Array.from({ length: perStory }, (_, i) => i + 1);
      for (const story of stories) {
        const events = all.filter((e) => e.storyId === story.id);
        assert.deepEqual(
          events.map((e) => e.seq),
          expected,
          'per-story seq follows the site-wide order without gaps',
        );
        const updates = events.map((e) => (e.data.type === 'update' ? e.data.update.sequence : 0));
        assert.deepEqual(updates, expected);
      }
    });
  });
}
