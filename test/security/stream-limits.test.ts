/**
 * Issue 12, finding 2: one client could open streams until the server ran out of file descriptors.
 * Streams are capped per client address (behind a trusted proxy, the reader's address) and in total,
 * over real sockets against a listening server; a refused stream gets 429 problem+json with
 * Retry-After, and ordinary pages keep being served.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { addressKey } from '../../src/http/stream-slots.ts';
import { defaultStreamTotal } from '../../src/ops/open-files.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** A stream request held open; `status` once the head arrived. */
interface Held {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  close(): void;
}

function openStream(url: string, headers: Record<string, string> = {}): Promise<Held> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { headers: { accept: 'text/event-stream', ...headers }, agent: false },
      (res) => {
        const held: Held = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: '',
          close: () => request.destroy(),
        };
        res.setEncoding('utf8');
        if (held.status !== 200) {
          res.on('data', (chunk: string) => (held.body += chunk));
          res.on('end', () => resolve(held));
        } else {
          res.on('data', () => {});
          resolve(held);
        }
      },
    );
    request.on('error', reject);
  });
}

async function assertRefused(held: Held, detail: RegExp): Promise<void> {
  assert.equal(held.status, 429, `expected a refusal (${String(detail)})`);
  assert.match(String(held.headers['content-type']), /^application\/problem\+json/);
  assert.match(String(held.headers['retry-after']), /^\d+$/);
  const problem = JSON.parse(held.body) as { status: number; detail: string };
  assert.equal(problem.status, 429);
  assert.match(problem.detail, detail);
}

/** Opens streams until one is accepted again (a closed stream's slot comes back when its socket closes). */
async function openWhenFree(url: string, headers: Record<string, string> = {}): Promise<Held> {
  for (;;) {
    const held = await openStream(url, headers);
    if (held.status === 200) return held;
    assert.equal(held.status, 429);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('live stream caps', () => {
  describe('without a trusted proxy', () => {
    let t: TestApp;
    let base: string;
    let storyUrl: string;
    const open: Held[] = [];
    before(async () => {
      t = await createTestApp({ env: { DATELINE_STREAMS_PER_ADDRESS: '3', DATELINE_STREAMS_MAX: '5' } });
      base = await t.listen();
      const story = await t.liveBlog.createStory({ headline: 'Caps' });
      storyUrl = `${base}/api/v1/stories/${story.id}/live`;
    });
    after(async () => {
      for (const held of open) held.close();
      await t.close();
    });

    it('refuses a fourth stream from one address with 429, serves pages meanwhile, and frees slots on close', async () => {
      for (const url of [storyUrl, `${base}/api/v1/live`, `${storyUrl}?since=0`]) {
        const held = await openStream(url);
        assert.equal(held.status, 200);
        open.push(held);
      }
      await assertRefused(await openStream(storyUrl), /your address/);
      await assertRefused(await openStream(`${base}/api/v1/live`), /your address/);
      // X-Forwarded-For from an untrusted client changes nothing.
      await assertRefused(await openStream(storyUrl, { 'x-forwarded-for': '203.0.113.9' }), /your address/);
      // Refused before any other work: even a story that does not exist is not looked up.
      await assertRefused(await openStream(`${base}/api/v1/stories/nosuchstory/live`), /your address/);
      assert.equal((await fetch(`${base}/`)).status, 200);

      open.shift()!.close();
      open.push(await openWhenFree(storyUrl));
    });
  });

  describe('behind a trusted proxy', () => {
    let t: TestApp;
    let base: string;
    const open: Held[] = [];
    before(async () => {
      t = await createTestApp({
        env: {
          DATELINE_STREAMS_PER_ADDRESS: '2',
          DATELINE_STREAMS_MAX: '6',
          DATELINE_TRUST_PROXY: '127.0.0.1',
          DATELINE_SITE_URL: 'https://news.example',
        },
      });
      base = await t.listen();
    });
    after(async () => {
      for (const held of open) held.close();
      await t.close();
    });

    it("counts the reader's address, and keeps the total under its cap for everyone", async () => {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let i = 0; i < 2; i++) open.push(await openStream(`${base}/api/v1/live`, from('198.51.100.1')));
      await assertRefused(await openStream(`${base}/api/v1/live`, from('198.51.100.1')), /your address/);
      // Another reader behind the same proxy is not affected; one IPv6 /64 counts as one address.
      open.push(await openStream(`${base}/api/v1/live`, from('198.51.100.2')));
      open.push(await openStream(`${base}/api/v1/live`, from('2001:db8:1:2::10')));
      open.push(await openStream(`${base}/api/v1/live`, from('2001:db8:1:2::20')));
      await assertRefused(
        await openStream(`${base}/api/v1/live`, from('2001:db8:1:2:ffff::1')),
        /your address/,
      );
      open.push(await openStream(`${base}/api/v1/live`, from('198.51.100.3')));
      assert.deepEqual(
        open.map((h) => h.status),
        [200, 200, 200, 200, 200, 200],
      );
      // The total is reached: a new address is refused too, and ordinary requests still work.
      await assertRefused(
        await openStream(`${base}/api/v1/live`, from('198.51.100.4')),
        /as many live streams/,
      );
      assert.equal((await fetch(`${base}/`)).status, 200);
    });
  });

  describe('opening streams fast', () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await createTestApp({
        env: {
          DATELINE_STREAM_OPENS_PER_MINUTE: '3',
          DATELINE_TRUST_PROXY: '127.0.0.1',
          DATELINE_SITE_URL: 'https://news.example',
        },
      });
      base = await t.listen();
    });
    after(() => t.close());

    it('refuses an address that opens more new streams a minute than allowed, even when it closes them', async () => {
      const from = { 'x-forwarded-for': '198.51.100.7' };
      for (let i = 0; i < 3; i++) {
        const held = await openStream(`${base}/api/v1/live`, from);
        assert.equal(held.status, 200);
        held.close();
      }
      await assertRefused(await openStream(`${base}/api/v1/live`, from), /at most 3 a minute/);
      const other = await openStream(`${base}/api/v1/live`, { 'x-forwarded-for': '198.51.100.8' });
      assert.equal(other.status, 200, 'another address opens its own');
      other.close();
      assert.equal((await fetch(`${base}/`)).status, 200);
    });
  });

  it('counts IPv6 clients by /64 and reads the default total from the open-file limit', () => {
    assert.equal(addressKey('2001:db8:1:2::10'), '2001:db8:1:2::/64');
    assert.equal(addressKey('2001:0db8:0001:0002:ffff::1'), '2001:db8:1:2::/64');
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
    assert.equal(addressKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(addressKey('192.0.2.7'), '192.0.2.7');
    assert.equal(
      defaultStreamTotal('Max open files            20000                20000                files\n'),
      18976,
    );
    assert.equal(
      defaultStreamTotal('Max open files            1024                 4096                 files\n'),
      64,
    );
  });

  it('refuses a bad cap at start-up with one line naming it', () => {
    for (const name of [
      'DATELINE_STREAMS_PER_ADDRESS',
      'DATELINE_STREAMS_MAX',
      'DATELINE_STREAM_REPLAY_MAX',
      'DATELINE_STREAM_OPENS_PER_MINUTE',
    ])
      assert.throws(
        () => loadConfig({ [name]: '0' }),
        (error: unknown) =>
          error instanceof ConfigError && error.message === `invalid ${name}="0": must be at least 1`,
      );
    assert.deepEqual(loadConfig({ DATELINE_STREAMS_MAX: '500' }).streams, {
      perAddress: 100,
      opensPerMinute: 20,
      total: 500,
      replayMax: 256,
    });
  });
});
