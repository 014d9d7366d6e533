/**
 * A hostile statement feed cannot freeze the server (issue 12, finding 3): 20,000 items in 2.7 MB (under
 * the 5 MB fetch limit) are parsed off the main thread and only the first 200 taken, so a reader's request
 * made while the feed is being parsed is answered before the poll ends; one item of 200,000 nested tags
 * takes linear work and is skipped; each ends in its own feed's status line, which the editor sees.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_PARSE_LIMITS } from '../../src/statements/feeds/feed-items.ts';
import { parseFeedItems } from '../../src/statements/feeds/feed-parser.ts';
import { htmlToText } from '../../src/statements/feeds/html-to-text.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const NESTING = 200_000;

function item(n: number, html: string): string {
  return `<item><guid>item-${n}</guid><title>Statement ${n}</title><link>https://ministry.example/${n}</link><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
}

function rss(items: string[]): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Ministry</title>${items.join('')}</channel></rss>`;
}

/** 20,000 distinct small statements: about 2.7 MB. */
const FLOOD = rss(
  Array.from({ length: 20_000 }, (_, n) =>
    item(n, `<p>The ministry issued statement number ${n} on the situation in the border districts.</p>`),
  ),
);
// 120,000 unclosed tags (360 KB, under the per-item size limit): nested as deep as they go.
const NESTED = rss([
  item(1_000_001, `${'<i>'.repeat(120_000)}Deep`),
  item(1_000_002, '<p>The ministry welcomed the reopening of the northern crossing to aid convoys.</p>'),
]);

describe('a hostile statement feed', () => {
  let t: TestApp;
  let feeds: Server;
  let feedOrigin: string;
  let appOrigin: string;
  // Resolves when the poller has taken in the whole flood and hung up: its parsing is under way.
  let floodRead: Promise<void>;
  let markFloodRead: () => void;

  before(async () => {
    floodRead = new Promise((resolve) => (markFloodRead = resolve));
    // HTTP by hand, so the feed sees the poller hang up: the poller's end of the connection closes only
    // once it has read the whole document (an http.Server closes its own end as soon as it has written).
    feeds = createServer({ allowHalfOpen: true }, (socket) => {
      socket.once('data', (head) => {
        const flood = head.toString('latin1').startsWith('GET /flood.xml ');
        const body = Buffer.from(flood ? FLOOD : NESTED);
        socket.end(
          Buffer.concat([
            Buffer.from(
              `HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`,
            ),
            body,
          ]),
        );
        socket.once('end', () => {
          socket.destroy();
          if (flood) markFloodRead();
        });
      });
    });
    feeds.listen(0, '127.0.0.1');
    await once(feeds, 'listening');
    feedOrigin = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    // The hostile feed is on loopback, which only the operator's allow-list lets feeds reach.
    t = await createTestApp({ env: { DATELINE_OUTBOUND_ALLOW: '127.0.0.1' } });
    // Listening for real (without starting the poller's schedule): a reader's request goes through the
    // event loop as in production, so a blocked loop would hold it.
    appOrigin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    feeds.close();
  });

  const addFeed = (path: string) =>
    t.store.statementFeeds.create({
      url: `${feedOrigin}${path}`,
      issuer: 'Ministry of Foreign Affairs',
      language: 'en',
      intervalSeconds: 900,
    });

  it('answers a reader while 20,000 items are polled, and takes only the first 200', async () => {
    const feed = await addFeed('/flood.xml');
    const storedBefore = await t.store.statements.count();
    let pollEnded = false;
    const poll = t.feedPoller.poll(feed).finally(() => (pollEnded = true));
    await floodRead;
    // Asked once the poller holds the whole document: parsed on the main thread, the reader would wait
    // for the parse and be answered only once the poll was storing its items.
    const page = await fetch(`${appOrigin}/healthz`);
    assert.equal(page.status, 200);
    assert.equal(pollEnded, false, 'the reader was answered before the poll ended');
    assert.equal(
      await t.store.statements.count(),
      storedBefore,
      'the reader was answered while the feed was still being parsed, before any item was stored',
    );
    const outcome = await poll;
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.statementsAdded, DEFAULT_PARSE_LIMITS.maxItems);
    assert.match(outcome.lastError ?? '', /too many items \(20000\): the first 200 taken/);

    // The editor sees it in the feed list.
    const list = await t.app.inject({ url: '/api/v1/statement-feeds', headers: t.auth(t.editorToken) });
    const listed = (list.json().items as { id: string; lastError: string | null }[]).find(
      (f) => f.id === feed.id,
    );
    assert.match(listed?.lastError ?? '', /the first 200 taken/);
  });

  it('skips an item of 120,000 nested tags after linear work, and keeps the rest of the feed', async () => {
    const outcome = await t.feedPoller.poll(await addFeed('/nested.xml'));
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.statementsAdded, 1, `the ordinary item is taken: ${outcome.lastError}`);
    assert.match(outcome.lastError ?? '', /item item-1000001 skipped: too deeply nested/);
  });

  it('turns deeply nested HTML into bounded text, or refuses it, in one pass', { timeout: 60_000 }, () => {
    // The quadratic version took minutes on this input; the test's timeout is what catches it.
    const deep = `${'<b>'.repeat(NESTING)}Deep${'</b>'.repeat(NESTING)}`;
    assert.equal(htmlToText(deep), null);
    assert.equal(
      htmlToText(`${'<span>'.repeat(100)}Just deep enough${'</span>'.repeat(100)}`),
      'Just deep enough',
    );
    const { items, notes } = parseFeedItems(NESTED);
    assert.deepEqual(
      items.map((i) => i.guid),
      ['item-1000002'],
    );
    assert.equal(notes.length, 1);
  });
});
