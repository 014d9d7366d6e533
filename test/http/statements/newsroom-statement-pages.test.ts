/**
 * The newsroom's statement pages, driven as a browser without script would: plain form posts with the
 * session cookie and its CSRF token. Feeds are served by the loopback fixture server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { startFeedFixtureServer, type FeedFixtureServer } from '../../statements/feeds/feed-fixtures.ts';
import { CALL_ESTMARK, CALL_NORLAND } from '../../statements/readouts.ts';

const PASSWORD = 'correct horse battery staple';

describe('newsroom statement pages', () => {
  let t: TestApp;
  let feeds: FeedFixtureServer;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  before(async () => {
    // The fixture feeds are on loopback, which only the operator's allow-list lets feeds reach.
    t = await createTestApp({ env: { DATELINE_OUTBOUND_ALLOW: '127.0.0.1' } });
    feeds = await startFeedFixtureServer();
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      const email = `${role}@example.org`;
      await t.accounts.addUser({ email, name: `The ${role}`, role, password: PASSWORD });
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: PASSWORD },
      });
      assert.equal(response.statusCode, 200, response.body);
      sessions[role] = {
        cookie: String(response.headers['set-cookie']).split(';')[0]!,
        csrf: response.json().csrfToken,
      };
    }
  });
  after(async () => {
    await t.close();
    await feeds.close();
  });

  const get = (url: string, role: string) =>
    t.app.inject({ url, headers: { cookie: sessions[role]!.cookie } });
  const form = (url: string, role: string, fields: Record<string, string>, csrf = true) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: sessions[role]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...(csrf && { _csrf: sessions[role]!.csrf }), ...fields }).toString(),
    });

  it('lets an editor paste a statement and then shows the earlier one it reuses, with a comparison', async () => {
    assert.equal((await t.app.inject({ url: '/newsroom/statements' })).headers.location, '/newsroom/login');
    assert.equal((await get('/newsroom/statements', 'contributor')).statusCode, 403);
    const page = await get('/newsroom/statements', 'editor');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/newsroom\/statements"/);

    const first = await form('/newsroom/statements', 'editor', {
      issuer: 'Presidency of Valdoria',
      title: 'Call with the President of Norland',
      publishedAt: '2026-03-12T16:05',
      url: '',
      text: CALL_NORLAND,
    });
    assert.equal(first.statusCode, 303, first.body);
    const firstId = /\/newsroom\/statements\/([0-9a-z]+)$/.exec(String(first.headers.location))![1]!;
    const second = await form('/newsroom/statements', 'editor', {
      issuer: 'Presidency of Valdoria',
      title: 'Call with the Prime Minister of Estmark',
      publishedAt: '2026-03-19T11:30',
      url: 'https://presidency.example/news/1207',
      text: CALL_ESTMARK,
    });
    assert.equal(second.statusCode, 303, second.body);
    const shown = await get(String(second.headers.location), 'editor');
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /<h1>Call with the Prime Minister of Estmark<\/h1>/);
    assert.match(shown.body, /Call with the President of Norland/);
    const secondId = /\/newsroom\/statements\/([0-9a-z]+)$/.exec(String(second.headers.location))![1]!;
    assert.ok(shown.body.includes(`href="/statements/compare?ids=${firstId},${secondId}"`));
    assert.match(shown.body, /similarity 0\.\d\d/);
    // Stored with the time read as UTC.
    const api = await t.app.inject({ url: `/api/v1/statements/${firstId}` });
    assert.equal(api.json().publishedAt, '2026-03-12T16:05:00.000Z');
  });

  it('shows a bad field again with the values kept, and refuses a form without its CSRF token', async () => {
    const bad = await form('/newsroom/statements', 'editor', {
      issuer: 'Presidency of Valdoria',
      title: 'Kept title',
      publishedAt: 'last Tuesday',
      text: 'Some words of a statement.',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /role="alert"><a href="#field-publishedAt">publishedAt: /);
    assert.match(bad.body, /id="field-publishedAt" required aria-invalid="true"/);
    assert.match(bad.body, /value="Kept title"/);
    const forged = await form(
      '/newsroom/statements',
      'editor',
      { issuer: 'X', publishedAt: '2026-03-12T16:05', text: 'Forged words here.' },
      false,
    );
    assert.equal(forged.statusCode, 403);
  });

  it('compares an unsaved draft with a statement', async () => {
    const [norland] = (await t.app.inject({ url: '/api/v1/statements?limit=5' }))
      .json()
      .items.filter((s: { title: string }) => s.title.includes('Norland'));
    const draft = CALL_NORLAND.replace('Henrik Aasveen', 'Mira Kallen');
    const page = await form('/newsroom/statements/compare-draft', 'contributor', {
      id: norland.id,
      text: draft,
    });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Your draft/);
    assert.match(
      page.body,
      /<ins class="diff-only"><span class="sr-only">\[only in this statement: <\/span>Mira Kallen/,
    );
  });

  it('shows each feed’s status and lets only an admin add, poll and disable one', async () => {
    const editorPage = await get('/newsroom/statement-feeds', 'editor');
    assert.equal(editorPage.statusCode, 200);
    assert.match(editorPage.body, /Only an admin can add or disable feeds/);
    const refused = await form('/newsroom/statement-feeds', 'editor', {
      url: `${feeds.url}/rss.xml`,
      issuer: 'Presidency of Valdoria',
    });
    assert.equal(refused.statusCode, 403);

    for (const path of ['/feed.json', '/broken.xml']) {
      const added = await form('/newsroom/statement-feeds', 'admin', {
        url: `${feeds.url}${path}`,
        issuer: 'Presidency of Valdoria',
        intervalMinutes: '10',
      });
      assert.equal(added.statusCode, 303, added.body);
    }
    const again = await form('/newsroom/statement-feeds', 'admin', {
      url: `${feeds.url}/feed.json`,
      issuer: 'Presidency of Valdoria',
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already configured/);
    const badInterval = await form('/newsroom/statement-feeds', 'admin', {
      url: `${feeds.url}/atom.xml`,
      issuer: 'X',
      intervalMinutes: '0',
    });
    assert.equal(badInterval.statusCode, 400);
    assert.match(badInterval.body, /aria-invalid="true"/);

    const list = (
      await t.app.inject({ url: '/api/v1/statement-feeds', headers: t.auth(t.editorToken) })
    ).json().items as { id: string; url: string }[];
    const good = list.find((f) => f.url.endsWith('/feed.json'))!;
    const broken = list.find((f) => f.url.endsWith('/broken.xml'))!;
    for (const feed of [good, broken]) {
      const polled = await form(`/newsroom/statement-feeds/${feed.id}/poll`, 'admin', {});
      assert.equal(polled.statusCode, 303, polled.body);
    }
    const row = (body: string, id: string) => {
      const start = body.indexOf(`data-feed-id="${id}"`);
      assert.ok(start > 0, 'the feed has a row');
      return body.slice(start, body.indexOf('</tr>', start));
    };
    const status = await get('/newsroom/statement-feeds', 'admin');
    const goodRow = row(status.body, good.id);
    assert.match(goodRow, /<td>OK<\/td>/);
    // Of its two items, the Norland call was pasted above: only the decree is new.
    assert.match(goodRow, /<td>1<\/td>/);
    const brokenRow = row(status.body, broken.id);
    assert.match(brokenRow, /<td>Failing<\/td>/);
    assert.match(brokenRow, /HTTP 500|500/);
    assert.match(brokenRow, /backing off after 1 failed poll in a row/);

    assert.equal(
      (await form(`/newsroom/statement-feeds/${broken.id}/disabled`, 'editor', { disabled: '1' })).statusCode,
      403,
    );
    const disabled = await form(`/newsroom/statement-feeds/${broken.id}/disabled`, 'admin', {
      disabled: '1',
    });
    assert.equal(disabled.statusCode, 303);
    const after = await get('/newsroom/statement-feeds', 'admin');
    assert.match(row(after.body, broken.id), /<td>Disabled<\/td>/);
    assert.match(row(after.body, broken.id), />\s*Resume/);
    const api = await t.app.inject({
      url: `/api/v1/statement-feeds/${broken.id}`,
      headers: t.auth(t.editorToken),
    });
    assert.notEqual(api.json().disabledAt, null);
  });
});
