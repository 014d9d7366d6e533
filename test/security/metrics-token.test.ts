/** `/metrics` is for the operator's scraper: DATELINE_METRICS_TOKEN closes it to everyone else. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createApp } from '../../src/app.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const TOKEN = 'scrape-me-3f9c1e7a2b';

describe('DATELINE_METRICS_TOKEN set', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { DATELINE_METRICS_TOKEN: TOKEN } });
  });
  after(() => t.close());

  it('answers /metrics only to the bearer of the token', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0000000' }, { authorization: TOKEN }]) {
      const response = await t.app.inject({ url: '/metrics', headers });
      assert.equal(response.statusCode, 401, JSON.stringify(headers));
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.doesNotMatch(response.body, /dateline_|process_cpu/);
    }
    const scrape = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(scrape.statusCode, 200);
    assert.match(scrape.body, /process_cpu_user_seconds_total/);
    assert.equal(scrape.headers['cache-control'], 'no-store');
  });
});

describe('DATELINE_METRICS_TOKEN unset', () => {
  it('leaves /metrics open on a development node, as before', async () => {
    const t = await createTestApp();
    try {
      assert.equal((await t.app.inject({ url: '/metrics' })).statusCode, 200);
    } finally {
      await t.close();
    }
  });

  it('says so at boot when the node is reachable from elsewhere', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = loadConfig({
      DATELINE_DATA_DIR: createTempDir(),
      DATELINE_SAMPLE: 'off',
      PORT: '0',
      DATELINE_TRUST_PROXY: '127.0.0.1',
      DATELINE_SITE_URL: 'https://news.example',
    });
    const node = await createApp(config, { logger: pino({ level: 'warn' }, sink) });
    await node.close();
    assert.ok(
      lines.some((line) => line.includes('/metrics is public: set DATELINE_METRICS_TOKEN')),
      lines.join(''),
    );
  });

  it('refuses a token too short to be a secret, in one line', () => {
    assert.throws(
      () => loadConfig({ DATELINE_METRICS_TOKEN: 'short' }),
      (error: unknown) =>
        error instanceof ConfigError && /^invalid DATELINE_METRICS_TOKEN=/.test(error.message),
    );
  });
});
