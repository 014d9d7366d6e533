import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createOutboundPolicy } from '../../../src/outbound/outbound-policy.ts';
import { FeedPoller } from '../../../src/service/feed-poller.ts';
import type { StatementFeed } from '../../../src/statements/feeds/feed-store.ts';
import { StatementService } from '../../../src/statements/statement-service.ts';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { createTempDir } from '../../support/temp-dir.ts';
import { CALL_NORLAND } from '../readouts.ts';
import { startFeedFixtureServer, type FeedFixtureServer } from './feed-fixtures.ts';

describe('feed ingestion', () => {
  let server: FeedFixtureServer;
  let store: Store;
  let poller: FeedPoller;
  let now = new Date('2026-03-22T12:00:00.000Z');
  const feeds = new Map<string, StatementFeed>();

  before(async () => {
    server = await startFeedFixtureServer();
    store = await openSqliteStore({ filename: join(createTempDir(), 'dateline.db'), now: () => now });
    poller = new FeedPoller({
      store,
      statements: new StatementService({ statements: store.statements }),
      logger: pino({ level: 'silent' }),
      // Generous enough that a loaded machine reads the enormous body to its size limit before the deadline.
      limits: { timeoutMs: 5000, maxBytes: 256 * 1024, maxRedirects: 3 },
      // The fixture server is on loopback, which only an operator's allow-list lets feeds reach.
      outbound: createOutboundPolicy(['127.0.0.1']),
      // One at a time: the RSS feed and the JSON Feed share an item, and the first to ingest it claims it.
      concurrency: 1,
      now: () => now,
    });
    const paths = [
      'rss',
      'atom',
      'feed.json',
      'malformed',
      'huge-item',
      'enormous',
      'moved',
      'loop',
      'broken',
      'hang',
    ];
    for (const name of paths) {
      const path = name.includes('.') ? `/${name}` : `/${name}.xml`;
      feeds.set(
        name,
        await store.statementFeeds.create({
          url: `${server.url}${path}`,
          issuer: 'Presidency of Valdoria',
          language: 'en',
          intervalSeconds: 600,
        }),
      );
    }
  });
  after(async () => {
    await poller.close();
    await store.close();
    await server.close();
  });

  const feed = async (name: string) => (await store.statementFeeds.getById(feeds.get(name)!.id))!;

  it('ingests RSS, Atom and JSON Feed, and gives each broken source its own clear error', async () => {
    await poller.pollDue();
    const ok = async (name: string, added: number) => {
      const f = await feed(name);
      assert.equal(f.status, 'ok', `${name}: ${f.lastError}`);
      assert.equal(f.statementsAdded, added, name);
      assert.equal(f.failures, 0);
      assert.equal(f.nextPollAt, '2026-03-22T12:10:00.000Z');
    };
    const failed = async (name: string, error: RegExp) => {
      const f = await feed(name);
      assert.equal(f.status, 'error', name);
      assert.match(f.lastError ?? '', error, name);
      assert.equal(f.statementsAdded, 0);
    };
    await ok('rss', 2);
    await ok('atom', 1);
    // Its Norland item repeats the RSS feed's text: only the other item is new.
    await ok('feed.json', 1);
    await failed('malformed', /not well-formed XML at line \d+/);
    await failed('enormous', /over the limit of 262144 bytes/);
    await failed('loop', /more than 3 redirects/);
    await failed('broken', /HTTP 500 from http:\/\/127\.0\.0\.1:\d+\/broken\.xml/);
    await failed('hang', /no complete answer from .*hang\.xml within 5 s/);
    // A redirect to a good feed is followed; its item is the Atom feed's, so nothing new.
    await ok('moved', 0);
    // One item too long to be a statement is skipped and named; the rest of the feed goes in.
    const huge = await feed('huge-item');
    assert.equal(huge.status, 'ok');
    assert.equal(huge.statementsAdded, 1);
    assert.match(huge.lastError ?? '', /item huge-1 skipped: its text is over 50000 characters/);

    const { items } = await store.statements.list({ limit: 50 });
    assert.equal(items.length, 5);
    const norland = items.find((s) => s.guid === 'vp-1201')!;
    assert.equal(norland.text, CALL_NORLAND, 'HTML became plain text; the script went');
    assert.equal(norland.title, 'Telephone conversation with the President of Norland');
    assert.equal(norland.url, 'https://presidency.example/news/1201');
    assert.equal(norland.publishedAt, '2026-03-12T16:05:00.000Z');
    assert.equal(norland.feedId, feeds.get('rss')!.id);
    const estmark = items.find((s) => s.guid === 'vp-1207')!;
    assert.match(estmark.text, /\n\n/, 'paragraphs are kept');
    assert.equal(
      items.find((s) => s.guid === 'urn:example:elbonia-mfa:330')?.url,
      'https://mfa.example/statements/330',
    );
  });

  it('polls again with conditional GET, adds nothing twice, and backs off failing sources', async () => {
    now = new Date('2026-03-22T12:10:00.000Z');
    const before = server.requests.length;
    await poller.pollDue();
    const again = server.requests.slice(before);
    const rss = again.find((r) => r.path === '/rss.xml')!;
    assert.equal(rss.ifNoneMatch, '"rss-v1"');
    assert.equal(rss.status, 304);
    const atom = again.find((r) => r.path === '/atom.xml')!;
    assert.equal(atom.ifModifiedSince, 'Mon, 16 Mar 2026 09:10:00 GMT');
    assert.equal(atom.status, 304);
    assert.equal(
      (await store.statements.list({ limit: 50 })).items.length,
      5,
      'the JSON feed re-sent its items; none were added again',
    );
    assert.equal((await feed('feed.json')).statementsAdded, 1);
    // Failing feeds were not due yet: the first failure doubled their interval.
    assert.equal(
      again.some((r) => r.path === '/broken.xml'),
      false,
    );
    const broken = await feed('broken');
    assert.equal(broken.nextPollAt, '2026-03-22T12:20:00.000Z');
    now = new Date('2026-03-22T12:20:00.000Z');
    await poller.pollDue();
    const twice = await feed('broken');
    assert.equal(twice.failures, 2);
    assert.equal(twice.nextPollAt, '2026-03-22T13:00:00.000Z', 'backoff doubles again: 40 minutes after 20');
    assert.equal((await feed('rss')).status, 'ok');
  });
});
