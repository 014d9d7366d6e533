/**
 * How every server-rendered page is sent; its security headers come from the scope (security-headers.ts).
 * Pages carry a weak ETag of their HTML (a repeat view with If-None-Match gets an empty 304) and go out
 * brotli- or gzip-compressed when the client accepts it. Compressed bodies are kept by ETag, so a hot
 * page is compressed once per version, not once per view. Live streams never pass through here.
 * (@fastify/compress compresses every response anew and keeps nothing, which is the cost avoided here.)
 */
import { hash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { withoutScript } from './security-headers.ts';

/** A page's HTML as sent, with the tag that names this version of it. */
export interface PreparedHtml {
  body: Buffer;
  etag: string;
}

/** Encodes and tags `html` once, for a page that is kept and sent many times. */
export function prepareHtml(html: string): PreparedHtml {
  const body = Buffer.from(html, 'utf8');
  // Weak: the same tag names the page in every encoding.
  return { body, etag: `W/"${hash('sha1', body, 'base64url')}"` };
}

/** A rendered page and how it may be cached. */
export interface PageResponse {
  status?: number;
  html: string | PreparedHtml;
  /** The Cache-Control value: `public, max-age=…` for reader pages, `no-store` for private ones. */
  cache: string;
  /** Whether the page loads our script; without it, its policy forbids every script. */
  script: boolean;
}

/** Below this size compression saves less than it costs. */
const MIN_COMPRESSED_BYTES = 1024;
/** Versions kept compressed: every hot page's current version, with room for their previous ones. */
const MAX_KEPT = 256;

type Encoding = 'br' | 'gzip';
const kept = new Map<string, Buffer>();

// Quality 5 is a fraction of a millisecond for a story page and within a few percent of the densest
// settings on HTML; a slower quality would stall the event loop each time a hot page changes.
function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      })
    : gzipSync(body, { level: 6 });
}

/** The compressed body of the page version `etag`, compressed now if it is not kept. */
function compressed(etag: string, body: Buffer, encoding: Encoding): Buffer {
  const key = `${encoding}:${etag}`;
  const hit = kept.get(key);
  if (hit) {
    // Re-inserted so the Map's order is least recently used first.
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const made = compress(body, encoding);
  if (kept.size >= MAX_KEPT) {
    const oldest = kept.keys().next();
    if (!oldest.done) kept.delete(oldest.value);
  }
  kept.set(key, made);
  return made;
}

/** The encoding to send for an Accept-Encoding header: brotli, then gzip, unless refused with q=0. */
export function preferredEncoding(accept: string | undefined): Encoding | null {
  if (!accept) return null;
  const offered = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    offered.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const accepts = (name: Encoding) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/** Sends `page` as an HTML document. */
export function sendPage(reply: FastifyReply, page: PageResponse): FastifyReply {
  if (!page.script) withoutScript(reply);
  const status = page.status ?? 200;
  const { body, etag } = typeof page.html === 'string' ? prepareHtml(page.html) : page.html;
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', page.cache)
    .header('vary', 'accept-encoding');
  if (status === 200) {
    reply.header('etag', etag);
    if (matches(reply.request.headers['if-none-match'], etag)) return reply.code(304).send();
  }
  // Only pages any cache may share are compressed: they hold no secret (no CSRF token, nothing
  // personal) for a BREACH-style attack to recover by reflecting guesses into a compressed response.
  const shared = page.cache.startsWith('public');
  const encoding =
    shared && body.byteLength >= MIN_COMPRESSED_BYTES
      ? preferredEncoding(reply.request.headers['accept-encoding'])
      : null;
  if (encoding === null) return reply.send(body);
  return reply.header('content-encoding', encoding).send(compressed(etag, body, encoding));
}
