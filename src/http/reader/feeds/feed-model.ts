/**
 * What a feed says, whatever its format: loaded once per request from the store, then written out as
 * RSS 2.0, Atom or JSON Feed 1.1 by feed-formats.ts. Only live (not deleted) updates of public stories
 * are ever items.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { updatePath } from '../../../domain/paths.ts';
import { bylineOf, CLAIM_LABELS } from '../../../domain/types.ts';
import type { Desk, Story, Update } from '../../../domain/types.ts';
import type { Store } from '../../../store/store.ts';
import { excerpt, htmlToText } from '../html-text.ts';
import { isSitePath, isWebUrl } from '../safe-url.ts';
import { storyPlace } from '../story-place.ts';

/** Items in one feed: enough for a reader that polls every few minutes on a busy day. */
export const FEED_ITEMS = 50;
// A desk feed merges the updates of its newest pages; older pages' updates are in their own feeds.
const DESK_FEED_STORIES = 7;

/** One entry of a feed: an update. */
export interface FeedItem {
  /** Absolute permalink of the update; also its stable id. */
  url: string;
  title: string;
  /** Sanitised update HTML followed by its claim status and sources. */
  contentHtml: string;
  summary: string;
  /** The byline's names (none when nobody is named). */
  authors: string[];
  published: string;
  modified: string;
  /** The story's headline, as a category. */
  storyHeadline: string;
}

/** A feed before it is written in a format. */
export interface FeedModel {
  /** The publisher, named as the feed's author (Atom needs one). */
  siteName: string;
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows. */
  homeUrl: string;
  /** Absolute URL of the feed without its extension; formats add `.xml`, `.atom` or `.json`. */
  feedBase: string;
  /** When anything in it last changed, deletions included (from the event log). */
  lastModified: string;
  items: FeedItem[];
}

/** Extensions and media types of the three formats, in the order pages advertise them. */
export const FEED_FORMATS = {
  rss: { extension: '.xml', mediaType: 'application/rss+xml', label: 'RSS' },
  atom: { extension: '.atom', mediaType: 'application/atom+xml', label: 'Atom' },
  json: { extension: '.json', mediaType: 'application/feed+json', label: 'JSON Feed' },
} as const;
/** A feed format. */
export type FeedFormat = keyof typeof FEED_FORMATS;

/** Path (without extension) of the feeds of the site, a desk or a story page. */
export function feedBasePath(pagePath: string): string {
  return pagePath === '/' ? '/feed' : `${pagePath}/feed`;
}

/** `<link rel="alternate">` entries for a page whose feeds sit at `feedBasePath(pagePath)`. */
export function feedAlternates(
  pagePath: string,
  title: string,
): { type: string; title: string; href: string }[] {
  const base = feedBasePath(pagePath);
  return Object.values(FEED_FORMATS).map((format) => ({
    type: format.mediaType,
    title: `${title} (${format.label})`,
    href: `${base}${format.extension}`,
  }));
}

function FeedItemBody(props: { update: Update; origin: string }) {
  const { update } = props;
  const sources = update.sources.filter((source) => isWebUrl(source.url));
  const photo = update.media && isSitePath(update.media.url) ? update.media : null;
  return h(
    'div',
    null,
    photo
      ? h(
          'figure',
          null,
          h('img', {
            src: `${props.origin}${photo.url}`,
            alt: photo.alt,
            width: photo.width,
            height: photo.height,
          }),
          photo.caption !== '' || photo.credit !== ''
            ? h('figcaption', null, photo.caption, photo.credit !== '' ? ` Photo: ${photo.credit}` : null)
            : null,
        )
      : null,
    h(
      'p',
      null,
      h('strong', null, `Claim status: ${CLAIM_LABELS[update.claimStatus]}`),
      update.claimNote !== '' ? ` – ${update.claimNote}` : null,
    ),
    sources.length > 0
      ? h(
          'p',
          null,
          'Sources: ',
          ...sources.flatMap((source, i) => [i > 0 ? ', ' : '', h('a', { href: source.url }, source.label)]),
        )
      : null,
  );
}

/** Reads feeds from the store; `origin` is the public origin ("https://news.example"). */
export class FeedLoader {
  constructor(
    private readonly store: Store,
    private readonly siteName: string,
    /** A desk's map layer revisions as items (map/layer-cards.tsx); none without it. */
    private readonly layerItems?: (origin: string, desk: Desk) => Promise<FeedItem[]>,
  ) {}

  /** The feed of one public story's updates. */
  async story(origin: string, story: Story, desk: Desk | null): Promise<FeedModel> {
    const place = storyPlace(story, desk);
    const page = await this.store.updates.listByStory(story.id, { limit: FEED_ITEMS });
    return {
      siteName: this.siteName,
      title: `${story.headline} – ${this.siteName}`,
      description: story.standfirst !== '' ? story.standfirst : `Live updates: ${story.headline}`,
      homeUrl: `${origin}${place.path}`,
      feedBase: `${origin}${feedBasePath(place.path)}`,
      lastModified: await this.#lastChange([story]),
      items: page.items.map((update) => this.#item(origin, update, story, place.path)),
    };
  }

  /** The newest updates of a desk's newest public pages. */
  async desk(origin: string, desk: Desk): Promise<FeedModel> {
    const { items: stories } = await this.store.stories.listByDesk(desk.id, {
      limit: DESK_FEED_STORIES,
      publicOnly: true,
    });
    const pages = await Promise.all(
      stories.map(async (story) => ({
        story,
        updates: (await this.store.updates.listByStory(story.id, { limit: FEED_ITEMS })).items,
      })),
    );
    const layerItems = (await this.layerItems?.(origin, desk)) ?? [];
    const items = pages
      .flatMap(({ story, updates }) =>
        updates.map((update) => this.#item(origin, update, story, storyPlace(story, desk).path)),
      )
      .concat(layerItems)
      .sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0))
      .slice(0, FEED_ITEMS);
    const path = `/${desk.slug}`;
    return {
      siteName: this.siteName,
      title: `${desk.name} – ${this.siteName}`,
      description: desk.description !== '' ? desk.description : `Live pages of ${desk.name}`,
      homeUrl: `${origin}${path}`,
      feedBase: `${origin}${feedBasePath(path)}`,
      lastModified: await this.#lastChange(stories),
      items,
    };
  }

  /** The newest updates across every public story. */
  async site(origin: string): Promise<FeedModel> {
    const latest = await this.store.updates.listLatest(['live', 'ended'], FEED_ITEMS);
    const desks = new Map<string, Desk | null>();
    const items: FeedItem[] = [];
    for (const { update, story } of latest) {
      let desk: Desk | null = null;
      if (story.deskId !== null) {
        if (!desks.has(story.deskId)) desks.set(story.deskId, await this.store.desks.getById(story.deskId));
        desk = desks.get(story.deskId) ?? null;
      }
      items.push(this.#item(origin, update, story, storyPlace(story, desk).path));
    }
    const lastId = await this.store.events.lastGlobalId();
    const [last] = lastId > 0 ? await this.store.events.listAfterGlobal(lastId - 1, 1) : [];
    return {
      siteName: this.siteName,
      title: `${this.siteName}: latest updates`,
      description: `The newest updates from every live page on ${this.siteName}.`,
      homeUrl: `${origin}/`,
      feedBase: `${origin}${feedBasePath('/')}`,
      lastModified: last?.at ?? new Date(0).toISOString(),
      items,
    };
  }

  #item(origin: string, update: Update, story: Story, storyPathname: string): FeedItem {
    const text = htmlToText(update.bodyHtml);
    return {
      url: `${origin}${updatePath(storyPathname, update.id)}`,
      title: update.headline ?? excerpt(text, 90),
      contentHtml: update.bodyHtml + renderToString(h(FeedItemBody, { update, origin })),
      summary: excerpt(text, 200),
      authors: bylineOf(update),
      published: update.publishedAt,
      modified: update.updatedAt,
      storyHeadline: story.headline,
    };
  }

  /** The time of the newest event of `stories` (deletions and header edits count), or their last edit. */
  async #lastChange(stories: Story[]): Promise<string> {
    const times = await Promise.all(
      stories.map(async (story) => {
        if (story.lastEventSeq === 0) return story.updatedAt;
        const [event] = await this.store.events.listAfter(story.id, story.lastEventSeq - 1, 1);
        return event && event.at > story.updatedAt ? event.at : story.updatedAt;
      }),
    );
    return times.reduce((a, b) => (a > b ? a : b), new Date(0).toISOString());
  }
}
