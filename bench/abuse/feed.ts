/**
 * Feed attack for `npm run bench:abuse`: the attacker serves, from this process on loopback, a statement
 * feed of 20,000 items in 2.7 MB (under the 5 MB fetch limit, new GUIDs on every fetch so nothing is
 * deduplicated) and one whose item nests 120,000 tags, registers both with an admin token (the server
 * allows 127.0.0.1 through DATELINE_OUTBOUND_ALLOW) and forces polls of both in a loop with
 * `POST /api/v1/statement-feeds/{id}/poll`. Before the fix a poll of the first took about a minute of
 * the main thread; the summary gives the polls made and the status each feed ended with.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Attack, AttackContext } from './attack.ts';

const ITEMS = 20_000;
const NESTING = 120_000;

function rss(items: string[]): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Ministry</title>${items.join('')}</channel></rss>`;
}

function item(guid: string, html: string): string {
  return `<item><guid>${guid}</guid><title>Statement ${guid}</title><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
}

/** The flood, with GUIDs and text unique to fetch number `round`. */
function flood(round: number): string {
  return rss(
    Array.from({ length: ITEMS }, (_, n) =>
      item(
        `r${round}-${n}`,
        `<p>Statement ${n} of round ${round} on the situation in the border districts.</p>`,
      ),
    ),
  );
}

const NESTED = rss([item('deep', `${'<i>'.repeat(NESTING)}Deep`)]);

let feedServer: Server | null = null;
let feedOrigin = '';

/** POSTs JSON with the admin token; the parsed answer. */
async function admin(ctx: AttackContext, path: string, body?: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${ctx.baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${ctx.tokens.admin}`,
      ...(body && { 'content-type': 'application/json' }),
    },
    ...(body && { body: JSON.stringify(body) }),
    signal: ctx.signal,
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The feed attack (see the file's comment). */
export const feedAttack: Attack = {
  name: 'feed',
  description: `forced polls of a ${ITEMS}-item feed (2.7 MB) and of one item nesting ${NESTING} tags`,
  async prepare(ctx) {
    let round = 0;
    feedServer = createServer((request, response) => {
      const body = request.url === '/nested.xml' ? NESTED : flood(round++);
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    });
    feedServer.listen(0, '127.0.0.1');
    await once(feedServer, 'listening');
    feedOrigin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    ctx.log(`hostile feeds served at ${feedOrigin}`);
  },
  async run(ctx) {
    const ids: Record<string, string> = {};
    for (const path of ['/flood.xml', '/nested.xml']) {
      const feed = await admin(ctx, '/statement-feeds', { url: `${feedOrigin}${path}`, issuer: 'Ministry' });
      ids[path] = String(feed['id']);
    }
    const polls: Record<string, number> = {};
    const outcomes: Record<string, string> = {};
    // One forced poll at a time per feed, as an admin clicking "Poll now" as fast as it answers.
    await Promise.all(
      Object.entries(ids).map(async ([path, id]) => {
        while (!ctx.signal.aborted) {
          try {
            const feed = await admin(ctx, `/statement-feeds/${id}/poll`);
            polls[path] = (polls[path] ?? 0) + 1;
            outcomes[path] = `${String(feed['status'])}: ${String(feed['lastError'] ?? '')}`.slice(0, 120);
          } catch (error) {
            if (!ctx.signal.aborted) outcomes[path] = String(error).slice(0, 120);
          }
        }
      }),
    );
    feedServer?.closeAllConnections();
    feedServer?.close();
    return Object.keys(ids)
      .map((path) => `${path}: ${polls[path] ?? 0} polls, last "${outcomes[path] ?? 'none finished'}"`)
      .join('; ');
  },
};
