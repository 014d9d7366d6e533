/** POST /media: photo upload (multipart), and how updates and stories refer to photos by id. */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { MAX_UPLOAD_BYTES } from '../../media/image-pipeline.ts';
import type { MediaService } from '../../media/media-service.ts';
import type { Store } from '../../store/store.ts';
import type { Principal } from '../auth.ts';
import { endpoints } from '../kit/endpoint.ts';
import { problem } from '../kit/openapi-parts.ts';

/** What the media routes need. */
export interface MediaDeps {
  store: Store;
  media: MediaService;
}

/** The text fields of an upload, beside its `file`. */
const UploadFields = z.strictObject({
  alt: z.string().default('').describe('what the photo shows, for readers who cannot see it'),
  caption: z.string().default(''),
  credit: z.string().default('').describe('e.g. "Reuters" (shown as "Photo: …")'),
});

/** Registers the media routes (in their own scope, so multipart parsing applies only here). */
export async function registerMediaRoutes(app: FastifyInstance, deps: MediaDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 4000, parts: 6 },
    });
    const define = endpoints(scope, deps.store);

    define({
      method: 'POST',
      url: '/media',
      permissions: 'contributor',
      multipart: {
        file: 'file',
        maxFileBytes: MAX_UPLOAD_BYTES,
        admit: (principal: Principal) => deps.media.checkRoom(principal),
      },
      body: UploadFields,
      status: 201,
      docs: {
        summary: 'Upload a photo (contributor): multipart `file`, `alt`, `caption?`, `credit?`',
        secured: true,
        responses: {
          '201': { description: '`{id, url, variants}`' },
          '413': problem('Larger than 20 MB or 50 megapixels'),
          '415': problem('Not an image we can decode; HEIC is named as such'),
        },
      },
      handler: async ({ principal, body, file, reply }) => {
        const { uploadedBy: _by, ...media } = await deps.media.upload(file, body, principal);
        reply.header('location', media.url);
        return media;
      },
    });

    // Editors tidy up photos nothing shows (a wrong upload, a face that must not be published).
    define({
      method: 'GET',
      url: '/media',
      permissions: 'editor',
      docs: {
        summary: 'Newest photos (editor)',
        secured: true,
        responses: { '200': { description: 'Photos' } },
      },
      handler: async ({ principal }) => {
        const items = await deps.media.newest(principal, 100);
        return { items: items.map(({ uploadedBy: _by, ...m }) => m), nextCursor: null };
      },
    });

    define({
      method: 'DELETE',
      url: '/media/:id',
      permissions: 'editor',
      // Any id is a photo that may not exist: a malformed one is as missing as an unknown one (404).
      params: z.object({ id: z.string() }),
      status: 204,
      docs: {
        summary: 'Delete a photo nothing shows, and its files (editor)',
        secured: true,
        responses: {
          '204': { description: 'Deleted' },
          '409': problem('Still shown; `current.references` names the updates, stories, submissions'),
          '404': problem('No such photo'),
        },
      },
      handler: async ({ principal, params: { id }, reply }) => {
        if (!/^[a-z0-9]{1,40}$/.test(id)) throw notFound('photo');
        await deps.media.delete(id);
        await deps.store.audit.record({
          actor: principal.name,
          actorKey: principal.key,
          action: 'media.delete',
          target: id,
          detail: {},
        });
        return reply.send();
      },
    });
  });
}
