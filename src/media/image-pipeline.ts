/**
 * The photo pipeline (sharp): refuse what is not a photo or is too big to decode safely, apply the
 * camera's orientation, and re-encode at a few widths in WebP and JPEG. sharp writes no metadata unless
 * asked (we never call withMetadata/keepExif), so EXIF, GPS, XMP and IPTC are all dropped: a source's
 * location must not leave the newsroom inside a photo.
 */
import sharp from 'sharp';
import { DomainError, invalid } from '../domain/errors.ts';

/** Widths served, for `srcset`. A photo narrower than one is served at its own width instead. */
export const MEDIA_WIDTHS = [480, 960, 1600] as const;
/**
 * Formats an upload may be in. `heif` covers AVIF; HEIC (HEVC-compressed HEIF) is decoded only when sharp's
 * libvips was built with an HEVC decoder, which the prebuilt one is not (refused with 415, see below).
 */
export const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'heif']);
/** Largest upload, in bytes. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Most pixels decoded: 50 megapixels covers any phone or news camera; more is a decompression bomb. */
export const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Keeps sharp from taking the whole machine: one libvips thread per image (photos are processed a few
 * at a time by ImageQueue instead) and no cache of decoded originals, which for a 50-megapixel photo
 * would hold 200 MB for no reuse. Process-wide; called once at boot.
 */
export function limitImageLibrary(): void {
  sharp.concurrency(1);
  sharp.cache(false);
}

/** One encoded rendition. */
export interface Rendition {
  width: number;
  type: 'image/webp' | 'image/jpeg';
  ext: 'webp' | 'jpg';
  data: Buffer;
}

/** The processed photo: its oriented size and every rendition. */
export interface ProcessedImage {
  width: number;
  height: number;
  renditions: Rendition[];
}

/** Decodes, checks, orients, strips and resizes `input`. Bad input is a `validation` error on `file`. */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const, sequentialRead: true };
  let meta: sharp.Metadata;
  try {
    // The header only: sizes are checked below, so a bomb gets its own 413 rather than "unreadable".
    meta = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw invalid('file', 'file is not an image we can read (JPEG, PNG, WebP, AVIF or HEIC)');
  }
  if (meta.format === undefined || !ACCEPTED_FORMATS.has(meta.format))
    throw invalid(
      'file',
      `file is ${meta.format ?? 'of an unknown type'}; send JPEG, PNG, WebP, AVIF or HEIC`,
    );
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels === 0) throw invalid('file', 'file has no pixels');
  if (pixels > MAX_INPUT_PIXELS)
    throw new DomainError(
      'payload_too_large',
      `image is ${meta.width}×${meta.height}; at most 50 megapixels`,
      {
        field: 'file',
      },
    );
  // Orientation 5–8 swap width and height.
  const rotated = (meta.orientation ?? 1) >= 5;
  const width = rotated ? (meta.height ?? 0) : (meta.width ?? 0);
  const height = rotated ? (meta.width ?? 0) : (meta.height ?? 0);
  const widths = [...new Set(MEDIA_WIDTHS.map((w) => Math.min(w, width)))];
  try {
    // The original (up to 50 megapixels) is decoded once, oriented and scaled to the largest width
    // served; every rendition is encoded from that, one after another, so a photo holds one thread of
    // libuv's pool at a time and served files are read in between.
    const largest = Math.max(...widths);
    const { data, info } = await sharp(input, options)
      .rotate()
      .resize({ width: largest, withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const renditions: Rendition[] = [];
    for (const w of widths) {
      const base = () => sharp(data, raw).resize({ width: w, withoutEnlargement: true });
      renditions.push({
        width: w,
        type: 'image/webp',
        ext: 'webp',
        data: await base().webp({ quality: 78 }).toBuffer(),
      });
      renditions.push({
        width: w,
        type: 'image/jpeg',
        ext: 'jpg',
        data: await base().flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true }).toBuffer(),
      });
    }
    return { width, height, renditions };
  } catch {
    // Apple's HEIC is HEIF with HEVC compression. sharp's prebuilt libvips reads HEIF containers and
    // decodes AV1 (AVIF) but carries no HEVC decoder (patents), so a HEIC photo fails here: say so.
    if (meta.format === 'heif' && meta.compression === 'hevc')
      throw new DomainError(
        'unsupported_media_type',
        'file is HEIC (HEIF with HEVC compression), which this server cannot decode; export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible) and upload that',
        { field: 'file' },
      );
    throw invalid('file', 'the image could not be decoded; it may be truncated or corrupt');
  }
}
