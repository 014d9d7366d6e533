/** The reader's statements library at /statements: newest first, by issuer, a page at a time. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

describe('statements library page', () => {
  let t: TestApp;
  const ids: string[] = [];
  before(async () => {
    t = await createTestApp();
    // 25 from the presidency (one a day), 3 from the ministry.
    for (let day = 1; day <= 25; day++) {
      const statement = await t.statements.add({
        issuer: 'Presidency of Valdoria',
        publishedAt: `2026-04-${String(day).padStart(2, '0')}T10:00:00Z`,
        title: `Presidency readout ${day}`,
        text: `On ${day} April the President received the credentials of ambassador number ${'x'.repeat(day)}.`,
      });
      ids.push(statement.id);
    }
    for (let day = 1; day <= 3; day++) {
      await t.statements.add({
        issuer: 'Ministry of Foreign Affairs of Elbonia',
        publishedAt: `2026-04-${String(day).padStart(2, '0')}T12:00:00Z`,
        title: `Ministry comment ${day}`,
        text: `The Ministry comments on the situation for the ${day} time <script>alert(1)</script>.`,
      });
    }
  });
  after(() => t.close());

  const titles = (html: string) =>
    [
      ...html.matchAll(/<h2 class="statement-list-title"><a href="\/statements\/[0-9a-z]+">([^<]+)<\/a>/g),
    ].map((m) => m[1]);

  it('lists the newest statements first, links each and its similar ones, and pages to older ones', async () => {
    const first = await t.app.inject({ url: '/statements' });
    assert.equal(first.statusCode, 200);
    assert.match(first.headers['content-type'] as string, /text\/html/);
    const shown = titles(first.body);
    assert.equal(shown.length, 20);
    assert.deepEqual(shown.slice(0, 2), ['Presidency readout 25', 'Presidency readout 24']);
    assert.ok(first.body.includes(`href="/statements/${ids[24]}#similar-heading"`));
    assert.ok(!first.body.includes('<script>alert(1)'), 'statement text is escaped');
    const older = /<a href="([^"]+)" rel="next">Older statements<\/a>/.exec(first.body)?.[1];
    assert.ok(older);
    const second = await t.app.inject({ url: older.replaceAll('&amp;', '&') });
    assert.equal(second.statusCode, 200);
    const rest = titles(second.body);
    assert.equal(rest.length, 8);
    assert.equal(new Set([...shown, ...rest]).size, 28, 'no statement twice, none missed');
    assert.doesNotMatch(second.body, /rel="next"/);
    assert.match(second.body, /<a href="\/statements">Newest statements<\/a>/);
  });

  it('filters by issuer, with the issuers offered and counted', async () => {
    const page = await t.app.inject({ url: '/statements?issuer=Ministry+of+Foreign+Affairs+of+Elbonia' });
    assert.equal(page.statusCode, 200);
    assert.deepEqual(titles(page.body), ['Ministry comment 3', 'Ministry comment 2', 'Ministry comment 1']);
    assert.match(page.body, /<h1>Statements by Ministry of Foreign Affairs of Elbonia<\/h1>/);
    assert.match(
      page.body,
      /<option value="Ministry of Foreign Affairs of Elbonia" selected>Ministry of Foreign Affairs of Elbonia \(3\)<\/option>/,
    );
    assert.match(page.body, /<option value="Presidency of Valdoria">Presidency of Valdoria \(25\)<\/option>/);
    assert.match(page.body, /<label for="issuer-filter">Issuer<\/label>/);
    const nobody = await t.app.inject({ url: '/statements?issuer=Nobody' });
    assert.equal(nobody.statusCode, 200);
    assert.match(nobody.body, /No statements by Nobody here/);
    const crafted = await t.app.inject({ url: '/statements?before=not-a-cursor' });
    assert.equal(crafted.statusCode, 200);
    assert.deepEqual(titles(crafted.body), []);
  });
});
