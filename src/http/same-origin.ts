/**
 * Whether a browser sent a request from this site's own pages, from the headers browsers set and pages
 * cannot forge: the algorithm of Go's net/http CrossOriginProtection (Fetch Metadata first, then Origin
 * against Host). Used where there is no session yet to carry a CSRF token: the sign-in form.
 */
import type { FastifyRequest } from 'fastify';

/**
 * True when `Sec-Fetch-Site` says same-origin (or a typed URL), or, for browsers that do not send it,
 * when `Origin` names this host; true too when neither is sent (not a browser: curl, scripts). False
 * for another site, and for an `Origin` that is `null` (sandboxed frames, `Referrer-Policy: no-referrer`
 * — which an attacking page can choose) or unparsable.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  if (!URL.canParse(origin) || host === undefined) return false;
  const url = new URL(origin);
  // `new URL('null')` does not parse; an opaque origin from another scheme has no host to match.
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
}
