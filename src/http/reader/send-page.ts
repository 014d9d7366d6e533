/** Sends a rendered reader page with the headers every reader page carries (CSP, nosniff, referrer). */
import type { FastifyReply } from 'fastify';
import { CONTENT_SECURITY_POLICY } from './routes.tsx';

/** Sends `html` as a reader page. */
export function sendPage(
  reply: FastifyReply,
  status: number,
  html: string,
  cacheControl: string,
): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', cacheControl)
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .send(html);
}
