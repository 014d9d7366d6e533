/** Small, strict helpers for asserting on rendered HTML in reader tests. */
import assert from 'node:assert/strict';

/** The opening tags of every `<article>` (one per rendered update). */
export function articles(html: string): string[] {
  return html.match(/<article class="update[^"]*"[^>]*>/g) ?? [];
}

/** The update ids rendered as articles, in page order. */
export function articleIds(html: string): string[] {
  return articles(html).map((tag) => /data-update-id="([^"]+)"/.exec(tag)?.[1] ?? '');
}

/** The parsed JSON-LD block of a page (exactly one is expected). */
export function jsonLd(html: string): Record<string, unknown> {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  assert.equal(blocks.length, 1, 'one JSON-LD block');
  return JSON.parse(blocks[0]![1]!) as Record<string, unknown>;
}

/** The value of `attr` on the first element matching `tagPattern` (e.g. `<a[^>]*data-load-older`). */
export function attribute(html: string, tagPattern: string, attr: string): string | null {
  const tag = new RegExp(`${tagPattern}[^>]*>`).exec(html)?.[0];
  if (!tag) return null;
  return new RegExp(`\\s${attr}="([^"]*)"`).exec(tag)?.[1]?.replace(/&amp;/g, '&') ?? null;
}

/** Text of the HTML with tags removed and the entities the renderer emits decoded. */
export function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
