/**
 * Feeds as a feed reader sees them: each format parsed by an independent parser (rss-parser for RSS
 * and Atom, JSON.parse for JSON Feed) and checked for the elements its spec requires; deleted updates
 * never appear; polling readers get 304 when nothing changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Parser from 'rss-parser';
import type { Desk, Story, Update } from '../../../src/domain/types.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

// Absolute URL on the test server (inject answers as http://localhost:80), normalised.
const abs = (pathOrUrl: string) => new URL(pathOrUrl, 'http://localhost:80').href;
const HOSTILE = '<script>alert("x")</script> & <b>bold</b>';

type AtomFeed = { id?: string; updated?: string };
type AtomItem = { id?: string; updated?: string };

interface JsonFeed {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  items: { id: string; url?: string; title?: string; content_html?: string; date_published?: string }[];
}

describe('feeds', () => {
  let t: TestApp;
  let desk: Desk;
  let story: Story;
  let other: Story;
  let draft: Story;
  const updates: Update[] = [];
  let deleted: Update;
  const storyPath = () => `/${desk.slug}/${story.slug}`;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
  const rss = new Parser();
  const atom = new Parser<AtomFeed, AtomItem>({
    customFields: { feed: ['id', 'updated'], item: ['id', 'updated'] },
  });

  before(async () => {
    t = await createTestApp();
    desk = await t.liveBlog.createDesk({ name: 'Syria Daily', description: 'The war in Syria, day by day' });
    story = await t.liveBlog.createStory({
      desk: desk.slug,
      slug: 'geneva-talks',
      headline: `Talks ${HOSTILE}`,
    });
    other = await t.liveBlog.createStory({ desk: desk.slug, slug: 'aleppo', headline: 'Aleppo front' });
    draft = await t.liveBlog.createStory({
      desk: desk.slug,
      slug: 'unpublished',
      headline: 'Draft',
      status: 'draft',
    });
    for (let i = 0; i < 4; i++) {
      updates.push(
        await t.liveBlog.publishUpdate(
          story.id,
          {
            body: i === 1 ? `Body ${HOSTILE}` : `Update number ${i}`,
            headline: i === 2 ? `Headline ${HOSTILE}` : null,
            claimStatus: 'claimed',
            claimNote: 'Video geolocated',
            sources: [{ label: 'Ministry readout', url: 'https://example.org/readout' }],
          },
          'Reporter One',
        ),
      );
    }
    deleted = await t.liveBlog.publishUpdate(story.id, { body: 'Published by mistake' }, 'Reporter One');
    await t.liveBlog.deleteUpdate(deleted.id, 'Reporter One');
    await t.liveBlog.publishUpdate(other.id, { body: 'Shelling near the citadel' }, 'Reporter Two');
    await t.liveBlog.publishUpdate(draft.id, { body: 'Not for readers yet' }, 'Reporter Two');
  });
  after(() => t.close());

  it('serves a story as RSS 2.0 with the required channel and item elements', async () => {
    const res = await get(`${storyPath()}/feed.xml`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/rss\+xml/);
    assert.match(res.body, /<rss version="2.0"/);
    const feed = await rss.parseString(res.body);
    assert.equal(feed.title, `Talks ${HOSTILE} – Dateline`);
    assert.equal(feed.link, abs(storyPath()));
    assert.ok(feed.description, 'channel description');
    assert.equal(feed.items.length, 4, 'the deleted update is not an item');
    // Newest first, each with an absolute permalink as guid and link.
    assert.deepEqual(
      feed.items.map((item) => abs(item.guid ?? '')),
      [...updates].reverse().map((u) => abs(`${storyPath()}/updates/${u.id}`)),
    );
    for (const item of feed.items) {
      assert.ok(item.title && item.link && item.pubDate, 'title, link and pubDate');
      assert.ok(!Number.isNaN(Date.parse(item.pubDate)), 'pubDate is a date');
    }
    const hostile = feed.items.find((item) => item.title === `Headline ${HOSTILE}`);
    assert.ok(hostile, 'markup in a headline is text, not tags');
    const withBody = feed.items.find((item) => item.guid?.endsWith(updates[1]!.id));
    // The full HTML is in content:encoded; description holds the plain-text summary.
    const encoded = String((withBody as Record<string, unknown> | undefined)?.['content:encoded'] ?? '');
    assert.match(encoded, /Claim status: Claimed/);
    assert.match(encoded, /href="https:\/\/example.org\/readout"/);
    assert.doesNotMatch(encoded, /<script>/, 'author HTML is sanitised');
    assert.doesNotMatch(res.body, /Published by mistake/);
  });

  it('serves a story as Atom 1.0 with feed and entry ids, titles and updated times', async () => {
    const res = await get(`${storyPath()}/feed.atom`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
    assert.match(res.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    assert.match(res.body, /<author>\s*<name>Dateline<\/name>/, 'a feed-level author');
    const feed = await atom.parseString(res.body);
    assert.ok(feed.id, 'feed id');
    assert.ok(feed.updated && !Number.isNaN(Date.parse(feed.updated)), 'feed updated');
    assert.equal(feed.title, `Talks ${HOSTILE} – Dateline`);
    assert.equal(feed.items.length, 4);
    for (const item of feed.items) {
      assert.ok(item.id && item.title && item.link, 'entry id, title and link');
      assert.ok(item.updated && !Number.isNaN(Date.parse(item.updated)), 'entry updated');
    }
    assert.doesNotMatch(res.body, /Published by mistake/);
  });

  it('serves a story as JSON Feed 1.1', async () => {
    const res = await get(`${storyPath()}/feed.json`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/feed\+json/);
    const feed = JSON.parse(res.body) as JsonFeed;
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.title, `Talks ${HOSTILE} – Dateline`);
    assert.equal(abs(feed.home_page_url ?? ''), abs(storyPath()));
    assert.equal(abs(feed.feed_url ?? ''), abs(`${storyPath()}/feed.json`));
    assert.equal(feed.items.length, 4);
    for (const item of feed.items) {
      assert.equal(typeof item.id, 'string');
      assert.ok(item.content_html, 'content_html');
      assert.ok(item.date_published && !Number.isNaN(Date.parse(item.date_published)));
    }
    assert.ok(!feed.items.some((item) => item.id.endsWith(deleted.id)));
  });

  it('merges a desk’s public pages and the whole site, leaving drafts out', async () => {
    const deskFeed = await rss.parseString((await get(`/${desk.slug}/feed.xml`)).body);
    assert.equal(deskFeed.title, 'Syria Daily – Dateline');
    assert.equal(deskFeed.items.length, 5);
    assert.equal(deskFeed.items[0]?.title, 'Shelling near the citadel', 'newest first across stories');
    const site = JSON.parse((await get('/feed.json')).body) as JsonFeed;
    assert.equal(site.items.length, 5);
    assert.ok(!JSON.stringify(site).includes('Not for readers yet'));
    assert.ok(!JSON.stringify(site).includes('Published by mistake'));
    const siteAtom = await atom.parseString((await get('/feed.atom')).body);
    assert.equal(siteAtom.items.length, 5);
  });

  it('answers 404 for drafts, unknown desks and stories', async () => {
    for (const url of [
      `/${desk.slug}/unpublished/feed.xml`,
      '/no-such-desk/feed.json',
      `/${desk.slug}/nothing-here/feed.atom`,
      '/stories/nothing-here/feed.xml',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });

  it('answers conditional GETs with 304, and changes its validators when an update is deleted', async () => {
    const url = `${storyPath()}/feed.json`;
    const first = await get(url);
    const etag = String(first.headers['etag']);
    const lastModified = String(first.headers['last-modified']);
    assert.ok(etag.startsWith('"'), 'a strong ETag');
    assert.equal((await get(url, { 'if-none-match': etag })).statusCode, 304);
    assert.equal((await get(url, { 'if-modified-since': lastModified })).statusCode, 304);
    assert.equal(
      (await get(url, { 'if-modified-since': new Date(Date.parse(lastModified) - 60_000).toUTCString() }))
        .statusCode,
      200,
    );

    const victim = updates.pop()!;
    await t.liveBlog.deleteUpdate(victim.id, 'Reporter One');
    const after = await get(url, { 'if-none-match': etag });
    assert.equal(after.statusCode, 200, 'a deletion is a change');
    assert.notEqual(after.headers['etag'], etag);
    assert.ok(!after.body.includes(victim.id));
    assert.ok(Date.parse(String(after.headers['last-modified'])) >= Date.parse(lastModified));
  });

  it('is advertised on the story, desk and front pages with links that work', async () => {
    for (const [page, count] of [
      [storyPath(), 3],
      [`/${desk.slug}`, 3],
      ['/', 3],
    ] as const) {
      const html = (await get(page)).body;
      const links = [
        ...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)"/g),
      ].filter((m) => m[1] !== 'application/json+oembed');
      assert.equal(links.length, count, page);
      for (const [, type, href] of links) {
        const res = await get(href!);
        assert.equal(res.statusCode, 200, href);
        assert.equal(String(res.headers['content-type']).split(';')[0], type);
      }
    }
  });
});
