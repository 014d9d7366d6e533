/**
 * The operator's guide's nginx configuration (docs/operations/nginx-dateline.conf), run as written in
 * front of three nodes: live events pass through unbuffered, and a reader whose node dies resumes
 * through nginx on another node without loss. Needs nginx, PostgreSQL and Redis; skipped with the
 * reason when one is missing, except under CI=true.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { clusterUnavailable, postJson, startCluster, type Cluster } from '../support/cluster.ts';
import { createTempDir } from '../support/temp-dir.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
const CONF = new URL('../../docs/operations/nginx-dateline.conf', import.meta.url).pathname;

const missing =
  NGINX === undefined ? 'nginx is not installed (apt-get install nginx)' : await clusterUnavailable();

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts nginx with the guide's server block, pointed at `ports`; resolves once it accepts requests. */
async function startNginx(ports: number[]): Promise<{ url: string; child: ChildProcess }> {
  const prefix = createTempDir();
  // nginx's workers (an unprivileged user when started as root) write large request bodies, such as
  // photo uploads, to client_body_temp_path inside this directory: they must be able to reach it.
  chmodSync(prefix, 0o755);
  mkdirSync(join(prefix, 'logs'));
  const listen = await freePort();
  let site = readFileSync(CONF, 'utf8').replace(/listen 8080;/, `listen 127.0.0.1:${listen};`);
  ports.forEach(
    (port, i) => (site = site.replace(`server 127.0.0.1:${8081 + i} `, `server 127.0.0.1:${port} `)),
  );
  assert.equal((site.match(/server 127\.0\.0\.1:808\d/g) ?? []).length, 0, 'every node replaced');
  writeFileSync(join(prefix, 'dateline.conf'), site);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'logs/error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${join(prefix, kind)};`,
      ),
      `  include ${join(prefix, 'dateline.conf')};`,
      '}',
    ].join('\n'),
  );
  const child = spawn(NGINX!, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${listen}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${readFileSync(join(prefix, 'logs/error.log'), 'utf8')}`);
    }
    const up = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A request from a chosen loopback address, its response head, and its body when it ends. */
interface Opened {
  status: number;
  headers: http.IncomingHttpHeaders;
  body(): Promise<unknown>;
  close(): void;
}

function openFrom(localAddress: string, url: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { localAddress, agent: false, headers: { accept: 'text/event-stream' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        const ended = new Promise<void>((done) => res.on('end', done));
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: async () => {
            await ended;
            return JSON.parse(text) as unknown;
          },
          close: () => request.destroy(),
        });
      },
    );
    request.on('error', reject);
  });
}

if (missing !== null && process.env.CI === 'true') {
  it('has nginx, PostgreSQL and Redis for the nginx test (required in CI)', () => assert.fail(missing));
} else {
  describe(
    'nginx in front of three nodes, configured as the operator guide says',
    { skip: missing ?? false },
    () => {
      let cluster: Cluster;
      let nginx: { url: string; child: ChildProcess };
      const clients: SseTestClient[] = [];
      const opened: Opened[] = [];

      before(async () => {
        cluster = await startCluster(3);
        nginx = await startNginx(cluster.nodes.map((node) => Number(new URL(node.url).port)));
      });

      after(async () => {
        for (const client of clients) await client.close();
        for (const stream of opened) stream.close();
        nginx?.child.kill('SIGTERM');
        await cluster?.close();
      });

      it('carries live events as they happen, and a reader resumes through nginx when its node dies', async () => {
        const post = <T>(path: string, body: unknown) => postJson<T>(nginx.url, cluster.headers, path, body);
        const story = await post<{ id: string }>('/stories', { headline: 'Behind nginx' });
        const reader = new SseTestClient(`${nginx.url}/api/v1/stories/${story.id}/live`);
        clients.push(reader);
        await reader.connected();
        assert.equal(reader.headers['content-type'], 'text/event-stream; charset=utf-8');
        await post(`/stories/${story.id}/updates`, { body: 'first' });
        // Arrives while the stream stays open: nginx does not hold it in a buffer.
        await reader.waitForEvents(1);
        assert.equal(reader.ended, false);

        // Which node holds the stream? Its /metrics says so.
        const serving = [];
        for (const node of cluster.nodes) {
          const metrics = await (await fetch(`${node.url}/metrics`)).text();
          if (/^dateline_sse_connections\{channel="story"\} 1$/m.test(metrics)) serving.push(node);
        }
        assert.equal(serving.length, 1, 'exactly one node holds the stream');
        await serving[0]!.stop('SIGKILL');
        await reader.waitForEnd();

        await post(`/stories/${story.id}/updates`, { body: 'second' });
        await post(`/stories/${story.id}/updates`, { body: 'third' });
        const resumed = new SseTestClient(`${nginx.url}/api/v1/stories/${story.id}/live`, {
          lastEventId: reader.events.at(-1)!.id,
        });
        clients.push(resumed);
        await resumed.waitForEvents(2);
        assert.deepEqual(resumed.ids(), [2, 3]);
        assert.equal((await fetch(`${nginx.url}/metrics`)).status, 404, 'metrics stay off the public site');
      });

      it('refuses a reader address its 21st open stream with 429 and Retry-After', async () => {
        const story = await postJson<{ id: string }>(nginx.url, cluster.headers, '/stories', {
          headline: 'Many streams',
        });
        const url = `${nginx.url}/api/v1/stories/${story.id}/live`;
        // From an address of its own (127.0.0.2), so the other tests' streams do not count.
        const streams = await Promise.all(Array.from({ length: 20 }, () => openFrom('127.0.0.2', url)));
        opened.push(...streams);
        assert.deepEqual(
          streams.map((s) => s.status),
          Array(20).fill(200),
        );
        const refused = await openFrom('127.0.0.2', url);
        opened.push(refused);
        assert.equal(refused.status, 429);
        assert.equal(refused.headers['retry-after'], '10');
        assert.equal(refused.headers['content-type'], 'application/problem+json');
        assert.equal(((await refused.body()) as { status: number }).status, 429);
        const other = await openFrom('127.0.0.3', url);
        opened.push(other);
        assert.equal(other.status, 200, 'another address is not affected');
        assert.equal((await fetch(`${nginx.url}/healthz`)).status, 200, 'other requests still pass');
      });

      it('passes a photo upload larger than 1 MB to Dateline (its limit is 20 MB)', async () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(3 * 1024 * 1024)], { type: 'image/jpeg' }), 'big.jpg');
        const { authorization } = cluster.headers;
        const res = await fetch(`${nginx.url}/api/v1/media`, {
          method: 'POST',
          headers: { authorization: authorization! },
          body: form,
        });
        // Dateline's own answer about the (invalid) image, not nginx's HTML 413.
        assert.notEqual(res.status, 413);
        assert.match(
          String(res.headers.get('content-type')),
          /^application\/problem\+json/,
          await res.clone().text(),
        );
      });
    },
  );
}
