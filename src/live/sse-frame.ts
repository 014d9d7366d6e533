/**
 * Server-Sent Events wire format (WHATWG HTML §9.2). Frames are built once into a Buffer and then
 * written unchanged to every connection of a channel.
 */

/** The fields of one SSE event. */
export interface SseEventFields {
  /** Event type; readers listen with `addEventListener(event, …)`. */
  event?: string;
  /** Becomes the reader's Last-Event-ID. */
  id?: string | number;
  /** Payload; line breaks become separate `data:` lines, which the reader joins with `\n`. */
  data: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

/** Throws when `value` contains a line break, which would let it inject fields into the stream. */
function assertSingleLine(field: string, value: string): void {
  if (value.includes('\n') || value.includes('\r')) {
    throw new TypeError(`SSE ${field} must not contain a line break`);
  }
}

/** Serialises one event into a complete frame, ending with the blank line that dispatches it. */
export function createSseFrame(fields: SseEventFields): Buffer {
  let text = '';
  if (fields.event !== undefined) {
    assertSingleLine('event', fields.event);
    text += `event: ${fields.event}\n`;
  }
  if (fields.id !== undefined) {
    const id = String(fields.id);
    assertSingleLine('id', id);
    // A NUL in the id makes browsers ignore the field, so the reader would resume from the wrong place.
    if (id.includes('\0')) throw new TypeError('SSE id must not contain NUL');
    text += `id: ${id}\n`;
  }
  for (const line of fields.data.split(LINE_BREAK)) text += `data: ${line}\n`;
  return Buffer.from(text + '\n', 'utf8');
}

/** A comment frame; readers ignore it, proxies see traffic. */
export function createCommentFrame(text = ''): Buffer {
  assertSingleLine('comment', text);
  return Buffer.from(text === '' ? ':\n\n' : `: ${text}\n\n`, 'utf8');
}

/** The frame sent periodically so proxies and readers know an idle stream is alive. */
export const HEARTBEAT_FRAME: Buffer = createCommentFrame('heartbeat');

/** A frame that sets the reader's reconnection delay in milliseconds. */
export function createRetryFrame(ms: number): Buffer {
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new RangeError(`SSE retry must be a non-negative integer, got ${ms}`);
  return Buffer.from(`retry: ${ms}\n\n`, 'utf8');
}

/**
 * `baseMs` spread uniformly over [0.5, 1.5) × baseMs, so readers dropped together (a restart, a
 * network blip) do not all reconnect in the same instant.
 */
export function jitterRetryMs(baseMs: number, random: () => number = Math.random): number {
  return Math.round(baseMs * (0.5 + random()));
}
