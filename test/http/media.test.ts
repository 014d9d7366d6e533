/** Photo uploads: metadata stripped from every served size, limits enforced, photos and videos on the page. */
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** A 2000×1200 JPEG rotated by its EXIF orientation (6: portrait), carrying GPS and a named source. */
function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1200, channels: 3, background: '#7a5230' } })
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'Source Nadia K.', Artist: 'Nadia K.' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '35/1 8/1 2/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '36/1 45/1 3/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A valid small PNG whose header claims 30000×30000 pixels: what a decompression bomb looks like. */
async function pngBomb(): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  png.writeUInt32BE(30_000, 16);
  png.writeUInt32BE(30_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe('media', () => {
  let t: TestApp;
  let base: string;

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
  });
  after(() => t.close());

  async function upload(fields: Record<string, string>, file: Buffer | null, token = t.editorToken) {
    const form = new FormData();
    if (file) form.append('file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'photo.jpg');
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const response = await fetch(`${base}/api/v1/media`, {
      method: 'POST',
      body: form,
      headers: token ? t.auth(token) : {},
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it('serves every size without EXIF, GPS or any other metadata, upright', async () => {
    const original = await photoWithGps();
    assert.ok(original.includes(Buffer.from([0x25, 0x88])), 'the fixture carries a GPS IFD');
    const { status, json } = await upload(
      { alt: 'Smoke over the depot', caption: 'Hama', credit: 'Stringer' },
      original,
    );
    assert.equal(status, 201, JSON.stringify(json));
    const variants = json.variants as { width: number; url: string; type: string }[];
    assert.deepEqual(variants.map((v) => `${v.width} ${v.type}`).sort(), [
      '1200 image/jpeg',
      '1200 image/webp',
      '480 image/jpeg',
      '480 image/webp',
      '960 image/jpeg',
      '960 image/webp',
    ]);
    for (const variant of variants) {
      const response = await fetch(`${base}${variant.url}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), variant.type);
      const bytes = Buffer.from(await response.arrayBuffer());
      for (const marker of ['Exif', 'GPS', 'Nadia', 'http://ns.adobe.com/xap', 'Photoshop 3.0']) {
        assert.ok(!bytes.includes(marker), `${variant.url} contains ${marker}`);
      }
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.exif, undefined, `${variant.url} has EXIF`);
      assert.equal(meta.xmp, undefined);
      assert.equal(meta.iptc, undefined);
      assert.equal(meta.width, variant.width);
      assert.ok((meta.height ?? 0) > (meta.width ?? 0), 'the EXIF orientation was applied');
    }
  });

  it('requires alt text and a real image, and refuses a decompression bomb', async () => {
    const photo = await photoWithGps();
    const noAlt = await upload({ caption: 'x' }, photo);
    assert.equal(noAlt.status, 400);
    assert.equal(noAlt.json.field, 'alt');
    const notImage = await upload({ alt: 'x' }, Buffer.from('<svg onload=alert(1)>'));
    assert.equal(notImage.status, 400);
    assert.equal(notImage.json.field, 'file');
    const bomb = await upload({ alt: 'x' }, await pngBomb());
    assert.equal(bomb.status, 413);
    assert.equal(bomb.json.field, 'file');
    const noFile = await upload({ alt: 'x' }, null);
    assert.equal(noFile.status, 400);
    assert.equal(noFile.json.field, 'file');
    assert.equal((await upload({ alt: 'x' }, photo, '')).status, 401);
    assert.equal((await upload({ alt: 'x' }, photo, t.contributorToken)).status, 201);
  });

  it('shows a photo with srcset and a claimed video as a facade that loads nothing until clicked', async () => {
    const photo = await upload(
      { alt: 'Aid trucks at the crossing', caption: 'Bab al-Hawa', credit: 'Desk' },
      await photoWithGps(),
    );
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: 'Crossing reopens', topPhotoId: photo.json.id },
    });
    assert.equal(story.statusCode, 201, story.body);
    const update = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.json().id}/updates`,
      headers: t.auth(t.editorToken),
      payload: {
        body: 'Trucks crossed at dawn.',
        mediaId: photo.json.id,
        claimStatus: 'claimed',
        videoUrl: 'https://www.youtube.com/watch?v=abc123',
      },
    });
    assert.equal(update.statusCode, 201, update.body);
    assert.equal(update.json().media.id, photo.json.id);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.json().id}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: 'x', mediaId: 'nope' },
    });
    assert.equal(unknown.json().field, 'mediaId');

    const page = (await t.app.inject({ url: '/stories/crossing-reopens' })).body;
    assert.match(
      page,
      /<source type="image\/webp" srcset="\/media\/[a-z0-9]+\/480\.webp 480w, [^"]*960w, [^"]*1200w"/,
    );
    assert.match(page, /alt="Aid trucks at the crossing"/);
    assert.match(page, /Claimed video — claimed, not verified/);
    assert.match(page, /Video on YouTube/);
    // Nothing on the page is fetched from a third party: no iframe, script, image or style from elsewhere.
    assert.doesNotMatch(page, /<iframe/);
    assert.doesNotMatch(page, /<(img|script|source|link|iframe)[^>]+(src|srcset)="(https?:)?\/\//);
  });
});
