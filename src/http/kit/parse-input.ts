/**
 * The kit's validation: a request part parsed with its zod schema, or the domain's validation error
 * naming the first field at fault (so every route words its 400 the same way). Declared endpoints
 * (endpoint.ts) and forms (form.ts) call it; a route that must choose its schema from what the path
 * names (PATCH /updates/{id}) calls it itself.
 */
import type { z } from 'zod';
import { invalid } from '../../domain/errors.ts';

/** Parses `input` with `schema`, or throws a validation error naming the first field at fault. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where = 'body'): z.infer<T> {
  const result = schema.safeParse(input, {
    error: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'is required' : undefined),
  });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw invalid(where, `${where} is not valid`);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const path = [...issue.path, key].join('.');
    throw invalid(path, `${path} is not a known field`);
  }
  if (issue.path.length === 0) throw invalid(where, `${where} must be a JSON object`);
  const path = issue.path.join('.');
  throw invalid(path, `${path}: ${issue.message}`);
}
