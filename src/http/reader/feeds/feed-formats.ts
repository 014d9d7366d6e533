/**
 * Writes a FeedModel as RSS 2.0 or Atom 1.0 (through the `feed` package, which escapes the XML) or as
 * JSON Feed 1.1. JSON Feed is written here because `feed` emits version 1.0 (a single `author`, no
 * `authors` or `language`); JSON needs no escaping helper beyond JSON.stringify.
 */
import { Feed } from 'feed';
import { FEED_FORMATS, type FeedFormat, type FeedModel } from './feed-model.ts';

const LANGUAGE = 'en-GB';

/** The feed as text in `format`, with its content type. */
export function writeFeed(model: FeedModel, format: FeedFormat): { body: string; contentType: string } {
  const contentType = `${FEED_FORMATS[format].mediaType}; charset=utf-8`;
  if (format === 'json') return { body: jsonFeed(model), contentType };
  const feed = new Feed({
    title: model.title,
    description: model.description,
    id: model.homeUrl,
    link: model.homeUrl,
    language: LANGUAGE,
    updated: new Date(model.lastModified),
    generator: 'Dateline',
    author: { name: model.siteName },
    feedLinks: {
      rss: `${model.feedBase}${FEED_FORMATS.rss.extension}`,
      atom: `${model.feedBase}${FEED_FORMATS.atom.extension}`,
      json: `${model.feedBase}${FEED_FORMATS.json.extension}`,
    },
    ...(format === 'rss' && { feed: `${model.feedBase}${FEED_FORMATS.rss.extension}` }),
  });
  for (const item of model.items) {
    feed.addItem({
      title: item.title,
      id: item.url,
      link: item.url,
      description: item.summary,
      content: item.contentHtml,
      date: new Date(item.modified),
      published: new Date(item.published),
      ...(item.authors.length > 0 && { author: item.authors.map((name) => ({ name })) }),
      category: [{ name: item.storyHeadline }],
    });
  }
  return { body: format === 'rss' ? feed.rss2() : feed.atom1(), contentType };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
function jsonFeed(model: FeedModel): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: model.title,
    home_page_url: model.homeUrl,
    feed_url: `${model.feedBase}${FEED_FORMATS.json.extension}`,
    description: model.description,
    language: LANGUAGE,
    authors: [{ name: model.siteName }],
    items: model.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      summary: item.summary,
      date_published: item.published,
      date_modified: item.modified,
      ...(item.authors.length > 0 && { authors: item.authors.map((name) => ({ name })) }),
      tags: [item.storyHeadline],
    })),
  });
}
