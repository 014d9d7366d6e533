/**
 * A burst of uploads cannot take the node: photos are processed a few at a time, each uploader may
 * have only a few in hand, and the queue behind them is bounded; past a bound the upload is refused
 * with 429 and Retry-After. Processing is held open by the test (a gate before the real pipeline), so
 * what is in hand is known without any timing.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { processImage } from '../../src/media/image-pipeline.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** A node whose photo processing waits at a gate the test opens; `started` counts photos let in. */
async function gatedApp(limits: { perUploader: number }) {
  let openGate: () => void = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const node = {
    t: null as unknown as TestApp,
    base: '',
    started: 0,
    onStart: () => {},
    openGate: () => openGate(),
  };
  node.t = await createTestApp({
    media: {
      limits: { concurrency: 1, maxWaiting: 2, retryAfterSeconds: 7, ...limits },
      process: async (file) => {
        node.started++;
        node.onStart();
        await gate;
        return processImage(file);
      },
    },
  });
  node.base = await node.t.listen();
  return node;
}

describe('upload concurrency', () => {
  let node: Awaited<ReturnType<typeof gatedApp>>;
  let t: TestApp;
  let base: string;
  let photo: Buffer;

  before(async () => {
    photo = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#567' } })
      .png()
      .toBuffer();
    node = await gatedApp({ perUploader: 2 });
    ({ t, base } = node);
  });
  after(() => {
    node.openGate();
    return t.close();
  });

  const upload = async (token: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'p.png');
    form.append('alt', 'A slate square');
    const response = await fetch(`${base}/api/v1/media`, {
      method: 'POST',
      body: form,
      headers: t.auth(token),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      type: response.headers.get('content-type'),
      json: (await response.json()) as { field?: string; detail?: string },
    };
  };
  /**
   * The first of `uploads` to be answered (while the gate is shut, only a refusal can be); fails at
   * once if another photo starts processing instead, as it would with no bound.
   */
  const firstAnswered = <T>(uploads: Promise<T>[]) =>
    Promise.race([
      ...uploads,
      new Promise<never>((_resolve, reject) => {
        node.onStart = () =>
          reject(new Error(`${node.started} photos processing at once; the node allows 1`));
      }),
    ]);

  it('refuses an uploader past their bound and everyone past the queue’s, with Retry-After', async () => {
    const firstStarted = new Promise<void>((resolve) => (node.onStart = resolve));
    const a = upload(t.editorToken);
    await firstStarted; // the node's one processing slot is held by the editor's first photo
    // The editor's second photo waits for the slot; a third is one too many for them.
    const [b, c] = [upload(t.editorToken), upload(t.editorToken)];
    const refused = await firstAnswered([b, c]);
    assert.equal(refused.status, 429);
    assert.equal(refused.retryAfter, '7');
    assert.equal(refused.type, 'application/problem+json; charset=utf-8');
    assert.equal(refused.json.field, 'file');
    assert.match(refused.json.detail!, /per uploader/);
    // Someone else may still queue, up to the node's bound (two waiting): one more fits, then no more.
    const [d, e] = [upload(t.adminToken), upload(t.contributorToken)];
    const full = await firstAnswered([d, e]);
    assert.equal(full.status, 429);
    assert.match(full.json.detail!, /as many photos as it can/);
    assert.equal(node.started, 1, 'nothing else started while the slot was held');
    node.openGate();
    const answers = await Promise.all([a, b, c, d, e]);
    assert.deepEqual(
      answers.map((x) => x.status).sort(),
      [201, 201, 201, 429, 429],
      'the queued ones are processed in turn',
    );
    assert.equal(node.started, 3);
  });

  it('keeps sharp to one thread per image and no cache of decoded originals', () => {
    assert.equal(sharp.concurrency(), 1);
    assert.equal(sharp.cache().memory.max, 0);
  });
});

/**
 * Sends the head of a multipart upload declaring `length` bytes and only `sent` of them, then waits for
 * the answer: a server that reads the body before deciding would never answer.
 */
async function answerToPartialUpload(
  url: string,
  token: string,
  length: number,
  sent: Buffer,
): Promise<{ status: number; connection: string | undefined; detail: string }> {
  const request = http.request(url, {
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'multipart/form-data; boundary=b0undary',
      'content-length': String(length),
    },
  });
  request.on('error', () => {}); // the server may close the connection on us; that is the point
  request.write(sent);
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  let body = '';
  for await (const chunk of response) body += String(chunk);
  request.destroy();
  return {
    status: response.statusCode ?? 0,
    connection: response.headers.connection,
    detail: (JSON.parse(body) as { detail: string }).detail,
  };
}

describe('an upload refused before its body is read', () => {
  let node: Awaited<ReturnType<typeof gatedApp>>;
  before(async () => (node = await gatedApp({ perUploader: 1 })));
  after(() => {
    node.openGate();
    return node.t.close();
  });

  const head = Buffer.from(
    '--b0undary\r\ncontent-disposition: form-data; name="file"; filename="p.png"\r\ncontent-type: image/png\r\n\r\n',
  );

  // Without the check the server waits for bytes that never come: the timeout is what fails then.
  it(
    'says 429 to an uploader with a photo in hand without waiting for the rest of the file',
    { timeout: 30_000 },
    async () => {
      const photo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#567' } })
        .png()
        .toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'p.png');
      form.append('alt', 'A slate square');
      const started = new Promise<void>((resolve) => (node.onStart = resolve));
      const first = fetch(`${node.base}/api/v1/media`, {
        method: 'POST',
        body: form,
        headers: node.t.auth(node.t.editorToken),
      });
      await started;
      const refused = await answerToPartialUpload(
        `${node.base}/api/v1/media`,
        node.t.editorToken,
        5_000_000,
        head,
      );
      assert.equal(refused.status, 429);
      assert.equal(refused.connection, 'close');
      assert.match(refused.detail, /per uploader/);
      node.openGate();
      assert.equal((await first).status, 201);
    },
  );

  it('says 413 to a body declared over the limit before reading it', { timeout: 30_000 }, async () => {
    const refused = await answerToPartialUpload(
      `${node.base}/api/v1/media`,
      node.t.adminToken,
      30 * 1048576,
      head,
    );
    assert.equal(refused.status, 413);
    assert.equal(refused.connection, 'close');
    assert.match(refused.detail, /larger than 20 MB/);
  });
});
