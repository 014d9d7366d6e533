/**
 * The embeddable widget on a partner's page in Chromium: a second loopback server (another origin)
 * pastes the link and script, the widget frames the story's latest updates, and a newly published
 * update appears in it live. No cookie is set on either origin.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import type { Desk, Story } from '../../src/domain/types.ts';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('embed widget in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let partner: Server;
  let partnerUrl: string;
  let browser: Browser;
  let desk: Desk;
  let story: Story;

  before(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    desk = await t.liveBlog.createDesk({ name: 'Syria Daily' });
    story = await t.liveBlog.createStory({ desk: desk.slug, slug: 'talks', headline: 'Geneva talks' });
    for (let i = 1; i <= 4; i++) {
      await t.liveBlog.publishUpdate(story.id, { body: `Earlier update ${i}` }, 'desk');
    }
    // The partner: another origin (localhost rather than 127.0.0.1, and another port).
    const partnerHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner news</title></head>
<body><h1>Partner news</h1>
<a class="dateline-embed" href="${base}/${desk.slug}/${story.slug}" data-limit="3" data-theme="dark">Live: Geneva talks</a>
<script src="${base}/embed.js" async></script></body></html>`;
    partner = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(partnerHtml);
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    partnerUrl = `http://localhost:${(partner.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => partner?.close(resolve));
    await t?.close();
  });

  it('shows the latest updates and a newly published one, live, on another origin', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(partnerUrl);
    const frameElement = page.locator('iframe');
    await frameElement.waitFor();
    assert.equal(await frameElement.getAttribute('title'), 'Live: Geneva talks');
    const frame = page.frameLocator('iframe');
    await frame.locator('article.update').nth(2).waitFor();
    assert.equal(await frame.locator('article.update').count(), 3, 'the latest three');
    assert.match((await frame.locator('article.update').first().textContent()) ?? '', /Earlier update 4/);
    assert.equal(await frame.locator('html').getAttribute('class'), 'theme-dark');

    // The stream is open once the client has run; then publish and watch it arrive.
    await frame.locator('main[data-embed-story]').waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('iframe');
      return el !== null && el.style.height !== '' && parseInt(el.style.height, 10) > 100;
    });
    await t.liveBlog.publishUpdate(story.id, { body: 'Breaking: delegations shake hands' }, 'desk');
    await frame.locator('article.update', { hasText: 'Breaking: delegations shake hands' }).waitFor();
    assert.match((await frame.locator('article.update').first().textContent()) ?? '', /Breaking/);
    await frame.locator('article.update', { hasText: 'Earlier update 2' }).waitFor({ state: 'detached' });
    assert.equal(await frame.locator('article.update').count(), 3, 'still the latest three');

    assert.deepEqual(await context.cookies(), [], 'no cookies on either origin');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
