/**
 * Rendered update articles and their plain text, reused across page views until the update changes.
 * A story page shows 50 updates that rarely change between requests; rendering each one anew was most of
 * the page's CPU time outside the database.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Update } from '../../domain/types.ts';
import type { StoredEnrichment } from '../../store/store.ts';
import { linkEntityNames } from './entity-links.ts';
import type { Statement } from '../../statements/statement.ts';
import { relativeTime } from '../../domain/relative-time.ts';
import { htmlToText } from './html-text.ts';
import { RELATIVE_TIME_SLOT, UpdateArticle } from './views/update-article.tsx';

/** Article HTML and text of updates, cached by id, version and where they are shown. */
export interface ArticleCache {
  /**
   * The update's `<article>`, identical to rendering UpdateArticle at `now`; with `enrichment`, the
   * names it found link to their entity pages.
   */
  html(
    update: Update,
    place: { path: string; timezone: string },
    now: number,
    enrichment?: StoredEnrichment,
    cited?: readonly Statement[],
  ): string;
  /** The update body as plain text. */
  text(update: Update): string;
}

/** A Map that forgets its oldest entries beyond `max`. */
function boundedMap<V>(max: number): { get(key: string): V | undefined; set(key: string, value: V): void } {
  const map = new Map<string, V>();
  return {
    get: (key) => map.get(key),
    set(key, value) {
      if (map.size >= max) {
        const oldest = map.keys().next();
        if (!oldest.done) map.delete(oldest.value);
      }
      map.set(key, value);
    },
  };
}

/** Creates a cache holding at most `max` rendered articles and as many texts. */
export function createArticleCache(max = 5000): ArticleCache {
  const articles = boundedMap<[before: string, after: string | null]>(max);
  const texts = boundedMap<string>(max);
  // updatedAt is in the key too: a version alone could repeat after a store is rebuilt from a backup.
  const keyOf = (update: Update): string => `${update.id}\u0000${update.version}\u0000${update.updatedAt}`;

  return {
    html(update, place, now, enrichment, cited = []) {
      // Only an enrichment of this very version links names: an older one may name what the edit removed.
      const names = enrichment?.updateVersion === update.version ? enrichment : undefined;
      // Statements never change once stored, so their ids stand for what the article shows of them.
      const citedKey = cited.map((s) => s.id).join(',');
      const key = `${keyOf(update)}\u0000${place.path}\u0000${place.timezone}\u0000${names?.enrichedAt ?? ''}\u0000${citedKey}`;
      let parts = articles.get(key);
      if (!parts) {
        const context = {
          storyPath: place.path,
          timezone: place.timezone,
          now: null,
          citations: new Map([[update.id, cited]]),
        };
        const shown = names
          ? { ...update, bodyHtml: linkEntityNames(update.bodyHtml, names.enrichment) }
          : update;
        const html = renderToString(h(UpdateArticle, { update: shown, context }));
        // The slot comes before any author text in the markup, so the first occurrence is ours.
        const at = html.indexOf(RELATIVE_TIME_SLOT);
        parts = at < 0 ? [html, null] : [html.slice(0, at), html.slice(at + RELATIVE_TIME_SLOT.length)];
        articles.set(key, parts);
      }
      const [before, after] = parts;
      return after === null ? before : before + relativeTime(Date.parse(update.publishedAt), now) + after;
    },
    text(update) {
      const key = keyOf(update);
      let text = texts.get(key);
      if (text === undefined) {
        text = htmlToText(update.bodyHtml);
        texts.set(key, text);
      }
      return text;
    },
  };
}
