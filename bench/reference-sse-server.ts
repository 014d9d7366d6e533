/**
 * The floor Dateline's fan-out is measured against: plain `node:http`, no storage, no framework. Each
 * publish builds one Buffer and writes it straight to every reader's socket. It answers the same
 * endpoints the bench drives on Dateline (desks, stories, updates, live stream), trusting any token.
 *
 * Run: PORT=0 node --import tsx bench/reference-sse-server.ts (prints `{"port":N}` once listening).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const MAX_BUFFERED = 256 * 1024;
const HEAD = Buffer.from(
  'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n' +
    'cache-control: no-cache, no-transform\r\nx-accel-buffering: no\r\nconnection: keep-alive\r\n\r\nretry: 3000\n\n',
);
const HEARTBEAT = Buffer.from(': heartbeat\n\n');

const readers = new Map<string, Set<Socket>>();
const seqs = new Map<string, number>();
let nextId = 0;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** An update event shaped like Dateline's, so both servers push frames of similar size. */
function updateFrame(storyId: string, body: string): Buffer {
  const seq = (seqs.get(storyId) ?? 0) + 1;
  seqs.set(storyId, seq);
  const at = new Date().toISOString();
  const escaped = body.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const data = JSON.stringify({
    type: 'update',
    seq,
    update: { id: `u${seq}`, sequence: seq, headline: null, html: `<p>${escaped}</p>`, author: 'bench' },
    publishedAt: at,
    claimStatus: 'unverified',
  });
  return Buffer.from(`event: update\nid: ${seq}\ndata: ${data}\n\n`);
}

function attach(storyId: string, res: http.ServerResponse): void {
  const socket = res.socket;
  if (socket === null) return;
  socket.setNoDelay(true);
  socket.write(HEAD);
  let set = readers.get(storyId);
  if (set === undefined) readers.set(storyId, (set = new Set()));
  const group = set;
  group.add(socket);
  socket.on('close', () => group.delete(socket));
  socket.on('error', () => {});
}

function fanOut(storyId: string, frame: Buffer): void {
  for (const socket of readers.get(storyId) ?? []) {
    if (socket.writableLength > MAX_BUFFERED) socket.destroy();
    else socket.write(frame);
  }
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const live = /^\/api\/v1\/stories\/([^/]+)\/live$/.exec(path);
  const updates = /^\/api\/v1\/stories\/([^/]+)\/updates$/.exec(path);
  if (req.method === 'GET' && live?.[1] !== undefined) return attach(live[1], res);
  if (req.method !== 'POST') return json(res, 404, { title: 'not found' });
  readJson(req).then(
    (body) => {
      if (path === '/api/v1/desks') {
        const slug = String(body.name ?? 'desk')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-');
        return json(res, 201, { id: `d${++nextId}`, slug, name: body.name });
      }
      if (path === '/api/v1/stories') {
        const id = `s${++nextId}`;
        return json(res, 201, { id, slug: id, url: `/${String(body.desk)}/${id}` });
      }
      if (updates?.[1] !== undefined) {
        fanOut(updates[1], updateFrame(updates[1], String(body.body ?? '')));
        return json(res, 201, { id: `u${seqs.get(updates[1]) ?? 0}` });
      }
      json(res, 404, { title: 'not found' });
    },
    () => json(res, 400, { title: 'bad JSON' }),
  );
});

setInterval(() => {
  for (const group of readers.values()) for (const socket of group) socket.write(HEARTBEAT);
}, 20_000).unref();

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
