/**
 * Bylines and photo captions of updates: an update sent through the API names its authors (not the
 * token that filed it), and its photo carries a caption and credit; both reach the reader page, the
 * API and the feeds, and bad input is refused naming the field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('update bylines and photo captions', () => {
  let t: TestApp;
  let storyId: string;
  let storyUrl: string;

  before(async () => {
    t = await createTestApp();
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.openDaily(desk, t.liveBlog.today(desk), 'any');
    storyId = story!.id;
    storyUrl = `/ukraine-live/${story!.slug}`;
  });
  after(() => t.close());

  const post = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload,
    });

  async function uploadPhoto(caption: string): Promise<string> {
    const jpeg = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#52606d' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'port.jpg');
    form.append('alt', 'Fire crews at a burning warehouse');
    form.append('caption', caption);
    const response = await fetch(`${await t.listen()}/api/v1/media`, {
      method: 'POST',
      body: form,
      headers: t.auth(t.editorToken),
    });
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
  }

  it('bylines an API update to the authors given, not to the token that filed it', async () => {
    const res = await post({
      body: 'Two drones were shot down over Odesa overnight, the regional administration said.',
      authors: ['Olena Kovalenko', '  Taras \u202Eknylem\u202C  Melnyk ', 'olena kovalenko'],
    });
    assert.equal(res.statusCode, 201, res.body);
    const update = res.json() as { id: string; author: string; authors: string[] };
    assert.deepEqual(
      update.authors,
      ['Olena Kovalenko', 'Taras knylem Melnyk'],
      'cleaned (no bidi override), without repeats',
    );
    assert.equal(update.author, 'test-editor', 'who filed it is still known');

    const page = await t.app.inject({ url: storyUrl });
    assert.match(
      page.body,
      /By <a href="\/authors\/olena-kovalenko">Olena Kovalenko<\/a> and <a href="\/authors\/taras-knylem-melnyk">Taras knylem Melnyk<\/a>/,
      'each name links to its author page',
    );
    assert.doesNotMatch(page.body, /By test-editor/);
    const feed = (await t.app.inject({ url: `${storyUrl}/feed.json` })).json() as {
      items: { id: string; authors?: { name: string }[] }[];
    };
    assert.deepEqual(feed.items.find((i) => i.id.endsWith(update.id))?.authors, [
      { name: 'Olena Kovalenko' },
      { name: 'Taras knylem Melnyk' },
    ]);
    const atom = (await t.app.inject({ url: `${storyUrl}/feed.atom` })).body;
    assert.match(atom, /<name>Olena Kovalenko<\/name>[\s\S]*<name>Taras knylem Melnyk<\/name>/);

    // Without authors the byline is whoever filed it, as before.
    const plain = (await post({ body: 'Air raid alert lifted in Kyiv.' })).json() as { authors: string[] };
    assert.deepEqual(plain.authors, ['test-editor']);
  });

  it('shows a photo’s caption and credit on the page and in the feed, and changes them on an edit', async () => {
    const mediaId = await uploadPhoto('Caption from the upload');
    const res = await post({
      body: 'A warehouse in the port district burned for several hours.',
      mediaId,
      photoCaption: 'Fire crews at the port <b>on Tuesday</b>',
      photoCredit: 'Olena Kovalenko / Dateline',
    });
    assert.equal(res.statusCode, 201, res.body);
    const update = res.json() as { id: string; version: number; media: { id: string; caption: string } };
    assert.equal(update.media.caption, 'Fire crews at the port <b>on Tuesday</b>');

    const page = (await t.app.inject({ url: storyUrl })).body;
    assert.match(
      page,
      /<figcaption>Fire crews at the port &lt;b>on Tuesday&lt;\/b><span class="credit"> Photo: Olena Kovalenko \/ Dateline<\/span><\/figcaption>/,
      'caption and credit under the photo, as text',
    );
    const feed = (await t.app.inject({ url: `${storyUrl}/feed.json` })).json() as {
      items: { id: string; content_html: string }[];
    };
    const item = feed.items.find((i) => i.id.endsWith(update.id));
    assert.match(item?.content_html ?? '', /<img src="http[^"]+\/media\//);
    assert.match(item?.content_html ?? '', /Photo: Olena Kovalenko \/ Dateline/);

    // An edit changes the caption of the photo the update already has.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: update.version, photoCaption: 'Fire crews at the port on Tuesday evening' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const media = (edited.json() as { media: { id: string; caption: string; credit: string } }).media;
    assert.equal(media.id, mediaId);
    assert.equal(media.caption, 'Fire crews at the port on Tuesday evening');
    assert.equal(media.credit, 'Olena Kovalenko / Dateline');
  });

  it('refuses bad bylines and captions with a problem naming the field, storing nothing', async () => {
    const before = await t.store.updates.countByStory(storyId);
    for (const [payload, field] of [
      [{ body: 'x', photoCaption: 'A caption for no photo' }, 'photoCaption'],
      [{ body: 'x', photoCredit: 'Reuters' }, 'photoCredit'],
      [{ body: 'x', authors: ['Olena Kovalenko', '   '] }, 'authors.1'],
      [{ body: 'x', authors: ['\u0007'] }, 'authors.0'],
      [{ body: 'x', authors: Array.from({ length: 11 }, (_, i) => `Reporter ${i}`) }, 'authors'],
      [{ body: 'x', authors: ['x'.repeat(101)] }, 'authors.0'],
      [{ body: 'x', photoCaption: 'x'.repeat(1001) }, 'photoCaption'],
      [{ body: 'x', authors: 'Olena Kovalenko' }, 'authors'],
    ] as const) {
      const res = await post(payload);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal((res.json() as { field?: string }).field, field, res.body);
    }
    assert.equal(await t.store.updates.countByStory(storyId), before);
  });
});
