/**
 * Feed documents are parsed on warm worker threads within a budget: a document that takes too long or
 * needs too much memory is stopped and named as the feed's error, and the next document is parsed as
 * usual; the workers never keep a process from ending. The statements are fictional, written for these
 * tests.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DEFAULT_PARSE_LIMITS } from '../../../src/statements/feeds/feed-items.ts';
import { FeedParseWorkers } from '../../../src/statements/feeds/parse-feed-off-thread.ts';

function rss(count: number, prefix = 'statement'): string {
  const items = Array.from(
    { length: count },
    (_, n) =>
      `<item><guid>${prefix}-${n}</guid><title>Statement ${n}</title><content:encoded><![CDATA[<p>The ministry issued statement number ${n} on the border districts.</p>]]></content:encoded></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Ministry</title>${items.join('')}</channel></rss>`;
}

const ORDINARY = rss(3);
// 100,000 items (13 MB): about 10 s of parsing on this 2-core machine, and far more than 24 MB of heap.
const FLOOD = rss(100_000);

describe('feed parsing off the main thread', () => {
  const opened: FeedParseWorkers[] = [];
  const workers = (budget: { timeoutMs: number; maxHeapMb: number }) => {
    const created = new FeedParseWorkers(budget);
    opened.push(created);
    return created;
  };
  after(() => Promise.all(opened.map((w) => w.close())));

  it("parses document after document, and names a document's own error", async () => {
    const parser = workers({ timeoutMs: 20_000, maxHeapMb: 256 });
    for (const prefix of ['first', 'second', 'third']) {
      const { items } = await parser.parse(rss(2, prefix), DEFAULT_PARSE_LIMITS);
      assert.deepEqual(
        items.map((i) => i.guid),
        [`${prefix}-0`, `${prefix}-1`],
      );
    }
    await assert.rejects(
      parser.parse('<rss><channel>', DEFAULT_PARSE_LIMITS),
      /not well-formed XML at line 1/,
    );
    assert.equal((await parser.parse(ORDINARY, DEFAULT_PARSE_LIMITS)).items.length, 3);
  });

  it('stops a document at its deadline, then parses the next one on a fresh worker', async () => {
    // The deadline counts the parse, not the worker's start (which may take longer on a loaded machine).
    const parser = workers({ timeoutMs: 1_000, maxHeapMb: 256 });
    await assert.rejects(parser.parse(FLOOD, DEFAULT_PARSE_LIMITS), {
      name: 'FeedParseError',
      message: 'the feed took more than 1 s to parse',
    });
    assert.equal((await parser.parse(ORDINARY, DEFAULT_PARSE_LIMITS)).items.length, 3);
  });

  it('stops a document that needs more memory than allowed, then parses the next one', async () => {
    const parser = workers({ timeoutMs: 60_000, maxHeapMb: 24 });
    await assert.rejects(parser.parse(FLOOD, DEFAULT_PARSE_LIMITS), {
      name: 'FeedParseError',
      message: 'the feed needed more than 24 MB to parse',
    });
    assert.equal((await parser.parse(ORDINARY, DEFAULT_PARSE_LIMITS)).items.length, 3);
  });

  it('lets a process that parsed a feed end without closing the workers', async () => {
    const script = `
      const { FeedParseWorkers } = await import(${JSON.stringify(import.meta.resolve('../../../src/statements/feeds/parse-feed-off-thread.ts'))});
      const { items } = await new FeedParseWorkers().parse(${JSON.stringify(ORDINARY)}, ${JSON.stringify(DEFAULT_PARSE_LIMITS)});
      console.log(items.length);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { timeout: 60_000 },
    );
    assert.equal(stdout.trim(), '3');
  });
});
