/**
 * Upload attack for `npm run bench:abuse` (issue 12, finding 10): an editor's and an admin's tokens
 * send 49-megapixel PNGs (7000×7000, the largest the pipeline accepts) as fast as they are answered,
 * from 12 connections at once. Before the fix this stalled the serving of existing photos for ~10 s,
 * so the ordinary reader also fetches a photo uploaded before the attack.
 */
import sharp from 'sharp';
import type { Attack, AttackContext } from './attack.ts';

const UPLOADERS = 12;
const SIDE = 7000; // 49 megapixels

/** A 7000×7000 PNG: cheap to send (it compresses well), as costly to decode as any 49-megapixel photo. */
async function largePng(): Promise<Buffer> {
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIDE}" height="${SIDE}">` +
      `<defs><linearGradient id="g"><stop offset="0" stop-color="#234"/><stop offset="1" stop-color="#c84"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
  return sharp(stripes, { limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
}

async function smallJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#579' } })
    .jpeg()
    .toBuffer();
}

async function post(baseUrl: string, token: string, file: Buffer, type: string, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type }), type === 'image/png' ? 'a.png' : 'a.jpg');
  form.append('alt', 'Benchmark photo');
  const response = await fetch(`${baseUrl}/api/v1/media`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
    ...(signal && { signal }),
  });
  const json = (await response.json()) as { url?: string };
  return { status: response.status, url: json.url };
}

// Made in `prepare`: encoding it takes seconds of CPU, which must not count against the server.
let png: Buffer = Buffer.alloc(0);

/** The attack, in the shape bench/abuse.ts runs. */
export const uploadAttack: Attack = {
  name: 'upload',
  description: `${UPLOADERS} connections upload ${SIDE}×${SIDE} PNGs (49 MP) as fast as they are answered`,
  async prepare(ctx: AttackContext) {
    const existing = await post(ctx.baseUrl, ctx.tokens.editor, await smallJpeg(), 'image/jpeg');
    if (existing.status !== 201 || !existing.url)
      throw new Error(`could not upload the probe photo: ${existing.status}`);
    png = await largePng();
    return { readerPaths: [existing.url] };
  },
  async run(ctx: AttackContext) {
    const counts = new Map<number | string, number>();
    const connections = Math.min(UPLOADERS, ctx.limits.connections);
    const tokens = [ctx.tokens.editor, ctx.tokens.admin];
    await Promise.all(
      Array.from({ length: connections }, async (_, i) => {
        while (!ctx.signal.aborted) {
          try {
            const { status } = await post(
              ctx.baseUrl,
              tokens[i % tokens.length]!,
              png,
              'image/png',
              ctx.signal,
            );
            counts.set(status, (counts.get(status) ?? 0) + 1);
          } catch {
            // The server may hang up on a refused upload before it is all sent.
            if (!ctx.signal.aborted) counts.set('cut off', (counts.get('cut off') ?? 0) + 1);
          }
        }
      }),
    );
    const answered = [...counts].map(([status, n]) => `${n}×${status}`).join(', ');
    return `${(png.length / 1024).toFixed(0)} KB PNG; uploads answered: ${answered || 'none'}`;
  },
};
