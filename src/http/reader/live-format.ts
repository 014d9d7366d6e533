/**
 * Turns live events into the `data` of SSE frames, once per event for every reader (the hub sends the
 * same string to all). Update HTML comes from the one article renderer the page uses (names linked,
 * statements cited), so live and reloaded pages never differ.
 */
import { LRUCache } from 'lru-cache';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Desk, LiveEvent, Story, Update } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import { storyBodyHtml } from './html-text.ts';
import { storyPlace } from './story-place.ts';
import type { StoryPlace } from './story-place.ts';
import { RailItem } from './views/rail.tsx';
import type { ArticleRenderer } from './article-renderer.ts';
import type {
  LiveDeleteFrame,
  LiveStoryFrame,
  LiveUpdateFrame,
  SiteDeleteFrame,
  SiteUpdateFrame,
} from '../../web/shared/wire.ts';

/** The JSON `data` of an event on the story's channel, and on the site channel (null: not sent there). */
export interface FormattedEvent {
  story: string;
  site: string | null;
}

/** Formats one live event for the story and site channels. */
export type LiveFormatter = (event: LiveEvent) => Promise<FormattedEvent>;

/**
 * The `update` frame data of an update as it now is (its enrichment or citations changed since its
 * last event), or null when it is not public; for the hub to refresh open pages (see SseHub).
 */
export type ArticleFormatter = (storyId: string, updateId: string) => Promise<string | null>;

/** Dependencies of the formatter; `ttlMs` bounds how long story and desk lookups are reused. */
export interface LiveFormatterDeps {
  store: Store;
  articles: ArticleRenderer;
  ttlMs?: number;
  now?: () => number;
}

interface CachedStory {
  story: Story;
  place: StoryPlace;
}

/** Creates a formatter that caches story and desk lookups briefly and refreshes a story on its `story` events. */
export function createLiveFormatter(deps: LiveFormatterDeps): {
  format: LiveFormatter;
  formatArticle: ArticleFormatter;
} {
  const { store, articles } = deps;
  const ttl = deps.ttlMs ?? 10_000;
  const now = deps.now ?? Date.now;
  // `version` is the cached header's, once known: a replayed old `story` event must not replace a newer one.
  const stories = new LRUCache<string, { value: Promise<CachedStory | null>; version: number | undefined }>({
    max: 1000,
    ttl,
    perf: { now },
  });
  const desks = new LRUCache<string, Promise<Desk | null>>({ max: 1000, ttl, perf: { now } });

  const deskById = (id: string): Promise<Desk | null> => {
    const hit = desks.get(id);
    if (hit) return hit;
    const value = store.desks.getById(id);
    desks.set(id, value);
    // A failed lookup is not kept.
    value.catch(() => desks.peek(id) === value && desks.delete(id));
    return value;
  };

  const describe = async (story: Story): Promise<CachedStory> => {
    const desk = story.deskId === null ? null : await deskById(story.deskId);
    return { story, place: storyPlace(story, desk) };
  };

  const storyById = (id: string): Promise<CachedStory | null> => {
    const hit = stories.get(id);
    if (hit) return hit.value;
    const entry: { value: Promise<CachedStory | null>; version: number | undefined } = {
      value: store.stories.getById(id).then((story) => {
        entry.version = story?.version;
        return story ? describe(story) : null;
      }),
      version: undefined,
    };
    stories.set(id, entry);
    entry.value.catch(() => stories.peek(id) === entry && stories.delete(id));
    return entry.value;
  };

  const updateFrame = async (update: Update, place: StoryPlace, at: number): Promise<string> => {
    const [html = ''] = await articles.render([update], place, at);
    return JSON.stringify({
      id: update.id,
      sequence: update.sequence,
      pinned: update.pinned,
      keyEvent: update.keyEvent,
      html,
    } satisfies LiveUpdateFrame);
  };

  const formatArticle: ArticleFormatter = async (storyId, updateId) => {
    const [cached, update] = await Promise.all([storyById(storyId), store.updates.getById(updateId)]);
    if (!cached || cached.story.status === 'draft') return null;
    if (!update || update.storyId !== storyId || update.deletedAt !== null) return null;
    return updateFrame(update, cached.place, now());
  };

  const format: LiveFormatter = async (event) => {
    const { data } = event;
    if (data.type === 'story') {
      // The event carries the new header: cache it rather than asking the store for what we hold, unless
      // this is a replay of an older header (a reader resuming from long ago).
      const value = describe(data.story);
      const cached = stories.get(event.storyId);
      if (cached === undefined || cached.version === undefined || cached.version <= data.story.version) {
        stories.set(event.storyId, { value, version: data.story.version });
      }
      const { story } = data;
      return {
        story: JSON.stringify({
          headline: story.headline,
          standfirst: story.standfirst,
          bodyHtml: storyBodyHtml(story.bodyHtml),
          status: story.status,
        } satisfies LiveStoryFrame),
        site: null,
      };
    }
    const cached = await storyById(event.storyId);
    const live = cached?.story.status === 'live';
    if (data.type === 'delete') {
      const { id } = data.update;
      return {
        story: JSON.stringify({ id } satisfies LiveDeleteFrame),
        site: live ? JSON.stringify({ id, storyId: event.storyId } satisfies SiteDeleteFrame) : null,
      };
    }
    const { update } = data;
    const at = now();
    const place = cached?.place ?? { path: '/', timezone: 'UTC', label: '' };
    return {
      story: await updateFrame(update, place, at),
      site: live
        ? JSON.stringify({
            id: update.id,
            storyId: event.storyId,
            html: renderToString(h(RailItem, { update, story: place, now: at })),
          } satisfies SiteUpdateFrame)
        : null,
    };
  };

  return { format, formatArticle };
}
