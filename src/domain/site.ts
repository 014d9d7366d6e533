/**
 * The site's name and public origin: the one place absolute URLs (canonical links, feeds, sitemaps,
 * oEmbed, JSON-LD, webhook payloads) take their scheme and host from.
 */

/** The name pages, feeds and embeds show when none is configured. */
export const DEFAULT_SITE_NAME = 'Dateline';

// Before the node listens (in-process tests answering through `inject`), and for addresses that are
// not a reachable host (0.0.0.0, ::), absolute URLs name this machine.
const UNLISTENED_ORIGIN = 'http://localhost';

/** The site as absolute URLs see it. */
export interface Site {
  /** Shown as the publisher's name. */
  readonly name: string;
  /**
   * `scheme://host[:port]`, no trailing slash: the configured site URL, else the address this node
   * listens on. Never a request's Host header, which a client chooses and a cache would keep.
   */
  origin(): string;
  /** `path` (starting with `/`) as an absolute URL on this site. */
  url(path: string): string;
  /** Records the address the node listens on, used when no site URL is configured. */
  listening(address: { address: string; port: number; family?: string }): void;
}

/** The site of a node configured with `url` (an origin, or undefined in development). */
export function createSite(options: { url?: string | undefined; name?: string | undefined } = {}): Site {
  const configured = options.url === undefined ? null : new URL(options.url).origin;
  let listened: string | null = null;
  const origin = (): string => configured ?? listened ?? UNLISTENED_ORIGIN;
  return {
    name: options.name ?? DEFAULT_SITE_NAME,
    origin,
    url: (path) => `${origin()}${path}`,
    listening({ address, port }) {
      const host = isLoopbackOrUnspecified(address)
        ? 'localhost'
        : address.includes(':')
          ? `[${address}]`
          : address;
      listened = new URL(`http://${host}:${port}`).origin;
    },
  };
}

function isLoopbackOrUnspecified(address: string): boolean {
  return (
    address === '0.0.0.0' ||
    address === '::' ||
    address === '::1' ||
    address.startsWith('127.') ||
    address === '::ffff:127.0.0.1'
  );
}
