/** OpenAPI paths of the newsroom's media routes (media-routes.ts). */
import { problem, idParam, secured } from './openapi-parts.ts';

/** Paths to merge into the API document. */
export const NEWSROOM_OPENAPI_PATHS = {
  '/media': {
    post: {
      summary: 'Upload a photo (contributor): multipart `file`, `alt`, `caption?`, `credit?`',
      security: secured,
      responses: {
        '201': { description: '`{id, url, variants}`' },
        '413': problem('Larger than 20 MB or 50 megapixels'),
        '415': problem('Not an image we can decode; HEIC is named as such'),
      },
    },
    get: {
      summary: 'Newest photos (editor)',
      security: secured,
      responses: { '200': { description: 'Photos' } },
    },
  },
  '/media/{id}': {
    delete: {
      summary: 'Delete a photo nothing shows, and its files (editor)',
      security: secured,
      parameters: [idParam],
      responses: {
        '204': { description: 'Deleted' },
        '409': problem('Still shown; `current.references` names the updates, stories, submissions'),
        '404': problem('No such photo'),
      },
    },
  },
};
