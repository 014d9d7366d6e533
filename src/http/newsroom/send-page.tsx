/** How every newsroom page is sent: never cached, never framed, nothing loaded from elsewhere. */
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderDocument } from '../reader/views/layout.tsx';
import { NewsroomLayout, type NewsroomChrome } from './views.tsx';

const csp = (script: boolean): string =>
  `default-src 'self'; script-src ${script ? "'self'" : "'none'"}; style-src 'self'; img-src 'self' data:; ` +
  "connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
  "frame-ancestors 'none'";

/** The policy of a newsroom page or fragment; pages without a script get `script-src 'none'`. */
export const NEWSROOM_CSP = csp(true);

/** Sends `body` inside the newsroom's layout. */
export function sendNewsroomPage(
  reply: FastifyReply,
  status: number,
  title: string,
  chrome: NewsroomChrome,
  body: VNode,
): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', csp(chrome.js !== null))
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin')
    .send(
      renderDocument(
        <NewsroomLayout title={title} chrome={chrome}>
          {body}
        </NewsroomLayout>,
      ),
    );
}
