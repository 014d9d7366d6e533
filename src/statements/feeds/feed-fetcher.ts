/**
 * Fetches a feed politely and defensively: conditional GET with the validators of the last response,
 * a deadline for the whole exchange, a size limit enforced while reading, and a bounded number of
 * redirects followed by hand so each error says what happened, and each hop's address checked by the
 * outbound policy (no loopback, private or link-local address unless the operator allowed it).
 */
import { outboundFetch } from '../../outbound/outbound-fetch.ts';
import { OutboundRefusedError, type OutboundPolicy } from '../../outbound/outbound-policy.ts';

/** Limits of one fetch. */
export interface FetchLimits {
  /** Deadline for connecting, the headers and the whole body. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  maxRedirects: number;
}

/** Default limits: feeds of official statements are small, and a slow one must not hold up the rest. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

/** What a fetch gave: nothing new (304), or a body with its validators. */
export type FetchResult =
  | { kind: 'not-modified' }
  | {
      kind: 'fetched';
      body: string;
      contentType: string;
      etag: string | null;
      lastModified: string | null;
      url: string;
    };

/** A fetch that failed, with a message fit for the feed's status line. */
export class FeedFetchError extends Error {
  override name = 'FeedFetchError';
}

/** Fetches `url`, sending `etag`/`lastModified` back so an unchanged feed costs a 304. */
export async function fetchFeed(
  url: string,
  validators: { etag: string | null; lastModified: string | null },
  policy: OutboundPolicy,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<FetchResult> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      const headers: Record<string, string> = {
        accept:
          'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1',
        'user-agent': 'Dateline statements fetcher',
      };
      if (validators.etag !== null) headers['if-none-match'] = validators.etag;
      if (validators.lastModified !== null) headers['if-modified-since'] = validators.lastModified;
      const response = await outboundFetch(current, { headers, signal }, policy);
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null)
          throw new FeedFetchError(`HTTP ${response.status} from ${current} without a Location`);
        if (redirects >= limits.maxRedirects)
          throw new FeedFetchError(`more than ${limits.maxRedirects} redirects from ${url}`);
        const next = new URL(location, current);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new FeedFetchError(`redirect to a non-HTTP address (${next.protocol}) from ${current}`);
        }
        current = next.toString();
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: 'not-modified' };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FeedFetchError(`HTTP ${response.status} from ${current}`);
      }
      const body = await readLimited(response, limits.maxBytes, current);
      return {
        kind: 'fetched',
        body,
        contentType: response.headers.get('content-type') ?? '',
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        url: current,
      };
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (error instanceof OutboundRefusedError) throw new FeedFetchError(error.message);
    if (signal.aborted)
      throw new FeedFetchError(`no complete answer from ${current} within ${limits.timeoutMs / 1000} s`);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    throw new FeedFetchError(
      `could not fetch ${current}: ${cause ?? (error instanceof Error ? error.message : String(error))}`,
    );
  }
}

async function readLimited(response: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FeedFetchError(`feed at ${url} is ${declared} bytes, over the limit of ${maxBytes}`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FeedFetchError(`feed at ${url} is over the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
