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

/** The field (dotted path, as parseInput names them) of the first NUL in `value`, or null. */
export function nulFieldOf(value: unknown, field: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? field : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return field;
    const found = nulFieldOf(item, field === '' ? key : `${field}.${key}`);
    if (found !== null) return found;
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
