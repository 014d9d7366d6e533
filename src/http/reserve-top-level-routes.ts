/**
 * Keeps RESERVED_SLUGS (src/domain/slug.ts) equal to what the server serves at the top level. A desk's
 * pages live at `/{desk}`, so a desk slugged `map` would be hidden behind the map page. The list lives
 * in the domain because the CLI creates desks without building a server; this hook derives the
 * top-level segments from the routes as they are registered and refuses to start a server with one the
 * list lacks, so a new top-level route cannot silently become a desk address.
 */
import type { FastifyInstance } from 'fastify';
import { isSlug, RESERVED_SLUGS } from '../domain/slug.ts';

/** The first path segment of a route URL, or null when it is a parameter (`/:desk`) or the root. */
export function topLevelSegment(url: string): string | null {
  const first = url.split('/')[1] ?? '';
  return first === '' || first.startsWith(':') || first.startsWith('*') ? null : first;
}

/** Makes registering a top-level route whose segment could be a desk slug, but is not reserved, fail boot. */
export function reserveTopLevelRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const segment = topLevelSegment(route.url);
    if (segment !== null && isSlug(segment) && !RESERVED_SLUGS.has(segment))
      throw new Error(
        `route ${route.url}: add "${segment}" to RESERVED_SLUGS in src/domain/slug.ts, or a desk could take its address`,
      );
  });
}
