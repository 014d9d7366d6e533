/** OpenAPI paths of the newsroom's enrichment suggestions (see suggestion-routes.ts), merged into the API document. */
import { schema, problem, idParam, secured } from './openapi-parts.ts';
import { SuggestionActionSchema } from './suggestion-routes.ts';

const errors = {
  '400': problem('Invalid input; `field` names what is wrong'),
  '401': problem('Missing or invalid credentials'),
  '403': problem('Editors and admins only (and only on their desks)'),
  '404': problem('No such update, story or correction, or not enriched yet'),
};
const jsonObject = { 'application/json': { schema: { type: 'object' } } };
const lookup = (what: string) => ({
  get: {
    summary: what,
    security: secured,
    parameters: [
      { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 2, maxLength: 200 } },
    ],
    responses: { '200': { description: '`{ items }`', content: jsonObject }, ...errors },
  },
});

/** The paths, keyed as in the document. */
export function suggestionPaths(): Record<string, object> {
  return {
    '/updates/{id}/suggestions': {
      get: {
        summary:
          'What was extracted from an update (people, organisations, places, dates, events, "new name?" hints) as suggestions with the editors’ verdicts so far; editors only',
        security: secured,
        parameters: [idParam],
        responses: {
          '200': {
            description: '`{ updateId, updateVersion, current, enrichedAt, items }`',
            content: jsonObject,
          },
          ...errors,
        },
      },
      post: {
        summary:
          'Confirm, reject or correct one suggestion, or `clear` every open one (dismissed from view; nothing rejected). Rejected and corrected names and places are kept per deployment and applied to every later enrichment; the update is enriched again and its fresh suggestions returned',
        security: secured,
        parameters: [idParam],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: schema(SuggestionActionSchema) } },
        },
        responses: {
          '200': { description: 'The update’s suggestions after the change', content: jsonObject },
          ...errors,
        },
      },
    },
    '/enrichment/places': lookup(
      'Gazetteer entries (countries, regions, towns) with this name, biggest first; editors only',
    ),
    '/enrichment/names': lookup(
      'People and organisations (curated or added by editors) whose name or an alias starts with q; editors only',
    ),
    '/enrichment/corrections': {
      get: {
        summary: 'Every correction of this deployment, oldest first; editors only',
        security: secured,
        responses: { '200': { description: '`{ items }`', content: jsonObject }, ...errors },
      },
    },
    '/enrichment/corrections/{id}': {
      delete: {
        summary: 'Removes a correction (later enrichments no longer apply it); editors only',
        security: secured,
        parameters: [idParam],
        responses: { '204': { description: 'Removed' }, ...errors },
      },
    },
    '/stories/{id}/suggestions/live': {
      get: {
        summary:
          'Server-Sent Events for the newsroom: a `suggestions` event (the update’s suggestions as JSON) each time an update of the story is enriched; editors only',
        security: secured,
        parameters: [idParam],
        responses: {
          '200': {
            description: 'An event stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errors,
        },
      },
    },
  };
}
