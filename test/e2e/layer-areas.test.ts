/**
 * Map layers in Chromium, beyond the first drawing (issue 16): two editors in two browser contexts
 * revise one area of control; one adds a second area, the other, still on the older revision, saves
 * and is told instead of dropping that area; then a second area is picked and removed. And the
 * reader's map draws a 2,000-vertex outline with fewer vertices when zoomed out, more as it zooms
 * in, with its area in km² from the full drawing. The page's GeoJSON export and import round-trip. DATELINE_SCREENSHOTS=1 writes
 * docs/screenshots/layers-areas-375.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'layer areas passphrase';
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const shoot = process.env['DATELINE_SCREENSHOTS'] === '1';

describe('layer areas and detail in Chromium', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let layerId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    const desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    for (const [email, name] of [
      ['rania@example.org', 'Rania Map'],
      ['omar@example.org', 'Omar Map'],
    ] as const)
      await t.accounts.addUser({ email, name, role: 'editor', password: PASSWORD });
    const force = await t.mapLayers.createForce(desk, { name: 'Syrian government', colour: '#c0392b' });
    const layer = await t.mapLayers.createLayer(
      desk,
      {
        kind: 'control',
        forceId: force.id,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [36.4, 32.8],
              [37.4, 32.8],
              [37.4, 33.6],
              [36.4, 33.6],
              [36.4, 32.8],
            ],
          ],
        },
        validFrom: '2026-05-27',
        source: 'Syria Daily correspondents',
        claimStatus: 'claimed',
      },
      'Rania Map',
    );
    layerId = layer.id;
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = async (email: string, viewport = { width: 1280, height: 1000 }): Promise<Page> => {
    const page = await (await browser.newContext({ viewport })).newPage();
    page.setDefaultTimeout(10_000);
    page.setDefaultNavigationTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    return page;
  };
  const storedParts = async (): Promise<number[]> => {
    const revisions = await t.mapLayers.revisions((await t.store.desks.getBySlug('syria-daily'))!, layerId);
    return revisions.map((r) => (r.geometry.type === 'MultiPolygon' ? r.geometry.coordinates.length : 1));
  };
  const status = (page: Page) => page.locator('#layer-form .nr-status');

  it('keeps a colleague’s second area: a stale save is refused, and an area can be picked and removed', async () => {
    const url = `${base}/newsroom/desks/syria-daily/layers?layer=${layerId}`;
    const omar = await signIn('omar@example.org');
    const rania = await signIn('rania@example.org');
    await omar.goto(url);
    await rania.goto(url);
    await omar.getByText('4 points, area closed.').waitFor();

    // Omar adds a second area away from the first and saves it.
    await omar.getByRole('button', { name: 'Add another area' }).click();
    await omar.getByText('Area 2 of 2: no points yet.').waitFor();
    // Measured after the click, which may have scrolled the page.
    const map = omar.locator('#layer-map');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const first = (await omar.locator('#layer-drawing [data-area="0"]').boundingBox())!;
    const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
    const corners = [at(0.7, 0.15), at(0.88, 0.15), at(0.8, 0.35)];
    for (const p of corners)
      assert.ok(
        p.x > first.x + first.width || p.y < first.y,
        'the second area is clicked clear of the first',
      );
    for (const p of corners) await omar.mouse.click(p.x, p.y);
    await omar.getByText('Area 2 of 2: 3 points.').waitFor();
    await omar.mouse.click(corners[0]!.x, corners[0]!.y);
    await omar.getByText('Area 2 of 2: 3 points, area closed.').waitFor();
    await omar.getByRole('button', { name: 'Save revision' }).click();
    await omar.waitForURL(/saved=1/);
    assert.match(
      (await omar.locator('.layer-revisions li').first().textContent()) ?? '',
      /Revision 2 by Omar Map.* 7 points/s,
    );
    assert.deepEqual(await storedParts(), [1, 2]);

    // Rania, still on revision 1, moves a corner of the first area and saves: refused, not merged away.
    const handle = rania.locator('#layer-drawing .layer-handle[data-index="2"]');
    const h = (await handle.boundingBox())!;
    await rania.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await rania.mouse.down();
    await rania.mouse.move(h.x + 20, h.y + 12, { steps: 4 });
    await rania.mouse.up();
    await rania.getByRole('button', { name: 'Save revision' }).click();
    await status(rania)
      .filter({ hasText: /Not saved: Omar Map saved revision 2/ })
      .waitFor();
    assert.equal(
      await rania.locator('#layer-drawing [data-area]').count(),
      1,
      'her drawing is still on screen',
    );
    assert.deepEqual(await storedParts(), [1, 2], 'Omar’s second area is still the newest revision');

    // She opens the newest, picks Omar's area by clicking it, and removes it on purpose.
    await rania.getByRole('link', { name: 'Open the newest revision' }).click();
    await rania.getByText('Area 1 of 2: 4 points, area closed.').waitFor();
    const second = (await rania.locator('#layer-drawing [data-area="1"]').boundingBox())!;
    await rania.mouse.click(second.x + second.width / 2, second.y + second.height / 3);
    await rania.getByText('Area 2 of 2: 3 points, area closed.').waitFor();
    await rania.getByRole('button', { name: 'Remove this area' }).click();
    await rania.getByText('4 points, area closed.', { exact: true }).waitFor();
    await rania.getByRole('button', { name: 'Save revision' }).click();
    await rania.waitForURL(/saved=1/);
    assert.deepEqual(await storedParts(), [1, 2, 1], 'removed in revision 3; revision 2 kept');

    // The page's export gives every revision; importing the two-area one brings Omar's area back.
    const href = await rania
      .getByRole('link', { name: 'Export every revision as GeoJSON' })
      .getAttribute('href');
    const exported = (await (await rania.request.get(`${base}${href}`)).json()) as {
      features: { properties: { revision: number } }[];
    };
    assert.deepEqual(
      exported.features.map((f) => f.properties.revision),
      [1, 2, 3],
    );
    const upload = rania.getByLabel('Import GeoJSON as new revisions');
    await upload.setInputFiles({
      name: 'broken.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type":'),
    });
    await rania.getByRole('button', { name: 'Import', exact: true }).click();
    await rania
      .locator('.layer-import .nr-status', { hasText: 'Nothing imported: broken.geojson is not GeoJSON' })
      .waitFor();
    const open = structuredClone({ ...exported, features: [exported.features[1]!] });
    (
      open.features[0] as unknown as { geometry: { coordinates: number[][][][] } }
    ).geometry.coordinates[0]![0]!.pop();
    await upload.setInputFiles({
      name: 'open.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(open)),
    });
    await rania.getByRole('button', { name: 'Import', exact: true }).click();
    await rania
      .locator('.layer-import .nr-status', {
        hasText: /Nothing imported: features\[0\]\.geometry: .*not closed/,
      })
      .waitFor();
    assert.deepEqual(await storedParts(), [1, 2, 1], 'nothing stored from a refused file');
    const two = { ...exported, features: [exported.features[1]!] };
    await upload.setInputFiles({
      name: 'two-areas.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(two)),
    });
    await rania.getByRole('button', { name: 'Import', exact: true }).click();
    await rania.locator('.layer-revisions li', { hasText: /Revision 4 by Rania Map.* 7 points/ }).waitFor();
    await rania.getByText('Area 1 of 2: 4 points, area closed.').waitFor();
    assert.deepEqual(await storedParts(), [1, 2, 1, 2]);

    const phone = await signIn('omar@example.org', { width: 375, height: 812 });
    await phone.goto(`${base}/newsroom/desks/syria-daily/layers?layer=${layerId}`);
    await phone.getByRole('button', { name: 'Add another area' }).waitFor();
    assert.equal(
      await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      0,
      'the drawing page with its area buttons fits 375 px',
    );
    if (shoot)
      await phone.screenshot({ path: new URL('layers-areas-375.png', SCREENSHOTS).pathname, fullPage: true });
    assert.deepEqual(errors, [], 'no script errors');
  });

  it('draws a 2,000-vertex outline with fewer vertices zoomed out and more as the reader zooms in', async () => {
    const desk = (await t.store.desks.getBySlug('syria-daily'))!;
    const ring: [number, number][] = [];
    for (let k = 0; k < 1999; k++) {
      const a = (2 * Math.PI * k) / 1999;
      const r = 0.3 * (1 + 0.1 * Math.sin(9 * a) + 0.03 * Math.sin(61 * a));
      ring.push([38.5 + r * Math.cos(a), 35 + r * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const zone = await t.mapLayers.createLayer(
      desk,
      {
        kind: 'zone',
        zoneKind: 'ceasefire',
        geometry: { type: 'Polygon', coordinates: [ring] },
        validFrom: '2026-05-01',
        source: 'Ceasefire map',
        claimStatus: 'verified',
      },
      'Rania Map',
    );
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultNavigationTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/map?desk=syria-daily&date=2026-06-01`);
    await page.locator('svg.map-js').waitFor();
    const vertices = () =>
      page.evaluate(
        () => (document.querySelector('path.layer-zone')?.getAttribute('d') ?? '').split(/[ML]/).length - 1,
      );
    await page.waitForFunction(
      () => (document.querySelector('path.layer-zone')?.getAttribute('d') ?? '').split(/[ML]/).length < 1000,
    );
    const far = await vertices();
    assert.ok(far > 20, `${far} vertices still draw its shape`);
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    for (let i = 0; i < 9; i++) await zoomIn.click();
    await page.waitForFunction(
      (n) =>
        (document.querySelector('path.layer-zone')?.getAttribute('d') ?? '').split(/[ML]/).length - 1 > n,
      far * 4,
    );
    assert.ok((await vertices()) > far * 4, 'more detail when zoomed in');
    const legend = page.locator('.layer-legend.layer-zone');
    const km2 = zone.current.areaKm2.toLocaleString('en-GB', { maximumFractionDigits: 0 });
    assert.match((await legend.textContent()) ?? '', new RegExp(`Ceasefire zone, from 1 May, ${km2} km²`));
    assert.deepEqual(errors, [], 'no script errors');
  });
});
