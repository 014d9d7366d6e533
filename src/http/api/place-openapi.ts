/** OpenAPI paths of the editors' place edits (see place-routes.ts), merged into the API document. */
import { schema, problem, secured } from './openapi-parts.ts';
import { PinBody, RenameBody } from './place-routes.ts';

const errors = {
  '400': problem('Invalid input; `field` names what is wrong'),
  '401': problem('Missing or invalid credentials'),
  '403': problem('Editors and admins only (and only for places their desks’ updates name)'),
  '404': problem('No update names a place with this slug'),
};
const slugParam = {
  name: 'slug',
  in: 'path',
  required: true,
  description: 'The place page’s slug, e.g. `odesa-ua` (as in `/places/{slug}`)',
  schema: { type: 'string', maxLength: 200 },
};
const jsonObject = { 'application/json': { schema: { type: 'object' } } };
const write = (summary: string, body: Parameters<typeof schema>[0], result: string) => ({
  put: {
    summary,
    security: secured,
    parameters: [slugParam],
    requestBody: { required: true, content: { 'application/json': { schema: schema(body) } } },
    responses: { '200': { description: result, content: jsonObject }, ...errors },
  },
});

/** The paths, keyed as in the document. */
export function placePaths(): Record<string, object> {
  return {
    '/places/{slug}': {
      get: {
        summary: 'A place as updates name it, with the spellings they use; editors only',
        security: secured,
        parameters: [slugParam],
        responses: { '200': { description: '`{ slug, place, spellings }`', content: jsonObject }, ...errors },
      },
    },
    '/places/{slug}/name': write(
      'Show the place by another name on place pages, the map and exports, for the whole deployment; every earlier spelling still finds it. Updates naming it are enriched again; audited',
      RenameBody,
      '`{ slug, name }`: the place’s new slug and name',
    ),
    '/places/{slug}/pin': write(
      'Pin a place (one placed approximately, at its region, or anywhere else) at a point: its spellings name this point from now on. Updates naming it are enriched again; audited',
      PinBody,
      '`{ slug, place }`',
    ),
  };
}
