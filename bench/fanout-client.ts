/**
 * One reader process of the fan-out bench, forked by bench/fanout.ts. It holds many SSE connections
 * on raw sockets and does the least work per frame: find the `id:` and the `t=<ms>` stamp the
 * publisher put in the update body, and record publish→receive latency, gaps and repeats.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** Messages from the bench. */
export type ClientCommand =
  | { type: 'connect'; port: number; path: string; count: number; concurrency: number }
  | { type: 'report' }
  | { type: 'close' };

/** Messages to the bench. */
export type ClientReply =
  | { type: 'connected'; open: number; failed: number; ms: number }
  | { type: 'progress'; frames: number }
  | {
      type: 'report';
      latencies: number[];
      /** The publish stamp of each latency, to tell updates apart. */
      stamps: number[];
      /** This process's CPU time since it finished connecting, in µs. */
      cpuUs: number;
      frames: number;
      duplicates: number;
      gaps: number;
      closed: number;
      badStatus: number;
    };

const NL2 = Buffer.from('\n\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const ID = Buffer.from('\nid: ');
const STAMP = Buffer.from('t=');

let latencies = new Float64Array(1 << 16);
let stamps = new Float64Array(1 << 16);
let cpuAtConnected = process.cpuUsage();
let latencyCount = 0;
let frames = 0;
let duplicates = 0;
let gaps = 0;
let closed = 0;
let badStatus = 0;
const sockets: net.Socket[] = [];

function send(reply: ClientReply): void {
  if (process.connected) process.send?.(reply);
}

function record(ms: number, stamp: number): void {
  if (latencyCount === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
    const biggerStamps = new Float64Array(stamps.length * 2);
    biggerStamps.set(stamps);
    stamps = biggerStamps;
  }
  stamps[latencyCount] = stamp;
  latencies[latencyCount++] = ms;
}

/** Reads an unsigned decimal (with optional fraction) at `at`; NaN if there is none. */
function numberAt(buf: Buffer, at: number): number {
  let value = 0;
  let digits = 0;
  let i = at;
  for (; i < buf.length; i++) {
    const c = buf[i] ?? 0;
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
  }
  if (digits === 0) return NaN;
  if (buf[i] === 46) {
    let scale = 0.1;
    for (i++; i < buf.length; i++) {
      const c = buf[i] ?? 0;
      if (c < 48 || c > 57) break;
      value += (c - 48) * scale;
      scale /= 10;
    }
  }
  return value;
}

/** One reader's connection state. */
class Reader {
  lastId = 0;
  head = true;
  tail: Buffer | null = null;

  constructor(readonly socket: net.Socket) {}

  onData(chunk: Buffer): void {
    const now = performance.timeOrigin + performance.now();
    const buf = this.tail === null ? chunk : Buffer.concat([this.tail, chunk]);
    this.tail = null;
    let pos = 0;
    if (this.head) {
      const end = buf.indexOf(HEAD_END);
      if (end === -1) {
        this.tail = buf;
        return;
      }
      this.head = false;
      // "HTTP/1.1 200": the status code starts at byte 9.
      if (buf[9] !== 50 || buf[10] !== 48 || buf[11] !== 48) badStatus++;
      pos = end + HEAD_END.length;
    }
    for (;;) {
      const end = buf.indexOf(NL2, pos);
      if (end === -1) break;
      this.frame(buf, Math.max(0, pos - 1), end, now);
      pos = end + 2;
    }
    if (pos < buf.length) this.tail = buf.subarray(pos);
  }

  /** `start` is one before the frame so that an `id:` on its first line is found by the "\nid: " search. */
  frame(buf: Buffer, start: number, end: number, now: number): void {
    const idAt = buf.indexOf(ID, start);
    if (idAt === -1 || idAt > end) return;
    const id = numberAt(buf, idAt + ID.length);
    const stampAt = buf.indexOf(STAMP, idAt);
    if (stampAt === -1 || stampAt > end) return;
    const t = numberAt(buf, stampAt + 2);
    frames++;
    if (id <= this.lastId) {
      duplicates++;
      return;
    }
    // The first frame fixes the baseline: readers connect after the story's earlier events.
    if (this.lastId !== 0 && id !== this.lastId + 1) gaps += id - this.lastId - 1;
    this.lastId = id;
    if (!Number.isNaN(t)) record(now - t, t);
  }
}

async function connectAll(port: number, path: string, count: number, concurrency: number): Promise<void> {
  const started = performance.now();
  const request = Buffer.from(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`,
  );
  let next = 0;
  let open = 0;
  let failed = 0;
  await new Promise<void>((resolve) => {
    let inFlight = 0;
    const launch = (): void => {
      while (inFlight < concurrency && next < count) {
        next++;
        inFlight++;
        const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
        const reader = new Reader(socket);
        let settled = false;
        const settle = (ok: boolean): void => {
          if (settled) return;
          settled = true;
          inFlight--;
          if (ok) open++;
          else failed++;
          if (open + failed === count) resolve();
          else launch();
        };
        socket.on('connect', () => socket.write(request));
        socket.on('data', (chunk: Buffer) => {
          reader.onData(chunk);
          if (!reader.head) settle(true);
        });
        socket.on('error', () => settle(false));
        socket.on('close', () => {
          closed++;
          settle(false);
        });
        sockets.push(socket);
      }
    };
    launch();
  });
  cpuAtConnected = process.cpuUsage();
  send({ type: 'connected', open, failed, ms: performance.now() - started });
}

process.on('message', (command: ClientCommand) => {
  if (command.type === 'connect') {
    void connectAll(command.port, command.path, command.count, command.concurrency);
  } else if (command.type === 'report') {
    send({
      type: 'report',
      latencies: Array.from(latencies.subarray(0, latencyCount)),
      stamps: Array.from(stamps.subarray(0, latencyCount)),
      cpuUs: ((usage) => usage.user + usage.system)(process.cpuUsage(cpuAtConnected)),
      frames,
      duplicates,
      gaps,
      closed,
      badStatus,
    });
  } else {
    clearInterval(progress);
    for (const socket of sockets) socket.destroy();
    process.exit(0);
  }
});

// Lets the bench wait for deliveries without asking: a cheap heartbeat of this process's count.
const progress = setInterval(() => send({ type: 'progress', frames }), 50);
progress.unref();
