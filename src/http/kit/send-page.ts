/** How every server-rendered page is sent; its security headers come from the scope (security-headers.ts). */
import type { FastifyReply } from 'fastify';
import { withoutScript } from './security-headers.ts';

/** A rendered page and how it may be cached. */
export interface PageResponse {
  status?: number;
  html: string;
  /** The Cache-Control value: `public, max-age=…` for reader pages, `no-store` for private ones. */
  cache: string;
  /** Whether the page loads our script; without it, its policy forbids every script. */
  script: boolean;
}

/** Sends `page` as an HTML document. */
export function sendPage(reply: FastifyReply, page: PageResponse): FastifyReply {
  if (!page.script) withoutScript(reply);
  return reply
    .code(page.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', page.cache)
    .send(page.html);
}
