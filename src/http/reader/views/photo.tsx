/** An uploaded photo as a responsive <picture>: WebP sizes for browsers that take them, JPEG otherwise. */
import type { JSX } from 'preact';
import type { MediaVariant } from '../../../domain/types.ts';
import { isSitePath } from '../safe-url.ts';

/** Widths the photo is laid out at: full column on phones, the reading column on wider screens. */
const SIZES = '(max-width: 44rem) 100vw, 42rem';

function srcset(variants: MediaVariant[], type: MediaVariant['type']): string {
  return variants
    .filter((v) => v.type === type && isSitePath(v.url))
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ');
}

/** The photo with its sizes; `fallback` is the URL for browsers without srcset. */
export function Picture(props: {
  variants: MediaVariant[];
  fallback: string;
  alt: string;
  width?: number | undefined;
  height?: number | undefined;
  lazy?: boolean;
  /** The `sizes` the photo is laid out at, when not the reading column's. */
  sizes?: string;
}): JSX.Element {
  const { variants, fallback, alt, width, height } = props;
  const sizes = props.sizes ?? SIZES;
  const webp = srcset(variants, 'image/webp');
  const jpeg = srcset(variants, 'image/jpeg');
  return (
    <picture>
      {webp !== '' && <source type="image/webp" srcset={webp} sizes={sizes} />}
      <img
        src={fallback}
        srcset={jpeg === '' ? undefined : jpeg}
        sizes={jpeg === '' ? undefined : sizes}
        alt={alt}
        width={width}
        height={height}
        loading={props.lazy ? 'lazy' : undefined}
        decoding="async"
      />
    </picture>
  );
}

/** The URL of the widest JPEG: what a link to the full photo opens without JavaScript. */
export function largestJpeg(variants: MediaVariant[], fallback: string): string {
  const jpegs = variants.filter((v) => v.type === 'image/jpeg' && isSitePath(v.url));
  return (
    jpegs.reduce<MediaVariant | null>((a, b) => (a === null || b.width > a.width ? b : a), null)?.url ??
    fallback
  );
}
