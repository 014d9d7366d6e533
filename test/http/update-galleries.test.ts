/**
 * Photo galleries in updates: an update carries several photos in the order the editor set, each
 * with its own alt text, caption and credit; the page shows them as a gallery of fixed-size boxes
 * with lazy images linking to the full photo; edits reorder and remove photos; bad input is refused
 * naming the field and stores nothing; a photo a gallery shows cannot be deleted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('photo galleries in updates', () => {
  let t: TestApp;
  let storyId: string;
  let storyUrl: string;
  const photoIds: string[] = [];
  let base: string;

  before(async () => {
    t = await createTestApp();
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.openDaily(desk, t.liveBlog.today(desk), 'any');
    storyId = story!.id;
    storyUrl = `/ukraine-live/${story!.slug}`;
    base = await t.listen();
    for (const [i, colour] of ['#52606d', '#7b8794', '#3e4c59'].entries())
      photoIds.push(await upload(colour, `Photo ${i + 1} as uploaded`));
  });
  after(() => t.close());

  async function upload(colour: string, alt: string): Promise<string> {
    const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: colour } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
    form.append('alt', alt);
    const response = await fetch(`${base}/api/v1/media`, {
      method: 'POST',
      body: form,
      headers: t.auth(t.editorToken),
    });
    assert.equal(response.status, 201, await response.clone().text());
    return ((await response.json()) as { id: string }).id;
  }

  const post = (payload: Record<string, unknown>, token = t.editorToken) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(token),
      payload,
    });

  const galleryOf = (html: string, id: string): string =>
    html.split(`id="update-${id}"`)[1]?.split('</article>')[0] ?? '';

  it('shows several photos as a gallery in the order given, each with its alt, caption and credit', async () => {
    const [a, b, c] = photoIds;
    const res = await post({
      body: 'Rescue crews worked through the night at the damaged apartment block in Odesa.',
      photos: [
        {
          mediaId: b,
          alt: 'Firefighters on a ladder',
          caption: 'The fifth floor <i>at dawn</i>',
          credit: 'Dateline',
        },
        { mediaId: a, caption: 'Residents outside', credit: 'Olena Kovalenko' },
        { mediaId: c, alt: 'A crane lifts debris' },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const update = res.json() as {
      id: string;
      version: number;
      media: { id: string; alt: string };
      gallery: { id: string; caption: string }[];
    };
    assert.equal(update.media.id, b, 'the first photo leads (what single-photo clients show)');
    assert.deepEqual(
      update.gallery.map((p) => p.id),
      [a, c],
    );

    const page = (await t.app.inject({ url: storyUrl })).body;
    const article = galleryOf(page, update.id);
    assert.match(article, /<section class="update-gallery" aria-label="Photos \(3\)">/);
    const alts = [...article.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(alts, ['Firefighters on a ladder', 'Photo 1 as uploaded', 'A crane lifts debris']);
    assert.equal([...article.matchAll(/loading="lazy"/g)].length, 3, 'every thumbnail loads lazily');
    assert.equal(
      [...article.matchAll(/<img [^>]*width="900" height="600"/g)].length,
      3,
      'intrinsic sizes: the browser reserves each box before the photo arrives',
    );
    assert.match(
      article,
      /The fifth floor &lt;i>at dawn&lt;\/i><span class="credit"> Photo: Dateline<\/span>/,
    );
    assert.match(article, /Residents outside<span class="credit"> Photo: Olena Kovalenko<\/span>/);
    // Without JavaScript each thumbnail opens the full photo (its widest JPEG).
    assert.match(
      article,
      /<a class="gallery-open" href="\/media\/[^"]+-1600\.jpg|<a class="gallery-open" href="\/media\/[^"]+\.jpg"/,
    );

    // Reordered and one removed: the page follows, and the removed photo can be deleted.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: update.version, photos: [{ mediaId: c }, { mediaId: b, caption: 'At dawn' }] },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const after = galleryOf((await t.app.inject({ url: storyUrl })).body, update.id);
    assert.deepEqual(
      [...after.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => m[1]),
      ['Photo 3 as uploaded', 'Photo 2 as uploaded'],
      'the alt text given before is not kept once the photo is sent without one',
    );
    assert.match(after, /At dawn/);
    const inUse = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/media/${b}`,
      headers: t.auth(t.editorToken),
    });
    assert.equal(inUse.statusCode, 409, 'a photo in a gallery is in use');
    const unused = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/media/${a}`,
      headers: t.auth(t.editorToken),
    });
    assert.equal(unused.statusCode, 204, unused.body);
    photoIds[0] = await upload('#52606d', 'Photo 1 again');

    // One photo left: shown as before, a single figure with its caption.
    const single = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: update.version + 1, photos: [{ mediaId: c, caption: 'The crane' }] },
    });
    assert.equal(single.statusCode, 200, single.body);
    const one = galleryOf((await t.app.inject({ url: storyUrl })).body, update.id);
    assert.doesNotMatch(one, /update-gallery/);
    assert.match(one, /<figure class="update-photo">[\s\S]*The crane/);
  });

  it('takes a contributor’s gallery into the submission and publishes it on approval', async () => {
    const res = await post(
      { body: 'Queues at a water point in Kherson.', photos: photoIds.map((mediaId) => ({ mediaId })) },
      t.contributorToken,
    );
    assert.equal(res.statusCode, 201, res.body);
    const { id } = res.json() as { id: string };
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${id}/approve`,
      headers: t.auth(t.editorToken),
      payload: {},
    });
    assert.equal(approved.statusCode, 200, approved.body);
    const article = galleryOf((await t.app.inject({ url: storyUrl })).body, id);
    assert.match(article, /aria-label="Photos \(3\)"/);
  });

  it('refuses bad galleries with a problem naming the field, storing nothing', async () => {
    const before = await t.store.updates.countByStory(storyId);
    const [a, b] = photoIds;
    for (const [payload, field] of [
      [{ body: 'x', photos: [{ mediaId: a }, { mediaId: a }] }, 'photos.1.mediaId'],
      [{ body: 'x', photos: [{ mediaId: 'nosuchphoto0000' }] }, 'photos.0.mediaId'],
      [{ body: 'x', photos: [{ mediaId: a, alt: '   ' }] }, 'photos.0.alt'],
      [{ body: 'x', photos: [{ mediaId: a, caption: 'x'.repeat(1001) }] }, 'photos.0.caption'],
      [{ body: 'x', photos: [{ mediaId: a, href: 'javascript:alert(1)' }] }, 'photos.0.href'],
      [{ body: 'x', photos: Array.from({ length: 21 }, () => ({ mediaId: b })) }, 'photos'],
      [{ body: 'x', photos: [{ mediaId: a }], mediaId: b }, 'mediaId'],
      [{ body: 'x', photos: [{ mediaId: a }], photoCaption: 'Caption' }, 'photoCaption'],
    ] as const) {
      const res = await post(payload);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal((res.json() as { field?: string }).field, field, res.body);
    }
    assert.equal(await t.store.updates.countByStory(storyId), before);
  });
});
