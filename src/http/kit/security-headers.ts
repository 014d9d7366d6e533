/**
 * Security headers from one place. Every response gets `nosniff`, and `no-store` when it answered an
 * authenticated caller; every page gets its scope's policy (Content-Security-Policy with
 * frame-ancestors, X-Frame-Options, Referrer-Policy) from an onSend hook registered on that Fastify
 * scope, the way @fastify/helmet and Hono's secureHeaders are structured. Routes never set these by
 * hand, so a new route cannot forget them. Helmet itself is not used: our policies differ per scope
 * and per page (script-less pages get `script-src 'none'`), which would mean overriding most of it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { EMBED_ORIGINS } from '../../media/video-embeds.ts';
import { POST_EMBED_ORIGINS } from '../../media/post-embeds.ts';
import { wasAuthenticated } from '../auth.ts';

/** What a scope's pages may load and who may frame them. */
export interface PagePolicy {
  /** CSP directives other than `script-src` (per page, see `withoutScript`) and `frame-ancestors`. */
  directives: Readonly<Record<string, string>>;
  /** Who may frame the pages: this site, nobody, or anyone (the embed widget). */
  framing: 'self' | 'none' | 'any';
  referrer: 'strict-origin-when-cross-origin' | 'same-origin';
}

// Author content is sanitised, but the policy means a mistake there still cannot run script or frame
// anything. JSON-LD is a data block, which script-src does not govern.
/** The reader site: its own script and styles, photos from anywhere, only chosen video players framed. */
export const READER_POLICY: PagePolicy = {
  directives: {
    'default-src': "'self'",
    'style-src': "'self'",
    'img-src': "'self' data: https:",
    'connect-src': "'self'",
    // Only the video players and posts a reader chose to load by clicking a facade (media/*-embeds.ts).
    'frame-src': [...EMBED_ORIGINS, ...POST_EMBED_ORIGINS].join(' '),
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
  },
  framing: 'self',
  referrer: 'strict-origin-when-cross-origin',
};

/** The statements library: text only, no remote images, nothing framed. */
export const STATEMENT_POLICY: PagePolicy = {
  ...READER_POLICY,
  directives: { ...READER_POLICY.directives, 'img-src': "'self' data:", 'frame-src': "'none'" },
};

/** The newsroom: never framed (clickjacking an editor), nothing remote, no referrer leaves the site. */
export const NEWSROOM_POLICY: PagePolicy = {
  directives: {
    'default-src': "'self'",
    'style-src': "'self'",
    'img-src': "'self' data:",
    'connect-src': "'self'",
    'frame-src': "'none'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
  },
  framing: 'none',
  referrer: 'same-origin',
};

/** The embed widget may be framed anywhere (that is its purpose); it still runs only our own script. */
export const EMBED_POLICY: PagePolicy = {
  directives: {
    'default-src': "'self'",
    'style-src': "'self'",
    'img-src': "'self' data: https:",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
  },
  framing: 'any',
  referrer: 'strict-origin-when-cross-origin',
};

const FRAME_ANCESTORS = { self: "'self'", none: "'none'", any: '*' } as const;
// X-Frame-Options for browsers without frame-ancestors; it has no "anyone" value, so none is sent then.
const FRAME_OPTIONS = { self: 'SAMEORIGIN', none: 'DENY', any: null } as const;

/** The Content-Security-Policy header of a page under `policy`. */
export function contentSecurityPolicy(policy: PagePolicy, script: boolean): string {
  return Object.entries({
    ...policy.directives,
    'script-src': script ? "'self'" : "'none'",
    'frame-ancestors': FRAME_ANCESTORS[policy.framing],
  })
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

const scriptless = new WeakSet<FastifyReply>();

/** Marks `reply` as a page that runs no script: its policy gets `script-src 'none'`. */
export function withoutScript(reply: FastifyReply): FastifyReply {
  scriptless.add(reply);
  return reply;
}

/** Headers every response carries, whatever its scope: register once on the root instance. */
export function useBaseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // What an authenticated caller sees may be theirs alone: no cache, shared or private, keeps it.
    // A bearer token counts even where the route is public: `public, max-age` would otherwise let a
    // shared cache store what answered a credential (RFC 9111 §3.5). A session cookie counts once it
    // was used, so the pages and assets an editor's browser fetches alongside stay cacheable.
    if (wasAuthenticated(request) || request.headers.authorization !== undefined)
      reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Applies `policy` to every response of `scope` (and the scopes inside it, unless they set their own). */
export function usePagePolicy(scope: FastifyInstance, policy: PagePolicy): void {
  const withScript = contentSecurityPolicy(policy, true);
  const noScript = contentSecurityPolicy(policy, false);
  const frameOptions = FRAME_OPTIONS[policy.framing];
  scope.addHook('onSend', async (_request, reply, payload) => {
    reply
      .header('content-security-policy', scriptless.has(reply) ? noScript : withScript)
      .header('referrer-policy', policy.referrer);
    if (frameOptions === null) reply.removeHeader('x-frame-options');
    else reply.header('x-frame-options', frameOptions);
    return payload;
  });
}
