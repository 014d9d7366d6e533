/**
 * The one renderer of an update's public `<article>`: the story page, the update page, the live push,
 * the embed and the newsroom's "as readers see it" stream all call it, so what is pushed live is what a
 * reload shows (names linked to entity pages, official statements cited).
 *
 * Rendered articles are reused across views until the update, its enrichment or its citations change:
 * a story page shows 50 updates that rarely change between requests, and rendering each anew was most
 * of the page's CPU time outside the database.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Update } from '../../domain/types.ts';
import type { Store, StoredEnrichment } from '../../store/store.ts';
import { linkEntityNames } from './entity-links.ts';
import type { Statement } from '../../statements/statement.ts';
import { relativeTime } from '../../domain/relative-time.ts';
import { htmlToText } from './html-text.ts';
import { RELATIVE_TIME_SLOT, UpdateArticle } from './views/update-article.tsx';

/** Where an article is shown: its story's path and the time zone its clock times are in. */
export interface ArticlePlace {
  path: string;
  timezone: string;
}

/** Article HTML and text of updates, cached by id, version and where they are shown. */
export interface ArticleRenderer {
  /**
   * The update's `<article>`, identical to rendering UpdateArticle at `now`; with `enrichment`, the
   * names it found link to their entity pages.
   */
  html(
    update: Update,
    place: ArticlePlace,
    now: number,
    enrichment?: StoredEnrichment,
    cited?: readonly Statement[],
  ): string;
  /**
   * The articles of `updates` as readers see them now, in order: their enrichment and citations read
   * from the store in two queries.
   */
  render(updates: readonly Update[], place: ArticlePlace, now: number): Promise<string[]>;
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

/** Creates the renderer, caching at most `max` rendered articles and as many texts. */
export function createArticleRenderer(
  store: Pick<Store, 'enrichments' | 'statements'>,
  max = 5000,
): ArticleRenderer {
  const articles = boundedMap<[before: string, after: string | null]>(max);
  const texts = boundedMap<string>(max);
  // updatedAt is in the key too: a version alone could repeat after a store is rebuilt from a backup.
  const keyOf = (update: Update): string => `${update.id}\u0000${update.version}\u0000${update.updatedAt}`;

  const html: ArticleRenderer['html'] = (update, place, now, enrichment, cited = []) => {
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
      const markup = renderToString(h(UpdateArticle, { update: shown, context }));
      // The slot comes before any author text in the markup, so the first occurrence is ours.
      const at = markup.indexOf(RELATIVE_TIME_SLOT);
      parts = at < 0 ? [markup, null] : [markup.slice(0, at), markup.slice(at + RELATIVE_TIME_SLOT.length)];
      articles.set(key, parts);
    }
    const [before, after] = parts;
    return after === null ? before : before + relativeTime(Date.parse(update.publishedAt), now) + after;
  };

  return {
    html,
    async render(updates, place, now) {
      if (updates.length === 0) return [];
      const ids = updates.map((u) => u.id);
      const [enriched, cited] = await Promise.all([
        store.enrichments.getMany(ids),
        store.statements.citationsOf(ids),
      ]);
      return updates.map((u) => html(u, place, now, enriched.get(u.id), cited.get(u.id)));
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
