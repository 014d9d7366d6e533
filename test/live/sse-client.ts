/** A minimal SSE client for tests, following the WHATWG event-stream parsing rules it needs. */
import http from 'node:http';

import { Waiter } from './live-fixtures.ts';

/** One dispatched event. */
export interface ReceivedEvent {
  event: string;
  id: string;
  data: string;
}

/** An open event stream and everything it has received so far. */
export class SseTestClient {
  readonly events: ReceivedEvent[] = [];
  /** Comment lines (heartbeats), without the leading colon. */
  readonly comments: string[] = [];
  /** Every `retry:` value received. */
  readonly retries: number[] = [];
  /** The raw text received, for assertions on the wire format. */
  raw = '';
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  ended = false;
  readonly #waiter = new Waiter();
  readonly #request: http.ClientRequest;
  #buffer = '';
  #pending: { event: string; id: string | undefined; data: string[] } = {
    event: '',
    id: undefined,
    data: [],
  };

  /** Connects to `url`; pass `lastEventId` to resume. */
  constructor(url: string, opts: { lastEventId?: string } = {}) {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (opts.lastEventId !== undefined) headers['last-event-id'] = opts.lastEventId;
    this.#request = http.get(url, { headers, agent: false }, (res) => {
      this.status = res.statusCode ?? 0;
      this.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.#feed(chunk));
      res.on('close', () => this.#end());
      this.#waiter.notify();
    });
    this.#request.on('error', () => this.#end());
  }

  /** Resolves when the response head has arrived. */
  connected(): Promise<void> {
    return this.#waiter.until('response head', () => this.status !== 0 || this.ended);
  }

  /** Resolves once `count` events have arrived in total. */
  waitForEvents(count: number): Promise<void> {
    return this.#waiter.until(
      `${count} events (have ${this.events.length})`,
      () => this.events.length >= count,
    );
  }

  /** Resolves once `check` holds, re-checked on every change. */
  waitFor(what: string, check: () => boolean): Promise<void> {
    return this.#waiter.until(what, check);
  }

  /** Resolves when the server has ended the stream. */
  waitForEnd(): Promise<void> {
    return this.#waiter.until('end of stream', () => this.ended);
  }

  /** Ids of received events, as numbers. */
  ids(): number[] {
    return this.events.map((e) => Number(e.id));
  }

  /** Drops the connection from the client side and waits until it is closed. */
  async close(): Promise<void> {
    this.#request.destroy();
    await this.waitForEnd();
  }

  #end(): void {
    this.ended = true;
    this.#waiter.notify();
  }

  #feed(chunk: string): void {
    this.raw += chunk;
    this.#buffer += chunk;
    const lines = this.#buffer.split(/\r\n|\r|\n/);
    this.#buffer = lines.pop() ?? '';
    for (const line of lines) this.#line(line);
    this.#waiter.notify();
  }

  #line(line: string): void {
    if (line === '') {
      const { event, id, data } = this.#pending;
      if (data.length > 0)
        this.events.push({ event: event || 'message', id: id ?? '', data: data.join('\n') });
      this.#pending = { event: '', id: undefined, data: [] };
      return;
    }
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#pending.event = value;
    else if (field === 'id') this.#pending.id = value;
    else if (field === 'data') this.#pending.data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) this.retries.push(Number(value));
  }
}
