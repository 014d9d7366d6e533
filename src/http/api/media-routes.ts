/** POST /media: photo upload (multipart), and how updates and stories refer to photos by id. */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { MAX_UPLOAD_BYTES } from '../../media/image-pipeline.ts';
import type { MediaService } from '../../media/media-service.ts';
import type { Store } from '../../store/store.ts';
import { requireRole } from '../auth.ts';
import { refuseNul } from '../refuse-nul-input.ts';

/** What the media routes need. */
export interface MediaDeps {
  store: Store;
  media: MediaService;
}

const TEXT_FIELDS = ['alt', 'caption', 'credit'] as const;

// Room for the text fields and multipart framing around the largest photo accepted.
const MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/** Registers the upload route (in its own scope, so multipart parsing applies only here). */
export async function registerMediaRoutes(app: FastifyInstance, deps: MediaDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 4000, parts: 6 },
    });

    scope.post('/media', async (request, reply) => {
      const principal = await requireRole(deps.store, request, 'contributor');
      if (!request.isMultipart())
        throw new DomainError('unsupported_media_type', 'send multipart/form-data with a `file` field', {
          field: 'file',
        });
      // What can be refused without the body is refused before reading it: a body over the limit with
      // the connection closed (as a proxy would), a photo there is no room for with the body left to
      // Node, which discards it unparsed, so the client still reads the 429 and its Retry-After.
      if (Number(request.headers['content-length']) > MAX_REQUEST_BYTES) {
        reply.header('connection', 'close');
        throw new DomainError('payload_too_large', `file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB`, {
          field: 'file',
        });
      }
      deps.media.checkRoom(principal);
      const text: Record<(typeof TEXT_FIELDS)[number], string> = { alt: '', caption: '', credit: '' };
      let file: Buffer | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file')
            throw invalid(part.fieldname, `${part.fieldname} is not a known field`);
          file = await part.toBuffer();
          if (part.file.truncated)
            throw new DomainError(
              'payload_too_large',
              `file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB`,
              {
                field: 'file',
              },
            );
        } else if ((TEXT_FIELDS as readonly string[]).includes(part.fieldname)) {
          const value = String(part.value);
          // Streamed after the NUL hook ran: the same check, per field, before anything is stored.
          refuseNul(value, part.fieldname);
          text[part.fieldname as (typeof TEXT_FIELDS)[number]] = value;
        } else {
          throw invalid(part.fieldname, `${part.fieldname} is not a known field`);
        }
      }
      if (file === null) throw invalid('file', 'file is required');
      const media = await deps.media.upload(file, text, principal);
      const { uploadedBy: _by, ...json } = media;
      return reply.code(201).header('location', media.url).send(json);
    });

    // Editors tidy up photos nothing shows (a wrong upload, a face that must not be published).
    scope.get('/media', async (request) => {
      await requireRole(deps.store, request, 'editor');
      const items = await deps.store.media.list(100);
      return { items: items.map(({ uploadedBy: _by, ...m }) => m), nextCursor: null };
    });

    scope.delete('/media/:id', async (request, reply) => {
      const principal = await requireRole(deps.store, request, 'editor');
      const { id } = request.params as { id: string };
      if (!/^[a-z0-9]{1,40}$/.test(id)) throw notFound('photo');
      await deps.media.delete(id);
      await deps.store.audit.record({
        actor: principal.name,
        actorKey: principal.key,
        action: 'media.delete',
        target: id,
        detail: {},
      });
      return reply.code(204).send();
    });
  });
}
