/** Stores uploaded photos: files under `<dataDir>/media/<id>/`, the record in the database. */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mayUseDesk, type Actor } from '../domain/actors.ts';
import { conflict, invalid, notFound } from '../domain/errors.ts';
import { createId } from '../domain/ids.ts';
import type { Media, MediaRef, MediaVariant } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import { availableParallelism } from 'node:os';
import { limitImageLibrary, processImage, type ProcessedImage } from './image-pipeline.ts';
import { ImageQueue, type ImageQueueLimits } from './image-queue.ts';

/** URL prefix of served photo files. */
export const MEDIA_PREFIX = '/media/';

/** What a photo needs besides the file. */
export interface MediaText {
  alt: string;
  caption: string;
  credit: string;
}

// One core stays free for readers; an editor may send a second photo while the first is processed; a
// burst from many uploaders waits a little, then is refused rather than queued without end.
const DEFAULT_LIMITS: ImageQueueLimits = {
  concurrency: Math.max(1, availableParallelism() - 1),
  perUploader: 2,
  maxWaiting: 8,
  retryAfterSeconds: 5,
};

const FILE_NAME = /^(\d{1,5})\.(webp|jpg)$/;
const MEDIA_ID = /^[a-z0-9]{1,40}$/;
// A folder this old with no record is left over, not an upload in progress on another node sharing the
// folder: a whole upload request must arrive within 2 minutes (server.ts requestTimeout).
const ORPHAN_AGE_MS = 5 * 60_000;

/** How photos are processed: the queue's bounds, and the pipeline (tests hold it to fill the queue). */
export interface MediaOptions {
  limits?: Partial<ImageQueueLimits>;
  process?: (file: Buffer) => Promise<ProcessedImage>;
}

/** Uploads and serves photos. */
export class MediaService {
  readonly #store: Store;
  readonly #dir: string;
  readonly #queue: ImageQueue;
  readonly #process: (file: Buffer) => Promise<ProcessedImage>;

  constructor(deps: { store: Store; dataDir: string } & MediaOptions) {
    this.#store = deps.store;
    this.#dir = join(deps.dataDir, 'media');
    limitImageLibrary();
    this.#queue = new ImageQueue({ ...DEFAULT_LIMITS, ...deps.limits });
    this.#process = deps.process ?? processImage;
  }

  /** Throws the refusal an upload by `uploader` would get now for want of room (see ImageQueue#check). */
  checkRoom(uploader: { key: string }): void {
    this.#queue.check(uploader.key);
  }

  /**
   * Processes and stores a photo; alt text is required because screen-reader users read the page too.
   * `rate_limited` (with Retry-After) when `uploader` (a principal's key) or the node has as many
   * photos in hand as it takes.
   */
  async upload(file: Buffer, text: MediaText, uploader: { key: string; name: string }): Promise<Media> {
    const uploadedBy = uploader.name;
    const alt = text.alt.trim();
    if (alt === '') throw invalid('alt', 'alt must describe the photo for readers who cannot see it');
    if (alt.length > 500) throw invalid('alt', 'alt must be at most 500 characters');
    if (text.caption.length > 1000) throw invalid('caption', 'caption must be at most 1000 characters');
    if (text.credit.length > 200) throw invalid('credit', 'credit must be at most 200 characters');
    const image = await this.#queue.run(uploader.key, () => this.#process(file));
    const id = createId();
    // Written to a temporary folder and renamed, so a crash never leaves a half-written photo served.
    const temp = join(this.#dir, `.tmp-${id}`);
    await mkdir(temp, { recursive: true });
    const variants: MediaVariant[] = [];
    try {
      for (const r of image.renditions) {
        await writeFile(join(temp, `${r.width}.${r.ext}`), r.data, { flush: true });
        variants.push({ width: r.width, type: r.type, url: `${MEDIA_PREFIX}${id}/${r.width}.${r.ext}` });
      }
      await rename(temp, join(this.#dir, id));
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    const jpegs = variants.filter((v) => v.type === 'image/jpeg');
    try {
      return await this.#store.media.create({
        id,
        alt,
        caption: text.caption.trim(),
        credit: text.credit.trim(),
        width: image.width,
        height: image.height,
        url: (jpegs[Math.min(1, jpegs.length - 1)] ?? variants[0])?.url ?? '',
        variants,
        uploadedBy,
        createdAt: new Date().toISOString(),
      });
    } catch (error) {
      // No record, no files: whatever refused the record, the photo must not stay on disk unlisted.
      // A crash right here is what removeOrphans() at the next start is for.
      await rm(join(this.#dir, id), { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Removes what no record accounts for: `.tmp-*` folders of uploads cut short, and photo folders
   * whose record was never written (a crash between the two) or already deleted. Run at start.
   */
  async removeOrphans(now = Date.now()): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.#dir);
    } catch {
      return []; // no photo uploaded yet
    }
    const removed: string[] = [];
    for (const name of entries) {
      const path = join(this.#dir, name);
      const leftover = name.startsWith('.tmp-')
        ? true
        : MEDIA_ID.test(name)
          ? (await this.#store.media.getById(name)) === null
          : false;
      if (!leftover) continue;
      const age = now - (await stat(path)).mtimeMs;
      if (age < ORPHAN_AGE_MS) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  /** The snapshot an update or story keeps of photo `id`; unknown ids are a validation error on `field`. */
  async ref(id: string, field: string): Promise<MediaRef> {
    const media = await this.#store.media.getById(id);
    if (!media) throw invalid(field, `${field}: no uploaded photo has id "${id}"`);
    const { uploadedBy: _by, createdAt: _at, ...ref } = media;
    return ref;
  }

  /**
   * Deletes a photo nothing shows any more: the record, then its files (a crash in between leaves
   * unreachable files, never a record whose files are gone). Shown by an update, a story header or a
   * pending submission: `conflict` naming them, with the list as `current`.
   */
  /**
   * The newest `limit` photos `actor` may see. Photos belong to no desk, what shows them does: an
   * editor limited to some desks sees none that another desk's story, update, submission or held
   * draft shows.
   */
  async newest(actor: Actor, limit: number): Promise<Media[]> {
    const items = await this.#store.media.list(limit);
    if (actor.desks === null) return items;
    const deskOf = new Map<string, string | null>();
    const shown: Media[] = [];
    for (const item of items) {
      let visible = true;
      for (const { storyId } of await this.#store.media.findReferences(item.id)) {
        if (storyId === '') continue;
        if (!deskOf.has(storyId))
          deskOf.set(storyId, (await this.#store.stories.getById(storyId))?.deskId ?? null);
        if (!mayUseDesk(actor, deskOf.get(storyId) ?? null)) visible = false;
      }
      if (visible) shown.push(item);
    }
    return shown;
  }

  async delete(id: string): Promise<void> {
    const media = MEDIA_ID.test(id) ? await this.#store.media.getById(id) : null;
    if (!media) {
      // Files without a record (left by a crash) are never served; deleting them is still allowed.
      const folder = join(this.#dir, id);
      const exists = MEDIA_ID.test(id) && (await stat(folder).catch(() => null)) !== null;
      if (!exists) throw notFound('photo');
      await rm(folder, { recursive: true, force: true });
      return;
    }
    const references = await this.#store.media.findReferences(id);
    if (references.length > 0) {
      const names = references.map((r) =>
        r.kind === 'story' ? `the header of story ${r.id}` : `${r.kind} ${r.id} (story ${r.storyId})`,
      );
      throw conflict(`the photo is still shown by ${names.join(', ')}; remove it there first`, {
        references,
      });
    }
    await this.#store.media.delete(id);
    await rm(join(this.#dir, id), { recursive: true, force: true });
  }

  /** The bytes and type of a served file, or `not_found`: only files a photo record lists are served. */
  async read(id: string, file: string): Promise<{ data: Buffer; type: string }> {
    const match = FILE_NAME.exec(file);
    if (!MEDIA_ID.test(id) || !match) throw notFound('photo');
    const media = await this.#store.media.getById(id);
    if (!media?.variants.some((v) => v.url === `${MEDIA_PREFIX}${id}/${file}`)) throw notFound('photo');
    try {
      const data = await readFile(join(this.#dir, id, file));
      return { data, type: match[2] === 'webp' ? 'image/webp' : 'image/jpeg' };
    } catch {
      throw notFound('photo');
    }
  }
}
