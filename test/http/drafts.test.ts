/**
 * Held drafts: an editor's update saved but not published. Seen by the desk's editors only; never on
 * a reader's page, list, feed, search, export, map, sitemap or live stream (replay included), and to
 * anyone else it does not exist. Publishing it publishes it now (or schedules it for its time).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PrivateEvent } from '../../src/domain/types.ts';
import { SseTestClient } from '../live/sse-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';
const SECRET = 'Kherson ferry crossing hit';

describe('held drafts', () => {
  let t: TestApp;
  let base: string;
  let storyId: string;
  let otherStoryId: string;
  let ukraineEditor: Record<string, string>;
  let syriaEditor: Record<string, string>;
  let contributor: Record<string, string>;
  const privateEvents: PrivateEvent[] = [];

  async function signIn(email: string): Promise<Record<string, string>> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: PASSWORD },
    });
    const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    return { cookie, 'x-csrf-token': response.json().csrfToken as string };
  }

  const api = (
    method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers = {},
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload && { payload }) });

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    for (const [name, timezone] of [
      ['Ukraine Live', 'Europe/Kyiv'],
      ['Syria Daily', 'Asia/Damascus'],
    ])
      await api('POST', '/desks', t.auth(t.adminToken), { name, timezone });
    for (const [email, name, role] of [
      ['uk@example.org', 'Olena', 'editor'],
      ['sy@example.org', 'Sami', 'editor'],
      ['con@example.org', 'Cora', 'contributor'],
    ] as const)
      await t.accounts.addUser({ email, name, role, password: PASSWORD });
    await t.accounts.setDesks('uk@example.org', ['ukraine-live']);
    await t.accounts.setDesks('sy@example.org', ['syria-daily']);
    ukraineEditor = await signIn('uk@example.org');
    syriaEditor = await signIn('sy@example.org');
    contributor = await signIn('con@example.org');
    const open = await api('PUT', '/desks/ukraine-live/days/2026-12-04', t.auth(t.editorToken));
    storyId = open.json().id;
    const other = await api('PUT', '/desks/syria-daily/days/2026-12-04', t.auth(t.editorToken));
    otherStoryId = other.json().id;
    t.bus.subscribePrivate((event) => privateEvents.push(event));
  });
  after(() => t.close());

  it('holds an editor’s update, lists it to the desk’s editors, and keeps it from every reader', async () => {
    const saved = await api('POST', `/stories/${storyId}/updates`, ukraineEditor, {
      body: `${SECRET} overnight, officials say`,
      headline: 'Ferry crossing hit',
      claimStatus: 'claimed',
      status: 'draft',
    });
    assert.equal(saved.statusCode, 201, saved.body);
    const draft = saved.json();
    assert.equal(draft.status, 'draft');
    assert.equal(draft.sequence, null);
    assert.equal(draft.savedBy, 'Olena');
    assert.ok(
      privateEvents.some((e) => e.kind === 'draft' && e.draftId === draft.id && e.change === 'saved'),
      'colleagues hear of it on the newsroom’s private bus',
    );
    assert.ok(!privateEvents.some((e) => e.kind === 'submission' && e.submissionId === draft.id));

    // A later published update, so the stream replays something: the draft is never in it.
    const published = await api('POST', `/stories/${storyId}/updates`, t.auth(t.editorToken), {
      body: 'Air raid alert lifted in Odesa',
    });
    assert.equal(published.statusCode, 201);

    const drafts = await api('GET', `/stories/${storyId}/drafts`, ukraineEditor);
    assert.equal(drafts.statusCode, 200);
    assert.deepEqual(
      drafts.json().items.map((d: { id: string }) => d.id),
      [draft.id],
    );
    assert.equal((await api('GET', `/updates/${draft.id}`, ukraineEditor)).json().status, 'draft');

    // Readers: the page, the lists, the update by id, feeds, search, exports, map, sitemap.
    const readerViews = [
      '/ukraine-live/2026-12-04',
      '/ukraine-live',
      `/api/v1/stories/${storyId}/updates`,
      `/api/v1/updates/${draft.id}`,
      `/ukraine-live/2026-12-04/updates/${draft.id}`,
      '/feed.xml',
      '/feed.json',
      '/ukraine-live/2026-12-04/feed.atom',
      `/api/v1/search?q=${encodeURIComponent('Kherson ferry')}`,
      `/search?q=${encodeURIComponent('Kherson ferry')}`,
      '/api/v1/events.json',
      '/api/v1/events.csv',
      '/api/v1/contacts',
      '/map',
      `/map?story=${storyId}`,
      '/sitemap.xml',
      '/news-sitemap.xml',
    ];
    for (const url of readerViews) {
      const response = await t.app.inject({ url });
      // Search pages repeat the query; the draft's own words are what must not appear.
      assert.doesNotMatch(response.body, /officials say/, url);
      assert.ok(!response.body.includes(draft.id), `${url} names no draft id`);
    }
    assert.equal((await t.app.inject({ url: `/api/v1/updates/${draft.id}` })).statusCode, 404);

    // The live streams, replayed from the start: the published update is there, the draft is not.
    for (const url of [`${base}/api/v1/stories/${storyId}/live?since=0`, `${base}/api/v1/live?since=0`]) {
      const live = new SseTestClient(url);
      await live.waitFor('the published update', () =>
        live.events.some((e) => e.data.includes('Air raid alert lifted')),
      );
      await live.close();
      assert.ok(!live.events.some((e) => e.data.includes('Kherson') || e.data.includes(draft.id)), url);
    }
  });

  it('is not there for a contributor, another desk’s editor or the anonymous, by id or by guess', async () => {
    const saved = await api('POST', `/stories/${storyId}/updates`, ukraineEditor, {
      body: `${SECRET} again`,
      status: 'draft',
    });
    const id = saved.json().id as string;
    const outsiders = { anonymous: {}, contributor, 'Syria editor': syriaEditor };
    for (const [who, headers] of Object.entries(outsiders)) {
      const read = await api('GET', `/updates/${id}`, headers);
      assert.equal(read.statusCode, 404, `${who} reads it`);
      assert.doesNotMatch(read.body, /Kherson/);
      const list = await api('GET', `/stories/${storyId}/drafts`, headers);
      assert.ok([401, 403].includes(list.statusCode), `${who} lists drafts: ${list.statusCode}`);
      assert.doesNotMatch(list.body, /Kherson/);
      for (const [method, url, payload] of [
        ['PATCH', `/updates/${id}`, { body: 'overwritten' }],
        ['POST', `/updates/${id}/publish`, {}],
        ['POST', `/updates/${id}/approve`, {}],
        ['DELETE', `/updates/${id}`, undefined],
      ] as const) {
        const response = await api(method, url, headers, payload);
        assert.ok(
          [401, 403, 404].includes(response.statusCode),
          `${who}: ${method} ${url} → ${response.statusCode}`,
        );
        assert.doesNotMatch(response.body, /Kherson/);
      }
      // A contributor's queue view (their own submissions in any state) does not carry it either.
      const mine = await api('GET', `/stories/${storyId}/submissions?mine=1`, headers);
      assert.doesNotMatch(mine.body, /Kherson/);
    }
    // The other desk's drafts list is theirs alone, and shows nothing of this desk.
    const theirs = await api('GET', `/stories/${otherStoryId}/drafts`, syriaEditor);
    assert.deepEqual(theirs.json().items, []);
    // Untouched by all that.
    const kept = await api('GET', `/updates/${id}`, ukraineEditor);
    assert.equal(kept.json().body, `${SECRET} again`);
    assert.equal(kept.json().status, 'draft');
  });

  it('refuses a contributor’s draft, naming the field; bad input names what is wrong', async () => {
    const refused = await api('POST', `/stories/${storyId}/updates`, contributor, {
      body: 'Mine to hold',
      status: 'draft',
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().field, 'status');
    const odd = await api('POST', `/stories/${storyId}/updates`, ukraineEditor, {
      body: 'x',
      status: 'hidden',
    });
    assert.equal(odd.statusCode, 400);
    assert.match(String(odd.headers['content-type']), /problem\+json/);
    assert.equal(odd.json().field, 'status');
    const id = (
      await api('POST', `/stories/${storyId}/updates`, ukraineEditor, { body: 'x', status: 'draft' })
    ).json().id;
    const badTime = await api('PATCH', `/updates/${id}`, ukraineEditor, { publishAt: 'tomorrow' });
    assert.equal(badTime.statusCode, 400);
    assert.equal(badTime.json().field, 'publishAt');
    const long = await api('PATCH', `/updates/${id}`, ukraineEditor, { body: 'x'.repeat(20_001) });
    assert.equal(long.statusCode, 400);
    assert.equal((await api('GET', `/updates/${id}`, ukraineEditor)).json().body, 'x', 'nothing lost');
  });

  it('saves again, then publishes now with the publication time of now, under its id', async () => {
    const saved = await api('POST', `/stories/${storyId}/updates`, ukraineEditor, {
      body: 'Power restored in Kharkiv',
      status: 'draft',
    });
    const id = saved.json().id as string;
    const edited = await api('PATCH', `/updates/${id}`, t.auth(t.editorToken), {
      body: 'Power restored in most of Kharkiv',
      keyEvent: true,
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().savedBy, 'test-editor');
    // Published from a list that still showed the first save: refused, naming who saved since.
    const stale = await api('POST', `/updates/${id}/publish`, ukraineEditor, {
      savedAt: saved.json().savedAt,
    });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.match(stale.json().detail, /test-editor saved this draft again since you loaded it/);
    assert.equal(stale.json().current.content.body, 'Power restored in most of Kharkiv');
    assert.equal(
      (await api('GET', `/stories/${storyId}/drafts`, ukraineEditor)).json().items.length > 0,
      true,
    );
    const before = Date.now();
    const published = await api('POST', `/updates/${id}/publish`, ukraineEditor, {
      savedAt: edited.json().savedAt,
    });
    assert.equal(published.statusCode, 200, published.body);
    const update = published.json();
    assert.equal(update.id, id);
    assert.equal(update.status, 'published');
    assert.equal(update.body, 'Power restored in most of Kharkiv');
    assert.equal(update.keyEvent, true);
    assert.ok(Date.parse(update.publishedAt) >= before - 1000, 'published now, not when first saved');
    const list = await api('GET', `/stories/${storyId}/updates`);
    assert.ok(list.json().items.some((u: { id: string }) => u.id === id));
    const drafts = await api('GET', `/stories/${storyId}/drafts`, ukraineEditor);
    assert.ok(!drafts.json().items.some((d: { id: string }) => d.id === id), 'no longer a draft');
    const again = await api('POST', `/updates/${id}/publish`, ukraineEditor);
    assert.equal(again.statusCode, 404, 'a published update is no draft to publish');
    assert.ok(privateEvents.some((e) => e.kind === 'draft' && e.draftId === id && e.change === 'published'));
  });

  it('publishes a draft with a time ahead as a scheduled update; deletes one for good', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const saved = await api('POST', `/stories/${storyId}/updates`, ukraineEditor, {
      body: 'Curfew extended in Zaporizhzhia',
      status: 'draft',
      publishAt: at,
    });
    const id = saved.json().id as string;
    assert.equal(saved.json().status, 'draft');
    const scheduled = await api('POST', `/updates/${id}/publish`, ukraineEditor);
    assert.equal(scheduled.statusCode, 200, scheduled.body);
    assert.equal(scheduled.json().status, 'scheduled');
    assert.equal(scheduled.json().publishAt, at);
    const queue = await api('GET', `/stories/${storyId}/submissions`, ukraineEditor);
    assert.ok(queue.json().items.some((s: { id: string }) => s.id === id));
    assert.equal((await api('GET', `/stories/${storyId}/updates`)).json().items.length >= 1, true);
    assert.ok(
      !(await api('GET', `/stories/${storyId}/updates`))
        .json()
        .items.some((u: { id: string }) => u.id === id),
    );

    const gone = await api('POST', `/stories/${storyId}/updates`, ukraineEditor, {
      body: 'Not going out',
      status: 'draft',
    });
    const goneId = gone.json().id as string;
    assert.equal((await api('DELETE', `/updates/${goneId}`, ukraineEditor)).statusCode, 204);
    assert.equal((await api('GET', `/updates/${goneId}`, ukraineEditor)).statusCode, 404);
    const drafts = await api('GET', `/stories/${storyId}/drafts`, ukraineEditor);
    assert.ok(!drafts.json().items.some((d: { id: string }) => d.id === goneId));
  });

  it('previews the whole page for the desk’s editors only, storing nothing', async () => {
    const preview = (headers: Record<string, string>, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/newsroom/stories/${storyId}/preview`,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
    const payload = JSON.stringify({ body: 'Explosions heard in **Mykolaiv**', keyEvent: true });
    const form = (who: Record<string, string>) => ({ _csrf: who['x-csrf-token'] ?? '', payload });
    const before = (await api('GET', `/stories/${storyId}/updates?limit=100`)).json().items.length;

    const shown = await preview({ cookie: ukraineEditor['cookie']! }, form(ukraineEditor));
    assert.equal(shown.statusCode, 200, shown.body);
    assert.equal(shown.headers['cache-control'], 'no-store');
    assert.equal(shown.headers['x-robots-tag'], 'noindex, nofollow');
    assert.match(shown.body, /<meta name="robots" content="noindex/);
    assert.match(shown.body, /<strong class="preview-flag">PREVIEW<\/strong>/);
    assert.doesNotMatch(shown.body, /rel="canonical"|application\/ld\+json/);
    // The page's own renderer: its header, and the update on top of the published ones.
    assert.match(shown.body, /Ukraine Live/);
    const top = shown.body.indexOf('Explosions heard in <strong>Mykolaiv</strong>');
    assert.ok(top > 0 && top < shown.body.indexOf('Air raid alert lifted'), 'the update at the top');
    assert.match(shown.body, /id="key-events-title"[\s\S]*Explosions heard/, 'in the key events too');
    // Nothing was published or held.
    assert.equal((await api('GET', `/stories/${storyId}/updates?limit=100`)).json().items.length, before);
    assert.doesNotMatch((await t.app.inject({ url: '/ukraine-live/2026-12-04' })).body, /Explosions heard/);
    const drafts = (await api('GET', `/stories/${storyId}/drafts`, ukraineEditor)).json().items;
    assert.ok(!drafts.some((d: { body: string }) => d.body.includes('Explosions')));

    // Attackers: no session, a token, a contributor, another desk, a forged or cross-site form.
    const refusals: [string, Record<string, string>, Record<string, string>, number][] = [
      ['anonymous', {}, { _csrf: '', payload }, 401],
      ['a bearer token', t.auth(t.editorToken), { _csrf: '', payload }, 401],
      ['a contributor', { cookie: contributor['cookie']! }, form(contributor), 403],
      ['another desk’s editor', { cookie: syriaEditor['cookie']! }, form(syriaEditor), 403],
      ['no CSRF token', { cookie: ukraineEditor['cookie']! }, { _csrf: '', payload }, 403],
      ['another desk’s CSRF token', { cookie: ukraineEditor['cookie']! }, form(syriaEditor), 403],
      [
        'another site',
        { cookie: ukraineEditor['cookie']!, 'sec-fetch-site': 'cross-site' },
        form(ukraineEditor),
        403,
      ],
    ];
    for (const [who, headers, fields, status] of refusals) {
      const refused = await preview(headers, fields);
      assert.equal(refused.statusCode, status, who);
      assert.doesNotMatch(refused.body, /Explosions/, who);
    }
    // Bad input is named; a draft of another desk is not there.
    const own = { cookie: ukraineEditor['cookie']! };
    const bad = await preview(own, { ...form(ukraineEditor), payload: '{not json' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().field, 'payload');
    const empty = await preview(own, { ...form(ukraineEditor), payload: JSON.stringify({ body: ' ' }) });
    assert.equal(empty.json().field, 'body');
    const huge = await preview(own, { ...form(ukraineEditor), payload: 'x'.repeat(100_001) });
    assert.equal(huge.statusCode, 400);
    const syriaDraft = (
      await api('POST', `/stories/${otherStoryId}/updates`, syriaEditor, { body: 'Idlib', status: 'draft' })
    ).json().id as string;
    const foreign = await preview(own, { ...form(ukraineEditor), draftId: syriaDraft });
    assert.equal(foreign.statusCode, 404);
    assert.doesNotMatch(foreign.body, /Idlib/);
  });

  it('survives a restart', async () => {
    const saved = await api('POST', `/stories/${storyId}/updates`, ukraineEditor, {
      body: 'Held over the restart',
      status: 'draft',
    });
    const id = saved.json().id as string;
    await t.close();
    t = await createTestApp({ dataDir: t.dataDir });
    const drafts = await t.app.inject({
      url: `/api/v1/stories/${storyId}/drafts`,
      headers: t.auth(t.editorToken),
    });
    assert.ok(drafts.json().items.some((d: { id: string; body: string }) => d.id === id));
  });
});
