import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Story } from '../../../src/domain/types.ts';
import { preferredEncoding } from '../../../src/http/kit/send-page.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

describe('compressed pages, ETag and 304', () => {
  let t: TestApp;
  let story: Story;
  let url: string;

  before(async () => {
    t = await createTestApp();
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    story = await t.liveBlog.createStory({ desk: desk.slug, slug: 'strikes', headline: 'Strikes on Odesa' });
    url = `/${desk.slug}/strikes`;
    for (let i = 0; i < 30; i++) {
      await t.liveBlog.publishUpdate(
        story.id,
        { body: `Air raid alert number ${i} over the region.` },
        'Desk',
      );
    }
  });
  after(() => t.close());

  it('sends a story page brotli- or gzip-compressed, the same page as uncompressed', async () => {
    const plain = await t.app.inject({ url });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(String(plain.headers['vary']), /accept-encoding/i);

    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body);
    assert.ok(br.rawPayload.byteLength * 4 < plain.rawPayload.byteLength, 'at least four times smaller');

    const gzip = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.rawPayload).toString('utf8'), plain.body);
  });

  it('answers a repeat view with 304 and no body until the page changes', async () => {
    const first = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    const etag = String(first.headers['etag']);
    assert.match(etag, /^W\/"[\w-]+"$/);

    const again = await t.app.inject({ url, headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.byteLength, 0);
    assert.equal(again.headers['etag'], etag);

    await t.liveBlog.publishUpdate(story.id, { body: 'Explosions heard in the port.' }, 'Desk');
    const changed = await t.app.inject({ url, headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers['etag'], etag);
    assert.match(brotliDecompressSync(changed.rawPayload).toString('utf8'), /Explosions heard in the port/);
  });

  it('keeps private newsroom pages uncompressed and untagged for other caches', async () => {
    const res = await t.app.inject({
      url: '/newsroom',
      headers: { ...t.auth(t.editorToken), 'accept-encoding': 'br' },
    });
    assert.equal(res.headers['content-encoding'], undefined);
    assert.match(String(res.headers['cache-control']), /no-store/);
  });

  it('never compresses or buffers a live stream', async () => {
    const base = await t.listen();
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request(`${base}/api/v1/stories/${story.id}/live`, {
        headers: { 'accept-encoding': 'br, gzip' },
      });
      req.on('response', (res) => {
        resolve(res.headers);
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    assert.match(String(headers['content-type']), /text\/event-stream/);
    assert.equal(headers['content-encoding'], undefined);
  });

  it('follows the client’s Accept-Encoding, including refusals', () => {
    assert.equal(preferredEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(preferredEncoding('gzip'), 'gzip');
    assert.equal(preferredEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(preferredEncoding('*'), 'br');
    assert.equal(preferredEncoding('identity'), null);
    assert.equal(preferredEncoding(undefined), null);
  });
});
