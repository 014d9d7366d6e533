/**
 * A map card arrives live: a reader has a desk's story open at 375 px, an editor draws an area of
 * control through the API, and the card appears without a reload, as the reloaded page shows it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('map cards are pushed live to story pages', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let path: string;

  const api = async (url: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method: 'POST',
      headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.ok(res.ok, `POST ${url}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as Record<string, unknown>;
  };

  before(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Offensive in Idlib' });
    await t.liveBlog.publishUpdate(story.id, { body: 'Shelling reported south of Idlib city.' }, 'test');
    path = `/${desk.slug}/${story.slug}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a drawn layer as a card at once, the same as on reload, within 375 px', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}${path}`);
    // The stream is open once the server counts this reader.
    await waitForReader();
    assert.equal(await page.locator('[data-layer-card]').count(), 0);

    const force = await api('/desks/syria-daily/forces', { name: 'Syrian government', colour: '#c0392b' });
    await api('/desks/syria-daily/layers', {
      kind: 'control',
      forceId: force['id'],
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [36.4, 35.6],
            [37.1, 35.6],
            [37.1, 36.1],
            [36.4, 36.1],
            [36.4, 35.6],
          ],
        ],
      },
      validFrom: '2026-05-27',
      source: 'Syria Daily field reporting',
      claimStatus: 'claimed',
    });
    const card = page.locator('[data-update-list] > [data-layer-card]');
    await card.waitFor();
    assert.match(await card.innerText(), /Area of control: Syrian government, from 27 May, [\d,]+ km²/);
    const order = () =>
      page.$$eval('[data-update-list] > *', (els) =>
        els.map((el) => (el as HTMLElement).dataset['layerCard'] ?? 'update'),
      );
    const live = { html: await card.evaluate((el) => el.outerHTML), order: await order() };
    assert.equal(live.order.length, 2);
    assert.notEqual(live.order[0], 'update', 'the card is newer than the update');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scroll at 375 px (${width})`);
    await card.scrollIntoViewIfNeeded();
    // DATELINE_SCREENSHOTS=1 refreshes the picture in docs/ (a test run does not rewrite committed files).
    if (process.env['DATELINE_SCREENSHOTS'] === '1')
      await card.screenshot({
        path: new URL('../../docs/screenshots/layer-card-375.png', import.meta.url).pathname,
      });

    await page.reload();
    await card.waitFor();
    assert.deepEqual(
      { html: await card.evaluate((el) => el.outerHTML), order: await order() },
      live,
      'reload shows the same',
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  async function waitForReader(): Promise<void> {
    for (;;) {
      const res = await fetch(`${base}/readyz`);
      await res.arrayBuffer();
      if (Object.keys(t.hub.stats().stories).length > 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
});
