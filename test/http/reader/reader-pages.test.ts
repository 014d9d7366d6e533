import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { addDays } from '../../../src/domain/days.ts';
import { CLAIM_STATUSES } from '../../../src/domain/types.ts';
import type { Desk, Story, Update } from '../../../src/domain/types.ts';
import { content } from '../../store/store-contract.ts';
import { createLiveFormatter } from '../../../src/http/reader/live-format.ts';
import { createArticleRenderer } from '../../../src/http/reader/article-renderer.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { articleIds, articles, attribute, jsonLd, text } from './html.ts';

const HOSTILE = '<script>alert("x")</script></script><!--';

describe('reader pages', () => {
  let t: TestApp;
  let desk: Desk;
  let story: Story;
  let storyUrl: string;
  const published: Update[] = [];

  const get = (url: string) => t.app.inject({ url });

  before(async () => {
    t = await createTestApp();
    desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    story = await t.liveBlog.createStory({
      desk: desk.slug,
      slug: 'geneva-talks',
      headline: `Talks ${HOSTILE}`,
      standfirst: 'Delegations arrive in Geneva',
      body: 'Analysis **body**',
    });
    storyUrl = `/${desk.slug}/geneva-talks`;
    // 55 updates: more than one page. The oldest is pinned and a key event, so it shows on page one.
    for (let i = 0; i < 55; i++) {
      const status = CLAIM_STATUSES[i % CLAIM_STATUSES.length]!;
      published.push(
        await t.liveBlog.publishUpdate(
          story.id,
          {
            body: i === 0 ? `Summary ${HOSTILE}` : `Update number ${i}`,
            headline: i === 0 ? `Pinned ${HOSTILE}` : i % 10 === 0 ? `Headline ${i}` : null,
            claimStatus: status,
            claimNote: `Note ${i} ${HOSTILE}`,
            sources: [
              { label: `Source ${HOSTILE}`, url: 'https://example.org/readout' },
              { label: 'Bad scheme', url: 'javascript:alert(1)' },
            ],
            pinned: i === 0,
            keyEvent: i === 0 || i === 52,
            videoUrl: i === 54 ? 'https://www.youtube.com/watch?v=abc' : null,
          },
          `Reporter ${HOSTILE}`,
        ),
      );
    }
  });
  after(() => t.close());

  it('renders a story page as escaped, complete HTML', async () => {
    const res = await get(storyUrl);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(String(res.headers['cache-control']), /max-age=5/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    const html = res.body;
    assert.ok(html.startsWith('<!doctype html><html lang="en-GB">'));
    // Author text appears as text, never as markup.
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<!--/);
    assert.ok(text(html).includes(`Talks ${HOSTILE}`));
    assert.ok(text(html).includes(`Reporter ${HOSTILE}`));
    assert.match(html, /<h1 id="story-title" data-story-headline>Talks &lt;script>/);
    assert.match(html, /Delegations arrive in Geneva/);
    assert.match(html, /<strong>body<\/strong>/);
    assert.match(html, /Syria Daily/);
    // Sources keep only web links, marked nofollow.
    assert.match(html, /<a href="https:\/\/example.org\/readout" rel="nofollow noopener">Source &lt;script>/);
    assert.doesNotMatch(html, /javascript:/);
    // The video slot is an inert link card: no iframe, no third-party image.
    assert.match(html, /<a class="media-link" href="https:\/\/www.youtube.com\/watch\?v=abc"/);
    assert.doesNotMatch(html, /<iframe|<img/);
    // Landmarks and skip link.
    assert.match(html, /<a class="skip-link" href="#main">/);
    assert.match(html, /<main id="main"/);
    assert.match(html, /<link rel="canonical" href="http:\/\/localhost(:80)?\/syria-daily\/geneva-talks"\/>/);
    assert.match(html, /<meta property="og:title" content="Talks &lt;script>/);
    assert.match(html, /<meta name="twitter:card" content="summary"\/>/);
    assert.match(html, new RegExp(`data-story-id="${story.id}" data-last-event-seq="\\d+"`));
  });

  it('puts the pinned update first, then the newest 50 by time, with key events linking to anchors', async () => {
    const html = (await get(storyUrl)).body;
    const ids = articleIds(html);
    const pinned = published[0]!;
    assert.equal(ids[0], pinned.id, 'pinned first');
    assert.match(articles(html)[0]!, /class="update is-pinned is-key"/);
    assert.deepEqual(
      ids.slice(1),
      published
        .slice(-50)
        .reverse()
        .map((u) => u.id),
      'then the newest 50, newest first',
    );
    assert.equal(new Set(ids).size, ids.length, 'no update twice on a page');
    const keyEvents = /<nav class="key-events"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    assert.match(keyEvents, new RegExp(`href="#update-${published[52]!.id}"`));
    assert.match(keyEvents, new RegExp(`href="#update-${pinned.id}"`));
  });

  it('labels every claim status in words and with a glyph, with its note', async () => {
    const html = (await get(storyUrl)).body;
    for (const [status, label] of [
      ['unverified', 'Unverified'],
      ['claimed', 'Claimed'],
      ['verified', 'Verified'],
      ['disputed', 'Disputed'],
      ['false', 'False'],
    ]) {
      const badge = new RegExp(
        `<p class="claim claim-${status}"><span class="claim-badge"><span class="claim-glyph" aria-hidden="true">.</span><span class="sr-only">Claim status: </span>${label}</span><span class="claim-note">Note \\d+ &lt;script>`,
      );
      assert.match(html, badge, status);
    }
  });

  it('gives each update a time in the desk time zone, a relative time and a permalink', async () => {
    const html = (await get(storyUrl)).body;
    const last = published.at(-1)!;
    assert.match(
      html,
      new RegExp(
        `<a class="update-time" id="update-${last.id}-time" href="/syria-daily/geneva-talks/updates/${last.id}"><time datetime="${last.publishedAt}" title="[^"]+">\\d\\d:\\d\\d Damascus time</time>`,
      ),
    );
    assert.match(html, new RegExp(`data-rel-time="${last.publishedAt}">just now<`));
  });

  it('describes the page as a schema.org LiveBlogPosting that survives hostile text', async () => {
    const html = (await get(storyUrl)).body;
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    assert.doesNotMatch(block, /<\/?script/i, 'author text cannot close the script element');
    const data = jsonLd(html);
    assert.equal(data['@type'], 'LiveBlogPosting');
    assert.equal(data['headline'], `Talks ${HOSTILE}`);
    assert.equal(typeof data['coverageStartTime'], 'string');
    const updates = data['liveBlogUpdate'] as Record<string, unknown>[];
    assert.equal(updates.length, 51);
    assert.equal(updates[0]!['@type'], 'BlogPosting');
    assert.equal(updates[0]!['headline'], `Pinned ${HOSTILE}`);
    assert.match(String(updates[0]!['url']), new RegExp(`#update-${published[0]!.id}$`));
  });

  it('pages through older updates with a plain link that works without JavaScript', async () => {
    const firstPage = (await get(storyUrl)).body;
    const href = attribute(firstPage, '<a[^>]*data-load-older', 'href');
    assert.ok(href?.startsWith(`${storyUrl}?before=`), `load-older link: ${href}`);
    assert.match(firstPage, />Load older updates</);
    const older = await get(href!);
    assert.equal(older.statusCode, 200);
    const ids = articleIds(older.body);
    assert.deepEqual(
      ids,
      published
        .slice(0, 5)
        .reverse()
        .map((u) => u.id),
    );
    assert.equal(attribute(older.body, '<a[^>]*data-load-older', 'href'), null, 'no further page');
    assert.match(older.body, /<meta name="robots" content="noindex, follow"\/>/);
    assert.match(older.body, new RegExp(`<a href="${storyUrl}">Back to the latest updates</a>`));
    const everything = new Set([...articleIds(firstPage), ...ids]);
    assert.equal(everything.size, 55, 'every update reachable');
  });

  it('serves a permalink page per update, with its claim history', async () => {
    const target = published[3]!;
    await t.liveBlog.editUpdate(
      target.id,
      target.version,
      { claimStatus: 'verified', claimNote: 'Geolocated by the desk' },
      'Editor',
    );
    const res = await get(`${storyUrl}/updates/${target.id}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(articleIds(res.body), [target.id]);
    assert.match(res.body, /How this was checked \(1 change\)/);
    assert.match(
      res.body,
      /Disputed<\/span> <time[^>]*>[^<]+<\/time>.*Verified<\/span> <time[^>]*>[^<]+<\/time> — Geolocated by the desk/s,
    );
    assert.match(res.body, new RegExp(`href="${storyUrl}#update-${target.id}"`));
  });

  it('answers 404 pages in the site layout for what readers may not see', async () => {
    const draft = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Embargoed', status: 'draft' });
    const other = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Other story' });
    const otherUpdate = await t.liveBlog.publishUpdate(other.id, { body: 'elsewhere' }, 'R');
    const gone = await t.liveBlog.publishUpdate(story.id, { body: 'to be deleted' }, 'R');
    await t.liveBlog.deleteUpdate(gone.id, 'R');
    const yesterday = addDays(t.liveBlog.today(desk), -1);
    for (const url of [
      '/no-such-desk',
      '/no-such-desk/geneva-talks',
      `/${desk.slug}/no-such-story`,
      `/${desk.slug}/${draft.slug}`,
      `/${desk.slug}/${yesterday}`,
      `/${desk.slug}/2020-02-30`,
      `${storyUrl}/updates/${gone.id}`,
      `${storyUrl}/updates/${otherUpdate.id}`,
      `${storyUrl}/updates/not-an-id!`,
      '/stories/geneva-talks',
      '/Bad_Slug',
      '/a/path/no/route/knows',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8', url);
      assert.match(res.body, /<h1>Page not found<\/h1>/, url);
      assert.match(res.body, /<a class="site-name" href="\/">/, url);
    }
    const badCursor = await get(`${storyUrl}?before=nonsense`);
    assert.equal(badCursor.statusCode, 400);
    assert.match(badCursor.body, /<html lang="en-GB">/);
  });

  it("creates a desk's page for today on first visit, with a link back to the day before", async () => {
    const today = t.liveBlog.today(desk);
    const res = await get(`/${desk.slug}/${today}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /No updates yet\./);
    const yesterday = addDays(today, -1);
    await t.liveBlog.openDaily(desk, yesterday, 'any');
    const again = (await get(`/${desk.slug}/${today}`)).body;
    assert.match(again, new RegExp(`<a class="day-prev" href="/${desk.slug}/${yesterday}">`));
    const previous = (await get(`/${desk.slug}/${yesterday}`)).body;
    assert.match(previous, new RegExp(`<a class="day-next" href="/${desk.slug}/${today}">`));
    const schema = jsonLd(previous);
    assert.equal(typeof schema['coverageEndTime'], 'string', 'a daily page ends with its day');
  });

  it('tells readers when a page is no longer updated', async () => {
    const ended = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Closed story' });
    await t.liveBlog.patchStory(ended.id, ended.version, { status: 'ended' });
    const html = (await get(`/${desk.slug}/${ended.slug}`)).body;
    assert.match(html, /This page is no longer being updated/);
  });

  it('lists a desk’s days newest first with a link to today', async () => {
    const res = await get(`/${desk.slug}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/${desk.slug}/${t.liveBlog.today(desk)}"`));
    assert.match(res.body, /Today’s page: Syria Daily, /);
    assert.doesNotMatch(res.body, /Embargoed/);
  });

  it('shows live pages and a LATEST rail linking into them on the front page', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<ol class="rail-list" data-live-rail data-last-event-id="\d+">/);
    const newest = published.at(-1)!;
    assert.match(res.body, new RegExp(`<a class="rail-link" href="${storyUrl}#update-${newest.id}">`));
    assert.match(res.body, /Talks &lt;script>/);
  });

  it('serves content-hashed assets with long cache lifetimes', async () => {
    const page = (await get(storyUrl)).body;
    const css = attribute(page, '<link rel="stylesheet"', 'href');
    const js = attribute(page, '<script src', 'src');
    assert.match(css ?? '', /^\/assets\/reader\.[0-9a-f]{12}\.css$/);
    assert.match(js ?? '', /^\/assets\/reader-live\.[0-9a-f]{12}\.js$/);
    const res = await get(js!);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(String(res.headers['cache-control']), /immutable/);
    // 12.2 KB minified with the share button, X/Telegram facades, the gallery's lightbox and live map
    // cards; the map's code is in map.js. Past 14 KB, move the lightbox into a chunk loaded on first use.
    assert.ok(res.body.length < 14_000, `client bundle is small (${res.body.length} bytes)`);
    const again = await t.app.inject({ url: js!, headers: { 'if-none-match': String(res.headers['etag']) } });
    assert.equal(again.statusCode, 304);
    assert.equal((await get('/assets/reader.000000000000.css')).statusCode, 404);
    const compressed = await t.app.inject({ url: css!, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(compressed.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(compressed.rawPayload).toString(), (await get(css!)).body);
  });

  it("keeps a draft off the site stream even after replaying the story's older public header", async () => {
    const { format } = createLiveFormatter({ store: t.store, articles: createArticleRenderer(t.store) });
    const s = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Pulled back' });
    const renamed = await t.liveBlog.patchStory(s.id, s.version, { headline: 'Pulled back, renamed' });
    await t.liveBlog.patchStory(s.id, renamed.version, { status: 'draft' });
    const events = await t.store.events.listAfter(s.id, 0, 100);
    const [publicHeader, draftHeader] = events.filter((e) => e.data.type === 'story');
    await format(draftHeader!);
    // A reader resuming from long ago replays the older, public header.
    await format(publicHeader!);
    const update = await t.store.updates.create(s.id, { ...content('secret'), headline: null }, 'R');
    assert.equal((await format(update.event)).site, null, 'an update of a draft never goes to the site');
  });

  it('formats live events with the same markup as the page', async () => {
    const { format } = createLiveFormatter({ store: t.store, articles: createArticleRenderer(t.store) });
    const update = await t.liveBlog.publishUpdate(story.id, { body: `Live ${HOSTILE}`, keyEvent: true }, 'R');
    const [event] = await t.store.events
      .listAfter(story.id, update.sequence > 0 ? 0 : 0, 10_000)
      .then((events) => events.filter((e) => e.data.type === 'update' && e.data.update.id === update.id));
    assert.ok(event);
    const out = await format(event);
    const data = JSON.parse(out.story) as Record<string, unknown>;
    assert.equal(data['id'], update.id);
    assert.equal(data['keyEvent'], true);
    const page = (await get(storyUrl)).body;
    const onPage = new RegExp(`<article[^>]*data-update-id="${update.id}"[\\s\\S]*?</article>`).exec(
      page,
    )?.[0];
    assert.equal(data['html'], onPage, 'live HTML equals the rendered article');
    const site = JSON.parse(out.site!) as Record<string, unknown>;
    assert.equal(site['storyId'], story.id);
    assert.match(String(site['html']), /^<li class="rail-item"/);
    assert.doesNotMatch(String(site['html']), /<script>/);

    const ended = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Ends soon' });
    const late = await t.liveBlog.publishUpdate(ended.id, { body: 'last word' }, 'R');
    const current = (await t.store.stories.getById(ended.id))!;
    await t.liveBlog.patchStory(ended.id, current.version, { status: 'ended' });
    const events = await t.store.events.listAfter(ended.id, 0, 100);
    const storyEvent = events.find((e) => e.data.type === 'story')!;
    const header = await format(storyEvent);
    assert.equal(header.site, null);
    assert.equal((JSON.parse(header.story) as Record<string, unknown>)['status'], 'ended');
    const updateEvent = events.find((e) => e.data.type === 'update' && e.data.update.id === late.id)!;
    assert.equal((await format(updateEvent)).site, null, 'ended stories are not on the site channel');
  });
  it("shows a renamed desk on the live rail once the formatter's desk lookup has expired", async () => {
    let clock = 1_000_000;
    const { format } = createLiveFormatter({
      store: t.store,
      articles: createArticleRenderer(t.store),
      ttlMs: 10_000,
      now: () => clock,
    });
    const border = await t.liveBlog.createDesk({ name: 'Border Daily' });
    const day = (await t.liveBlog.openDaily(border, '2026-05-27', 'any'))!;
    const railLabel = async (body: string) => {
      const update = await t.liveBlog.publishUpdate(day.id, { body }, 'R');
      const [event] = (await t.store.events.listAfter(day.id, 0, 10_000)).filter(
        (e) => e.data.type === 'update' && e.data.update.id === update.id,
      );
      const site = JSON.parse((await format(event!)).site!) as { html: string };
      return /<span class="rail-story">([^<]*)<\/span>/.exec(site.html)?.[1];
    };
    assert.equal(await railLabel('first'), 'Border Daily');
    // Renaming a desk sends no live event: the formatter learns of it when its lookup expires.
    await t.store.desks.update(border.id, { name: 'Frontier Daily' });
    clock += 10_001;
    assert.equal(await railLabel('second'), 'Frontier Daily');
  });
});
