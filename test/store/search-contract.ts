/** The search contract: every SearchStore (SQLite FTS5, PostgreSQL tsvector) must pass these. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Desk, Story, Update } from '../../src/domain/types.ts';
import type { SearchQuery } from '../../src/store/search.ts';
import type { NewStory, Store } from '../../src/store/store.ts';
import { content } from './store-contract.ts';

/** Opens a fresh store whose clock reads `now()`. */
export type OpenWithClock = (now: () => Date) => Promise<Store>;

/** Runs the search contract against stores made by `open`. */
export function runSearchContract(name: string, open: OpenWithClock): void {
  describe(`search contract: ${name}`, () => {
    let store: Store;
    let clock = new Date('2026-05-20T09:00:00.000Z');
    let syria: Desk;
    let iran: Desk;
    let syriaDay: Story;
    let iranDay: Story;
    const u: Record<string, Update> = {};

    const newStory = (extra: Partial<NewStory> & { slug: string }) =>
      store.stories.create({
        deskId: null,
        date: null,
        headline: extra.slug,
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
        ...extra,
      });
    const search = (text: string, extra: Partial<SearchQuery> = {}) =>
      store.search.search({ text, limit: 20, offset: 0, ...extra });
    const ids = async (text: string, extra: Partial<SearchQuery> = {}) =>
      (await search(text, extra)).hits.map((hit) => hit.id);

    before(async () => {
      store = await open(() => clock);
      syria = await store.desks.create({
        slug: 'syria',
        name: 'Syria Daily',
        description: '',
        timezone: 'UTC',
      });
      iran = await store.desks.create({ slug: 'iran', name: 'Iran Daily', description: '', timezone: 'UTC' });
      syriaDay = await newStory({
        deskId: syria.id,
        slug: '2026-05-20',
        date: '2026-05-20',
        headline: 'Syria Daily, 20 May',
        standfirst: 'Negotiators gather in Geneva',
      });
      const add = async (
        key: string,
        story: Story,
        body: string,
        extra: Parameters<typeof content>[1] = {},
      ) => {
        u[key] = (await store.updates.create(story.id, content(body, extra), 'desk')).update;
      };
      await add('headline', syriaDay, 'Both sides confirm the pause from midnight.', {
        headline: 'Ceasefire announced in Idlib',
        keyEvent: true,
        claimStatus: 'verified',
      });
      await add(
        'mention',
        syriaDay,
        'Local councils report shelling overnight; residents fear the ceasefire will not hold for long.',
        { claimStatus: 'claimed' },
      );
      await add('markup', syriaDay, 'Shelling near <b>Maarat</b> & "the ridge", said **officials**.', {
        claimStatus: 'disputed',
      });
      await add('phrase', syriaDay, 'The foreign minister spoke by phone with his counterpart.');
      await add('reversed', syriaDay, 'A minister from abroad, foreign to the talks, phoned in.');
      clock = new Date('2026-05-24T10:00:00.000Z');
      iranDay = await newStory({
        deskId: iran.id,
        slug: '2026-05-24',
        date: '2026-05-24',
        headline: 'Iran Daily, 24 May',
        standfirst: 'Talks on the nuclear file resume',
      });
      await add('iran', iranDay, 'Delegations hold talks on the ceasefire proposal in Muscat.');
      const draft = await newStory({ slug: 'draft', headline: 'Ceasefire draft plan', status: 'draft' });
      await add('draft', draft, 'An unpublished ceasefire note.');
    });
    after(async () => {
      await store.close();
    });

    it('finds updates and stories by words, stemmed, best match first', async () => {
      const found = await ids('ceasefire');
      assert.deepEqual(new Set(found), new Set([u['headline']!.id, u['mention']!.id, u['iran']!.id]));
      assert.equal(found[0], u['headline']!.id, 'a headline match ranks first');
      assert.ok((await ids('talk')).includes(u['iran']!.id), 'talk finds talks');
      assert.ok((await ids('negotiator')).includes(syriaDay.id), 'a story by its standfirst');
      assert.ok((await ids('nuclear')).includes(iranDay.id));
    });

    it('needs every word, keeps phrases in order and leaves out -excluded words', async () => {
      assert.deepEqual(await ids('shelling ceasefire'), [u['mention']!.id]);
      assert.deepEqual(await ids('"foreign minister"'), [u['phrase']!.id]);
      assert.deepEqual(new Set(await ids('foreign minister')), new Set([u['phrase']!.id, u['reversed']!.id]));
      assert.deepEqual(await ids('shelling -ceasefire'), [u['markup']!.id]);
      assert.deepEqual(await ids('" * NEAR( -'), await ids('near'), 'search syntax is plain text');
      assert.deepEqual(await ids('zanzibar'), []);
    });

    it('returns snippets with matches marked and everything else escaped', async () => {
      const [hit] = (await search('maarat')).hits;
      assert.ok(hit);
      assert.match(hit.snippetHtml, /<mark>Maarat<\/mark>/);
      // Engines differ on tags in the source (FTS5 keeps them as text, ts_headline drops them); neither
      // may pass one through.
      assert.match(hit.snippetHtml, /&amp; &quot;the ridge&quot;/, 'text is escaped');
      assert.doesNotMatch(hit.snippetHtml.replace(/<\/?mark>/g, ''), /</, 'no other tags');
      assert.doesNotMatch(hit.snippetHtml, /\*\*/, 'Markdown punctuation dropped');
      const [titled] = (await search('idlib')).hits;
      assert.match(titled?.titleHtml ?? '', /<mark>Idlib<\/mark>/);
      assert.equal(titled?.story?.deskSlug, 'syria');
      assert.equal(titled?.story?.slug, '2026-05-20');
      assert.equal(titled?.claimStatus, 'verified');
      assert.equal(titled?.keyEvent, true);
    });

    it('keeps the index in step with edits and deletions, and never shows drafts', async () => {
      const edited = await store.updates.edit(
        u['phrase']!.id,
        1,
        { body: 'The envoy called from Ankara.' },
        'desk',
      );
      assert.deepEqual(await ids('ankara'), [edited.update.id]);
      assert.deepEqual(await ids('"foreign minister"'), []);
      await store.updates.delete(u['reversed']!.id, 'desk');
      assert.deepEqual(await ids('phoned'), []);
      assert.ok(!(await ids('unpublished')).includes(u['draft']!.id));
      const patched = await store.stories.patch(iranDay.id, iranDay.version, {
        standfirst: 'Oman hosts the talks',
      });
      assert.ok((await ids('oman')).includes(patched.story.id));
    });

    it('filters by desk, date range, claim status and key events', async () => {
      assert.deepEqual(await ids('ceasefire', { deskSlug: 'iran' }), [u['iran']!.id]);
      assert.deepEqual(
        new Set(await ids('ceasefire', { from: '2026-05-19', to: '2026-05-20' })),
        new Set([u['headline']!.id, u['mention']!.id]),
      );
      assert.deepEqual(await ids('ceasefire', { from: '2026-05-21' }), [u['iran']!.id]);
      assert.deepEqual(await ids('shelling', { claimStatuses: ['disputed'] }), [u['markup']!.id]);
      assert.deepEqual(
        new Set(await ids('shelling', { claimStatuses: ['disputed', 'claimed'] })),
        new Set([u['markup']!.id, u['mention']!.id]),
      );
      assert.deepEqual(await ids('ceasefire', { keyEventsOnly: true }), [u['headline']!.id]);
      assert.deepEqual(await ids('talks', { kinds: ['story'] }), [iranDay.id]);
    });

    it('matches any word when asked, ranking texts that share more of them first', async () => {
      assert.deepEqual(await ids('residents shelling'), [u['mention']!.id], 'all words by default');
      const any = await ids('residents shelling', { match: 'any' });
      assert.deepEqual(new Set(any), new Set([u['mention']!.id, u['markup']!.id]));
      assert.equal(any[0], u['mention']!.id, 'the text with both words first');
    });

    it('pages through results', async () => {
      const all = await ids('ceasefire');
      const first = await search('ceasefire', { limit: 2 });
      const second = await search('ceasefire', { limit: 2, offset: 2 });
      assert.equal(first.more, true);
      assert.equal(second.more, false);
      assert.deepEqual(
        [...first.hits, ...second.hits].map((hit) => hit.id),
        all,
      );
    });
  });
}
