/**
 * The one place the NUL character is refused in request input. PostgreSQL cannot store U+0000 in text
 * (a 500 before this), SQLite can; no reader, author or client means to send it, so both engines answer
 * 400 naming the field, before any handler or query runs.
 *
 * A `preValidation` hook, because it is the first point where everything a handler reads is parsed:
 * path parameters and the query string (percent-decoded, so `%00` is caught), and JSON and url-encoded
 * form bodies. Headers need no check: Node's HTTP parser already refuses NUL in them, and cookies are
 * only compared by hash. Multipart fields are streamed to the upload handler after this hook has run,
 * so it calls `nulFieldOf` on each field as it reads it (media-routes.ts).
 */
import type { FastifyInstance } from 'fastify';
import { invalid } from '../domain/errors.ts';

/**
 * The field (dotted path, as parseInput names them) of the first NUL in `value`, or null. A loop over
 * a stack rather than recursion: a body nested thousands deep must be a 400 later, not a stack overflow.
 */
export function nulFieldOf(value: unknown, field: string): string | null {
  // Each entry: the value, its path, and (when its key holds a NUL) its object's path, which is named.
  const pending: { item: unknown; path: string; parent: string | null }[] = [
    { item: value, path: field, parent: null },
  ];
  while (pending.length > 0) {
    const { item, path, parent } = pending.pop()!;
    if (parent !== null) return parent;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return path;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    const entries = Object.entries(item);
    // Pushed last to first, so entries are looked at in order (the same field as a recursive walk).
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      pending.push({
        item: child,
        path: path === '' ? key : `${path}.${key}`,
        parent: key.includes('\u0000') ? path : null,
      });
    }
  }
  return null;
}

/** Throws the 400 for a NUL in `value` (a request part, or one multipart field). */
export function refuseNul(value: unknown, field: string): void {
  const found = nulFieldOf(value, field);
  if (found !== null) throw invalid(found || 'body', `${found || 'body'} must not contain the NUL character`);
}

/** Installs the hook on `app` (the root instance, so every route inherits it). */
export function refuseNulInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuseNul(request.params, '');
    refuseNul(request.query, '');
    refuseNul(request.body, '');
  });
}
