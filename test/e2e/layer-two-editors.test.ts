/**
 * Two editors of one desk open the same map layer in the drawing page (two browser contexts in
 * Chromium). The first saves a correction; the second, whose page still shows the old revision, saves
 * theirs. The second save must not silently undo the first: it is refused with the colleague's
 * revision named, and the layer keeps the first editor's correction until the second reloads. Forces
 * likewise: one editor renames a force, the other recolours it from a page showing the old name, and
 * both changes stand. And a delete from a page older than a colleague's revision is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_SKIP, launchChromium } from '../support/chromium.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'layers editor passphrase';

describe('two editors revising one map layer', { skip: CHROMIUM_SKIP }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let layerId: string;
  const errors: string[] = [];

  before(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    for (const [email, name] of [
      ['rania@example.org', 'Rania Map'],
      ['omar@example.org', 'Omar Line'],
    ] as const)
      await t.accounts.addUser({ email, name, role: 'editor', password: PASSWORD });
    const drawn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/syria-daily/layers',
      headers: t.auth(t.editorToken),
      payload: {
        kind: 'front',
        label: 'Northern front',
        geometry: {
          type: 'LineString',
          coordinates: [
            [36.6, 36.0],
            [37.2, 36.3],
          ],
        },
        validFrom: '2026-12-01',
        source: 'Desk correspondents',
        claimStatus: 'claimed',
      },
    });
    assert.equal(drawn.statusCode, 201, drawn.body);
    layerId = drawn.json().id;
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.setDefaultNavigationTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/newsroom/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/newsroom`);
    await page.goto(`${base}/newsroom/desks/syria-daily/layers?layer=${layerId}`);
    return page;
  };

  it("refuses the stale save and keeps the colleague's correction", async () => {
    const rania = await signIn('rania@example.org');
    const omar = await signIn('omar@example.org');

    await rania.getByLabel('Source').fill('Geolocated video, 4 December');
    await rania.getByRole('button', { name: 'Save revision' }).click();
    await rania.waitForURL(/saved=1/);

    await omar.getByLabel('Label').fill('Northern front (Omar)');
    await omar.getByRole('button', { name: 'Save revision' }).click();
    await omar
      .getByText(/Rania Map/)
      .first()
      .waitFor();
    assert.match(omar.url(), new RegExp(`layer=${layerId}$`), 'Omar stays on his unsaved page');
    assert.equal(await omar.getByLabel('Label').inputValue(), 'Northern front (Omar)', 'his edit is kept');

    const revisions = await t.app.inject({
      url: `/api/v1/desks/syria-daily/layers/${layerId}/revisions`,
    });
    const list = revisions.json() as { source: string; author: string }[];
    assert.equal(list.length, 2, 'only Rania’s revision was added');
    assert.equal(list.at(-1)!.source, 'Geolocated video, 4 December');

    // After a reload Omar sees Rania's correction and can save on top of it.
    await omar.reload();
    assert.equal(await omar.getByLabel('Source').inputValue(), 'Geolocated video, 4 December');
    await omar.getByLabel('Label').fill('Northern front (Omar)');
    await omar.getByRole('button', { name: 'Save revision' }).click();
    await omar.waitForURL(/saved=1/);
    const after = (
      await t.app.inject({ url: `/api/v1/desks/syria-daily/layers/${layerId}/revisions` })
    ).json() as { source: string; label: string }[];
    assert.equal(after.length, 3);
    assert.deepEqual(
      [after.at(-1)!.source, after.at(-1)!.label],
      ['Geolocated video, 4 December', 'Northern front (Omar)'],
    );
    assert.deepEqual(errors, []);
  });

  it("keeps a colleague's rename of a force when another editor recolours it", async () => {
    const force = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/syria-daily/forces',
      headers: t.auth(t.editorToken),
      payload: { name: 'Opposition', colour: '#2e6da4' },
    });
    assert.equal(force.statusCode, 201, force.body);
    const rania = await signIn('rania@example.org');
    const omar = await signIn('omar@example.org');
    const row = (page: Page) => page.locator(`form.force-form[data-force="${force.json().id}"]`);

    await row(rania).getByLabel('Name').fill('Syrian opposition (SNA)');
    await row(rania).getByRole('button', { name: 'Save' }).click();
    await rania.waitForFunction(
      (id) =>
        (document.querySelector(`form.force-form[data-force="${id}"] input[name="name"]`) as HTMLInputElement)
          ?.defaultValue === 'Syrian opposition (SNA)',
      force.json().id,
    );

    await row(omar).getByLabel('Colour').fill('#2f8f4e');
    await row(omar).getByRole('button', { name: 'Save' }).click();
    await omar.waitForFunction(
      (id) =>
        (
          document.querySelector(
            `form.force-form[data-force="${id}"] input[name="colour"]`,
          ) as HTMLInputElement
        )?.defaultValue === '#2f8f4e',
      force.json().id,
    );
    const forces = (await t.app.inject({ url: '/api/v1/desks/syria-daily/forces' })).json() as {
      name: string;
      colour: string;
    }[];
    assert.deepEqual(
      forces.filter((f) => f.colour === '#2f8f4e').map((f) => f.name),
      ['Syrian opposition (SNA)'],
      "Rania's rename stands beside Omar's colour",
    );
    assert.deepEqual(errors, []);
  });

  it("does not delete a layer from a page older than a colleague's revision", async () => {
    const rania = await signIn('rania@example.org');
    const omar = await signIn('omar@example.org');
    const revisionsNow = async () =>
      (
        (
          await t.app.inject({ url: `/api/v1/desks/syria-daily/layers/${layerId}/revisions` })
        ).json() as unknown[]
      ).length;
    const before = await revisionsNow();

    await rania.getByLabel('Source').fill('Second geolocated video');
    await rania.getByRole('button', { name: 'Save revision' }).click();
    await rania.waitForURL(/saved=1/);

    omar.once('dialog', (dialog) => void dialog.accept());
    await omar.getByRole('button', { name: 'Delete this layer' }).click();
    await omar.locator('#layer-form .nr-status', { hasText: /Rania Map saved revision/ }).waitFor();
    const layer = await t.app.inject({ url: `/api/v1/desks/syria-daily/layers/${layerId}` });
    assert.equal(layer.statusCode, 200, 'the layer is still on the maps');
    assert.equal(await revisionsNow(), before + 1);

    // Having seen Rania's revision, Omar can delete it on purpose.
    await omar.reload();
    omar.once('dialog', (dialog) => void dialog.accept());
    await omar.getByRole('button', { name: 'Delete this layer' }).click();
    await omar.waitForURL(`${base}/newsroom/desks/syria-daily/layers`);
    const gone = await t.app.inject({ url: `/api/v1/desks/syria-daily/layers/${layerId}` });
    assert.equal(gone.statusCode, 404);
    assert.deepEqual(errors, []);
  });
});
