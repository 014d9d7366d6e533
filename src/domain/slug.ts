/** URL slugs for desks and stories. */

/**
 * Top-level paths the site serves itself (and a few it may), so no desk may take them. The server
 * refuses to start with a top-level route missing here (src/http/reserve-top-level-routes.ts).
 */
export const RESERVED_SLUGS = new Set([
  'api',
  'map',
  'newsroom',
  'assets',
  'static',
  'stories',
  'statements',
  'live',
  'search',
  'feeds',
  'archive',
  'healthz',
  'readyz',
  'metrics',
  'oembed',
  'embed',
  'media',
  'login',
  'logout',
  'updates',
  'desks',
  'people',
  'organizations',
  'contacts',
  'places',
  'authors',
  'sitemap.xml',
  'robots.txt',
  'favicon.ico',
]);

/**
 * Pages a desk serves under its own address (`/{desk}/contacts`, `/{desk}/feed`), so no story in a desk
 * may take them: the desk's page would hide the story.
 */
export const DESK_PAGE_SLUGS = new Set(['contacts', 'feed']);

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Turns a name into a lower-case, hyphenated ASCII slug ("Syria Daily" → "syria-daily"). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** Whether `slug` is well-formed (lower-case letters, digits, single hyphens). */
export function isSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= 80 && SLUG_PATTERN.test(slug);
}
