/** Building blocks every part of the OpenAPI document uses (openapi.ts merges the parts). */
import { z } from 'zod';

/** JSON Schema of what a zod schema accepts, without the `$schema` key OpenAPI does not want. */
export function schema(s: z.ZodType): object {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** A reference to a component schema. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** A JSON body or response content of `s`. */
export const json = (s: object) => ({ 'application/json': { schema: s } });
/** An error response: a problem document. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
/** The `{id}` path parameter. */
export const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
/** Bearer token or session cookie. */
export const secured = [{ bearer: [] }];
