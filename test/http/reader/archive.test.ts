/**
 * What a search engine and a researcher browsing back in time see: the desk archive by month and day,
 * ended pages marked, sitemap.xml, the news sitemap of the last two days, robots.txt and canonical URLs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Desk, Story, Update } from '../../../src/domain/types.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { text } from './html.ts';

describe('archive, sitemaps and robots.txt', () => {
  let t: TestApp;
  let desk: Desk;
  let may20: Story;
  let may21: Story;
  let update: Update;
  const get = (url: string) => t.app.inject({ url });

  before(async () => {
    t = await createTestApp();
    desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    may20 = (await t.liveBlog.openDaily(desk, '2026-05-20', 'any'))!;
    may21 = (await t.liveBlog.openDaily(desk, '2026-05-21', 'any'))!;
    await t.liveBlog.openDaily(desk, '2026-04-02', 'any');
    update = await t.liveBlog.publishUpdate(may21.id, { body: 'Talks resume & <b>continue</b>' }, 'desk');
    may20 = await t.liveBlog.patchStory(may20.id, may20.version, { status: 'ended' });
    const draft = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Secret plan', status: 'draft' });
    assert.equal(draft.status, 'draft');
  });
  after(() => t.close());

  it('lists the months with coverage and links each', async () => {
    const res = await get(`/archive/${desk.slug}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/archive/${desk.slug}/2026-05">May 2026</a>`));
    assert.match(res.body, new RegExp(`href="/archive/${desk.slug}/2026-04">April 2026</a>`));
    assert.match(text(res.body), /May 2026 \(2 days\)/);
    const deskPage = await get(`/${desk.slug}`);
    assert.match(
      deskPage.body,
      new RegExp(`href="/archive/${desk.slug}"`),
      'the desk page links its archive',
    );
  });

  it('shows a month as a calendar whose days with coverage link to them', async () => {
    const res = await get(`/archive/${desk.slug}/2026-05`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<table class="calendar">/);
    assert.match(res.body, /<th scope="col" abbr="Monday">Mon<\/th>/);
    const links = [...res.body.matchAll(/<td class="has-coverage"><a href="([^"]+)"[^>]*>(\d+)<\/a>/g)];
    assert.deepEqual(
      links.map((m) => [m[1], m[2]]),
      [
        [`/archive/${desk.slug}/2026-05-20`, '20'],
        [`/archive/${desk.slug}/2026-05-21`, '21'],
      ],
    );
    // 1 May 2026 is a Friday: four empty cells lead the first week.
    assert.match(res.body, /<tbody><tr><td><\/td><td><\/td><td><\/td><td><\/td><td>1<\/td>/);
    assert.match(res.body, new RegExp(`<a href="/archive/${desk.slug}/2026-04" rel="prev">`), 'to April');
    assert.doesNotMatch(res.body, /rel="next"/, 'no later month has coverage');
    assert.equal((await get(`/archive/${desk.slug}/2026-13`)).statusCode, 404);
    assert.equal((await get('/archive/nowhere/2026-05')).statusCode, 404);
  });

  it('lists a day’s pages and marks ended ones as no longer updated', async () => {
    const res = await get(`/archive/${desk.slug}/2026-05-20`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/${desk.slug}/2026-05-20"`));
    assert.match(text(res.body), /Ended · no longer updated/);
    const page = await get(`/${desk.slug}/2026-05-20`);
    assert.match(text(page.body), /This page is no longer being updated/);
    assert.equal((await get(`/archive/${desk.slug}/2026-05-22`)).statusCode, 404);
  });

  it('lists public pages in sitemap.xml with when they last changed', async () => {
    const res = await get('/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/xml/);
    assert.match(res.body, /<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    for (const path of ['/', `/${desk.slug}`, `/${desk.slug}/2026-05-20`, `/${desk.slug}/2026-05-21`]) {
      assert.ok(locs.includes(path), path);
    }
    assert.ok(!locs.some((path) => path.includes('secret-plan')), 'drafts are not listed');
    const entry = new RegExp(`<loc>[^<]*/${desk.slug}/2026-05-21</loc><lastmod>([^<]+)</lastmod>`).exec(
      res.body,
    );
    assert.equal(entry?.[1], update.publishedAt, 'lastmod is the newest update');
  });

  it('lists pages opened in the last two days in the news sitemap', async () => {
    const res = await get('/news-sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /xmlns:news="http:\/\/www.google.com\/schemas\/sitemap-news\/0.9"/);
    const titles = [...res.body.matchAll(/<news:title>([^<]+)<\/news:title>/g)].map((m) => m[1]);
    assert.equal(titles.length, 3, 'the three pages opened in this test');
    assert.match(
      res.body,
      /<news:publication><news:name>Dateline<\/news:name><news:language>en<\/news:language>/,
    );
    assert.match(res.body, /<news:publication_date>\d{4}-\d{2}-\d{2}T/);
  });

  it('serves robots.txt naming both sitemaps', async () => {
    const res = await get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /^User-agent: \*$/m);
    assert.match(res.body, /^Disallow: \/api\/$/m);
    assert.match(res.body, /^Sitemap: http:\/\/localhost(:80)?\/sitemap.xml$/m);
    assert.match(res.body, /^Sitemap: http:\/\/localhost(:80)?\/news-sitemap.xml$/m);
  });

  it('gives every reader page one absolute canonical URL', async () => {
    for (const path of [
      '/',
      `/${desk.slug}`,
      `/${desk.slug}/2026-05-21`,
      `/${desk.slug}/2026-05-21/updates/${update.id}`,
      `/archive/${desk.slug}`,
      `/archive/${desk.slug}/2026-05`,
      `/archive/${desk.slug}/2026-05-21`,
      '/search?q=talks',
    ]) {
      const html = (await get(path)).body;
      const canonical = [...html.matchAll(/<link rel="canonical" href="([^"]+)"/g)];
      assert.equal(canonical.length, 1, path);
      assert.equal(new URL(canonical[0]![1]!).pathname, path.split('?')[0], path);
    }
  });
});
