/**
 * Embeds over HTTP: the oEmbed provider and its discovery link, the framed widget's headers (framable
 * anywhere, no cookies), themes and limit, and the size of what partner pages load.
 * The widget going live on another origin is tested in Chromium (test/e2e/embed-widget.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Desk, Story } from '../../src/domain/types.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { articleIds } from './reader/html.ts';

const WIDGET_BUDGET_BYTES = 15 * 1024;

describe('embeds', () => {
  let t: TestApp;
  let desk: Desk;
  let story: Story;
  const ids: string[] = [];
  const get = (url: string) => t.app.inject({ url });
  const pageUrl = () => `http://localhost:80/${desk.slug}/${story.slug}`;

  before(async () => {
    t = await createTestApp();
    desk = await t.liveBlog.createDesk({ name: 'Syria Daily' });
    story = await t.liveBlog.createStory({ desk: desk.slug, slug: 'talks', headline: 'Talks <in> Geneva' });
    for (let i = 0; i < 8; i++) {
      ids.push((await t.liveBlog.publishUpdate(story.id, { body: `Update ${i}` }, 'desk')).id);
    }
    await t.liveBlog.createStory({ desk: desk.slug, slug: 'secret', headline: 'Draft', status: 'draft' });
  });
  after(() => t.close());

  it('answers oEmbed for a story page with a rich iframe', async () => {
    const res = await get(`/oembed?url=${encodeURIComponent(pageUrl())}&format=json&maxwidth=400`);
    assert.equal(res.statusCode, 200);
    const body = res.json<Record<string, unknown>>();
    assert.equal(body['version'], '1.0');
    assert.equal(body['type'], 'rich');
    assert.equal(body['title'], 'Talks <in> Geneva');
    assert.equal(body['provider_name'], 'Dateline');
    assert.equal(body['width'], 400, 'maxwidth is respected');
    assert.equal(typeof body['height'], 'number');
    const html = String(body['html']);
    assert.match(
      html,
      /^<iframe src="http:\/\/localhost(:80)?\/embed\/syria-daily\/talks" title="Talks &lt;in> Geneva – live updates"/,
    );
    const src = /src="([^"]+)"/.exec(html)![1]!;
    assert.equal((await get(new URL(src).pathname)).statusCode, 200, 'the iframe loads');
  });

  it('refuses what it cannot embed', async () => {
    assert.equal((await get(`/oembed?url=${encodeURIComponent(pageUrl())}&format=xml`)).statusCode, 501);
    const draft = `http://localhost:80/${desk.slug}/secret`;
    assert.equal((await get(`/oembed?url=${encodeURIComponent(draft)}`)).statusCode, 404);
    const elsewhere = `https://elsewhere.example/${desk.slug}/${story.slug}`;
    assert.equal((await get(`/oembed?url=${encodeURIComponent(elsewhere)}`)).statusCode, 404);
    const missing = await get('/oembed');
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json<{ field: string }>().field, 'url');
  });

  it('is advertised on the story page with a discovery link that works', async () => {
    const html = (await get(`/${desk.slug}/${story.slug}`)).body;
    const href = /<link rel="alternate" type="application\/json\+oembed" title="[^"]*" href="([^"]+)"/.exec(
      html,
    )?.[1];
    assert.ok(href, 'discovery link');
    const res = await get(href.replace(/&amp;/g, '&'));
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ type: string }>().type, 'rich');
  });

  it('serves the widget framable anywhere, cookie-free, with the latest N updates and a theme', async () => {
    const res = await get(`/embed/${desk.slug}/${story.slug}?limit=3&theme=dark`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors \*/);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.match(res.body, /<html lang="en-GB" class="theme-dark">/);
    assert.deepEqual(articleIds(res.body), ids.slice(-3).reverse());
    assert.match(res.body, /<base target="_blank"/);
    const light = await get(`/embed/${desk.slug}/${story.slug}?theme=light`);
    assert.match(light.body, /class="theme-light"/);
    assert.equal(articleIds(light.body).length, 5, 'five by default');
    assert.equal((await get(`/embed/${desk.slug}/${story.slug}?theme=neon`)).statusCode, 400);
    assert.equal((await get(`/embed/${desk.slug}/secret`)).statusCode, 404);
    const readerPage = await get(`/${desk.slug}/${story.slug}`);
    assert.match(
      String(readerPage.headers['content-security-policy']),
      /frame-ancestors 'self'/,
      'reader pages stay unframable',
    );
  });

  it('keeps the widget’s scripts under 15 KB gzipped', async () => {
    const loader = await get('/embed.js');
    assert.equal(loader.statusCode, 200);
    assert.match(String(loader.headers['content-type']), /javascript/);
    const widgetHtml = (await get(`/embed/${desk.slug}/${story.slug}`)).body;
    const client = /<script src="([^"]+)"/.exec(widgetHtml)![1]!;
    const clientBody = (await get(client)).rawPayload;
    const sizes = {
      'embed.js (loader)': gzipSync(loader.rawPayload, { level: 9 }).length,
      'embed-live.js (in the frame)': gzipSync(clientBody, { level: 9 }).length,
    };
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`widget script sizes, gzipped: ${JSON.stringify(sizes)}; total ${total} bytes`);
    assert.ok(total < WIDGET_BUDGET_BYTES, `${total} bytes is over the 15 KB budget`);
  });
});
