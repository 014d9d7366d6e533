/** Building blocks every part of the OpenAPI document uses (the API modules and openapi.ts). */
import { z } from 'zod';

/** JSON Schema of what a zod schema accepts, without the `$schema` key OpenAPI does not want. */
export function schema(s: z.ZodType): object {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/**
 * JSON Schema of what a zod schema produces, for a response. Open-ended: no property is listed as
 * required and none refuses others (`additionalProperties: false`), as responses were always documented,
 * so a client validating answers keeps accepting fields added later (and a submission's extra ones).
 */
export function responseSchema(s: z.ZodType): object {
  const {
    $schema: _ignored,
    required: _required,
    ...rest
  } = z.toJSONSchema(s, {
    io: 'output',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  }) as Record<string, unknown>;
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
/** A list page of `item`s. */
export const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
});
/** The problems most operations may answer. */
export const errors = {
  '400': problem('Invalid input; `field` names what is wrong'),
  '401': problem('Missing or invalid token'),
  '403': problem('The token’s role does not allow this'),
  '404': problem('No such resource'),
};
