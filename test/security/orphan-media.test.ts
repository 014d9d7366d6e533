/**
 * Photos on disk always have a record: a refused record removes the files, leftovers are removed at
 * start, and files no record lists are never served (and can still be deleted).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTempDir } from '../support/temp-dir.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const png = () =>
  sharp({ create: { width: 320, height: 200, channels: 3, background: '#456' } })
    .png()
    .toBuffer();

/** A folder as a crash would leave it, last touched `ageMs` ago. */
function leaveFolder(mediaDir: string, name: string, ageMs: number): string {
  const folder = join(mediaDir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '800.jpg'), 'not really a photo');
  const then = new Date(Date.now() - ageMs);
  utimesSync(folder, then, then);
  return folder;
}

describe('orphaned media', () => {
  let t: TestApp;
  let base: string;
  let mediaDir: string;
  const left: Record<string, string> = {};

  before(async () => {
    const dataDir = createTempDir();
    mediaDir = join(dataDir, 'media');
    const hour = 60 * 60_000;
    left['tmp'] = leaveFolder(mediaDir, '.tmp-01crashedupload0000000', hour);
    left['unrecorded'] = leaveFolder(mediaDir, '01norecordeverwritten00000', hour);
    // Another node sharing the folder may be mid-upload: fresh folders are not touched.
    left['inFlight'] = leaveFolder(mediaDir, '.tmp-01uploadinprogress00000', 0);
    t = await createTestApp({ dataDir });
    base = await t.listen();
  });
  after(() => t.close());

  const upload = async (alt = 'A blue-grey square') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'p.png');
    form.append('alt', alt);
    const response = await fetch(`${base}/api/v1/media`, {
      method: 'POST',
      body: form,
      headers: t.auth(t.editorToken),
    });
    return { status: response.status, json: (await response.json()) as { id?: string; url?: string } };
  };

  it('removes leftover .tmp-* folders and unrecorded photo folders at start', () => {
    assert.equal(existsSync(left['tmp']!), false, '.tmp-* of a cut-short upload');
    assert.equal(existsSync(left['unrecorded']!), false, 'files whose record was never written');
    assert.equal(existsSync(left['inFlight']!), true, 'a fresh folder may be another node’s upload');
  });

  it('leaves no files behind when the record cannot be written', async () => {
    const before = readdirSync(mediaDir).sort();
    const create = t.store.media.create;
    t.store.media.create = async () => {
      throw new Error('the database refused the record');
    };
    try {
      const { status } = await upload();
      assert.equal(status, 500);
    } finally {
      t.store.media.create = create;
    }
    assert.deepEqual(readdirSync(mediaDir).sort(), before, 'no photo folder without a record');
    const { status, json } = await upload();
    assert.equal(status, 201, 'uploads work again');
    assert.equal((await fetch(`${base}${json.url}`)).status, 200);
  });

  it('never serves files no record lists, and lets an editor delete them', async () => {
    const folder = leaveFolder(mediaDir, '01orphanedbyacrash0000000', 0);
    const served = await fetch(`${base}/media/01orphanedbyacrash0000000/800.jpg`);
    assert.equal(served.status, 404);
    const { json } = await upload();
    const id = json.id!;
    writeFileSync(join(mediaDir, id, '9999.jpg'), 'planted next to a real photo');
    assert.equal((await fetch(`${base}/media/${id}/9999.jpg`)).status, 404, 'not one of its sizes');
    const deleted = await fetch(`${base}/api/v1/media/01orphanedbyacrash0000000`, {
      method: 'DELETE',
      headers: t.auth(t.editorToken),
    });
    assert.equal(deleted.status, 204);
    assert.equal(existsSync(folder), false);
    const again = await fetch(`${base}/api/v1/media/01orphanedbyacrash0000000`, {
      method: 'DELETE',
      headers: t.auth(t.editorToken),
    });
    assert.equal(again.status, 404);
  });
});
