/**
 * A fixture feed server on loopback for the feed ingestion tests: well-formed RSS 2.0, Atom and JSON
 * Feed documents (honouring ETag and Last-Modified), and every way a source can misbehave. The readouts
 * are fictional, written for these tests.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CALL_ESTMARK, CALL_NORLAND, MINISTRY_CEASEFIRE } from '../readouts.ts';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 channel with `items`. */
export function rss(
  items: { guid: string; title: string; link: string; date: string; html: string }[],
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Presidency of Valdoria: news</title>
    <link>https://presidency.example/</link>
    <description>Readouts and statements</description>
    ${items
      .map(
        (item) => `<item>
      <title>${escapeXml(item.title)}</title>
      <link>${item.link}</link>
      <guid isPermaLink="false">${item.guid}</guid>
      <pubDate>${new Date(item.date).toUTCString()}</pubDate>
      <description>${escapeXml(item.html.slice(0, 120))}</description>
      <content:encoded><![CDATA[${item.html}]]></content:encoded>
    </item>`,
      )
      .join('\n    ')}
  </channel>
</rss>`;
}

const RSS = rss([
  {
    guid: 'vp-1201',
    title: 'Telephone conversation with the President of Norland',
    link: 'https://presidency.example/news/1201',
    date: '2026-03-12T16:05:00Z',
    html: `<p>${CALL_NORLAND}</p><script>track()</script>`,
  },
  {
    guid: 'vp-1207',
    title: 'Telephone conversation with the Prime Minister of Estmark',
    link: 'https://presidency.example/news/1207',
    date: '2026-03-19T11:30:00Z',
    html: `<p>${CALL_ESTMARK.replace('. ', '.</p><p>')}</p>`,
  },
]);

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ministry of Foreign Affairs of Elbonia</title>
  <id>urn:example:elbonia-mfa</id>
  <updated>2026-03-16T09:00:00Z</updated>
  <entry>
    <title>Statement on the ceasefire in the Dravik valley</title>
    <id>urn:example:elbonia-mfa:330</id>
    <link rel="alternate" href="https://mfa.example/statements/330"/>
    <published>2026-03-16T09:00:00Z</published>
    <updated>2026-03-16T09:10:00Z</updated>
    <content type="html">${escapeXml(`<p>${MINISTRY_CEASEFIRE}</p>`)}</content>
  </entry>
</feed>`;

// The same Norland readout as the RSS feed carries, under another id and URL: a duplicate by text.
const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Valdoria government news (mirror)',
  items: [
    {
      id: 'mirror-88',
      url: 'https://mirror.example/88',
      title: 'Call with Norland',
      content_text: CALL_NORLAND,
      date_published: '2026-03-12T16:20:00Z',
    },
    {
      id: 'mirror-89',
      url: 'https://mirror.example/89',
      title: 'Decree on the grain reserve',
      content_html:
        '<p>The President signed a decree releasing part of the state grain reserve to the flooded districts.</p>',
      date_published: '2026-03-20T10:00:00Z',
    },
  ],
});

const MALFORMED = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Broken</title>
<item><title>Unclosed item</title><description>The tag below is never closed.</description>
</channel></rss>`;

const HUGE_ITEM = rss([
  {
    guid: 'huge-1',
    title: 'Full transcript',
    link: 'https://presidency.example/news/huge',
    date: '2026-03-21T08:00:00Z',
    html: `<p>${'The President answered questions from the press. '.repeat(1200)}</p>`,
  },
  {
    guid: 'small-1',
    title: 'Short statement',
    link: 'https://presidency.example/news/small',
    date: '2026-03-21T09:00:00Z',
    html: '<p>The President congratulated the national rowing team on its victory in the regional championship.</p>',
  },
]);

/** The fixture server: its base URL, what it was asked, and a way to close it (hung sockets too). */
export interface FeedFixtureServer {
  url: string;
  /** Requests per path, with the conditional headers they carried. */
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string; status: number }[];
  /** Bytes the enormous feed sends; the test's limit must be below it. */
  enormousBytes: number;
  close(): Promise<void>;
}

/** Starts the fixture server on 127.0.0.1 with a free port. */
export async function startFeedFixtureServer(): Promise<FeedFixtureServer> {
  const requests: FeedFixtureServer['requests'] = [];
  const sockets = new Set<Socket>();
  const enormousBytes = 1024 * 1024;
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    const record = (status: number) =>
      requests.push({
        path,
        status,
        ...(request.headers['if-none-match'] !== undefined && {
          ifNoneMatch: request.headers['if-none-match'],
        }),
        ...(request.headers['if-modified-since'] !== undefined && {
          ifModifiedSince: request.headers['if-modified-since'],
        }),
      });
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      record(status);
      response.writeHead(status, { 'content-type': type, ...headers });
      response.end(body);
    };
    switch (path) {
      case '/rss.xml':
        if (request.headers['if-none-match'] === '"rss-v1"') return send(304, 'application/rss+xml', '');
        return send(200, 'application/rss+xml', RSS, { etag: '"rss-v1"' });
      case '/atom.xml': {
        const modified = 'Mon, 16 Mar 2026 09:10:00 GMT';
        if (request.headers['if-modified-since'] === modified) return send(304, 'application/atom+xml', '');
        return send(200, 'application/atom+xml', ATOM, { 'last-modified': modified });
      }
      case '/feed.json':
        return send(200, 'application/feed+json', JSON_FEED);
      case '/malformed.xml':
        return send(200, 'application/rss+xml', MALFORMED);
      case '/huge-item.xml':
        return send(200, 'application/rss+xml', HUGE_ITEM);
      case '/enormous.xml': {
        // Streams far more than the limit, with no Content-Length, so the reader must count.
        record(200);
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = `<!-- ${'x'.repeat(64 * 1024 - 9)} -->`;
        for (let sent = 0; sent < enormousBytes; sent += chunk.length) response.write(chunk);
        return response.end();
      }
      case '/moved.xml':
        return send(301, 'text/plain', '', { location: '/atom.xml' });
      case '/loop.xml':
        return send(302, 'text/plain', '', { location: '/loop.xml' });
      case '/broken.xml':
        return send(500, 'text/plain', 'internal error');
      case '/hang.xml':
        record(0);
        return; // never answers; the fetcher's deadline must end it
      default:
        return send(404, 'text/plain', 'not found');
    }
  };
  const server: Server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enormousBytes,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
