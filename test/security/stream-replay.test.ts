/**
 * Issue 12, findings 1 and 4: a stream replay (`?since=0`, `Last-Event-ID: 0`, the site stream) sends
 * only what is public now — never a deleted update's text, an edited update only as it now reads —
 * and a reader too far behind gets a `reload` event instead of the history. Against listening servers:
 * SQLite with the in-process bus, and two PostgreSQL nodes sharing a Redis bus (written on one node,
 * replayed on the other), each from the ring buffer (a reader was watching) and from the event log.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SseTestClient } from '../live/sse-client.ts';
import { clusterUnavailable, postgresAdmin, POSTGRES_URL, REDIS_URL } from '../support/cluster.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** A writer node and a reader node (the same one on SQLite). */
interface Setup {
  name: string;
  skip: string | false;
  start(): Promise<{ writer: TestApp; reader: TestApp; readerBase: string; close(): Promise<void> }>;
}

// Events a replay may cover; small, so the test of a reader too far behind stays quick.
const REPLAY_MAX = 40;
const clusterSkip = (await clusterUnavailable()) ?? false;

const SETUPS: Setup[] = [
  {
    name: 'SQLite, in-process bus',
    skip: false,
    async start() {
      const t = await createTestApp({ env: { DATELINE_STREAM_REPLAY_MAX: String(REPLAY_MAX) } });
      const base = await t.listen();
      return { writer: t, reader: t, readerBase: base, close: () => t.close() };
    },
  },
  {
    name: 'PostgreSQL, Redis bus, two nodes',
    skip: clusterSkip !== false && process.env['CI'] !== 'true' ? clusterSkip : false,
    async start() {
      if (clusterSkip !== false) assert.fail(`${clusterSkip}; with CI=true these tests must run`);
      const schema = `dl_sec_${randomBytes(5).toString('hex')}`;
      await postgresAdmin(`create schema ${schema}`);
      const env = {
        DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`,
        DATELINE_BUS_URL: `${REDIS_URL}/?prefix=${schema}`,
        DATELINE_STREAM_REPLAY_MAX: String(REPLAY_MAX),
      };
      const writer = await createTestApp({ env });
      const reader = await createTestApp({ env });
      const readerBase = await reader.listen();
      return {
        writer,
        reader,
        readerBase,
        async close() {
          await reader.close();
          await writer.close();
          await postgresAdmin(`drop schema ${schema} cascade`);
        },
      };
    },
  },
];

for (const setup of SETUPS) {
  describe(`stream replay sends only what is public now (${setup.name})`, { skip: setup.skip }, () => {
    let s: Awaited<ReturnType<Setup['start']>>;
    before(async () => {
      s = await setup.start();
    });
    after(async () => s?.close());

    /** A story where one update was deleted and one edited; `watch` keeps readers on it meanwhile. */
    const scene = async (watch: boolean) => {
      const { writer, reader, readerBase } = s;
      const tag = randomBytes(4).toString('hex');
      const story = await writer.liveBlog.createStory({ headline: `Replay ${tag}` });
      const watchers = watch
        ? [
            new SseTestClient(`${readerBase}/api/v1/stories/${story.id}/live`),
            new SseTestClient(`${readerBase}/api/v1/live`),
          ]
        : [];
      await Promise.all(watchers.map((w) => w.connected()));
      const secret = `deleted-source-name-${tag}`;
      const draft = `pre-edit-wording-${tag}`;
      const current = `corrected-wording-${tag}`;
      const deleted = await writer.liveBlog.publishUpdate(story.id, { body: secret }, 'Desk');
      const edited = await writer.liveBlog.publishUpdate(story.id, { body: draft }, 'Desk');
      await writer.liveBlog.publishUpdate(story.id, { body: `kept-${tag}` }, 'Desk');
      await writer.liveBlog.editUpdate(edited.id, edited.version, { body: current }, 'Desk');
      await writer.liveBlog.deleteUpdate(deleted.id, 'Desk');
      const lastSeq = await reader.store.events.lastSeq(story.id);
      const lastGlobal = await reader.store.events.lastGlobalId();
      // Watching readers saw everything live (the ring now holds it), then leave.
      if (watchers[0])
        await watchers[0].waitFor('all live events', () => watchers[0]!.ids().includes(lastSeq));
      if (watchers[1])
        await watchers[1].waitFor('all site events', () => watchers[1]!.ids().includes(lastGlobal));
      for (const w of watchers) await w.close();
      return { story, tag, secret, draft, current, lastSeq, lastGlobal, deleted, edited };
    };

    const replay = async (url: string, lastId: number, lastEventId?: string) => {
      const client = new SseTestClient(url, lastEventId === undefined ? {} : { lastEventId });
      await client.waitFor(`replay up to ${lastId}`, () => client.ids().includes(lastId) || client.ended);
      await client.close();
      assert.equal(client.status, 200);
      return client;
    };

    for (const watch of [true, false]) {
      it(`story stream ?since=0 and Last-Event-ID: 0 (${watch ? 'ring buffer' : 'nobody watching: read from the event log'})`, async () => {
        const x = await scene(watch);
        const url = `${s.readerBase}/api/v1/stories/${x.story.id}/live`;
        for (const client of [await replay(`${url}?since=0`, x.lastSeq), await replay(url, x.lastSeq, '0')]) {
          assert.ok(!client.raw.includes(x.secret), 'a deleted update is replayed');
          assert.ok(!client.raw.includes(x.draft), 'an edited update is replayed as it first read');
          // The page still converges: the edited update arrives (as new, in its current version) and
          // the deleted one is only named for removal.
          const edited = client.events.filter((e) => e.data.includes(x.edited.id));
          assert.deepEqual(
            edited.map((e) => e.event),
            ['update'],
          );
          assert.ok(edited[0]!.data.includes(x.current));
          assert.deepEqual(
            client.events.filter((e) => e.data.includes(x.deleted.id)).map((e) => [e.event, e.data]),
            [['delete', JSON.stringify({ id: x.deleted.id })]],
          );
          assert.ok(client.raw.includes(`kept-${x.tag}`));
        }
      });

      it(`site stream ?since=0 (${watch ? 'ring buffer' : 'nobody watching: read from the event log'})`, async () => {
        const x = await scene(watch);
        const client = await replay(`${s.readerBase}/api/v1/live?since=0`, x.lastGlobal);
        assert.ok(!client.raw.includes(x.secret), 'a deleted update is replayed on the site stream');
        assert.ok(!client.raw.includes(x.draft), 'an edited update is replayed as it first read');
        assert.ok(client.raw.includes(x.current));
      });
    }

    it('tells a reader too far behind to reload instead of replaying the history', async () => {
      const { writer, readerBase } = s;
      const story = await writer.liveBlog.createStory({ headline: 'A very long day' });
      const watcher = new SseTestClient(`${readerBase}/api/v1/stories/${story.id}/live`);
      await watcher.connected();
      const first = await writer.liveBlog.publishUpdate(story.id, { body: 'first-of-many' }, 'Desk');
      let version = first.version;
      // More events than a replay may cover.
      for (let i = 0; i < REPLAY_MAX + 10; i++)
        version = (await writer.liveBlog.editUpdate(first.id, version, { body: `edit ${i}` }, 'Desk'))
          .version;
      const lastSeq = await s.reader.store.events.lastSeq(story.id);
      await watcher.waitFor('all live events', () => watcher.ids().includes(lastSeq));
      await watcher.close();

      for (const url of [
        `${readerBase}/api/v1/stories/${story.id}/live?since=0`,
        `${readerBase}/api/v1/stories/${story.id}/live?since=10`,
        `${readerBase}/api/v1/live?since=0`,
      ]) {
        const client = new SseTestClient(url);
        await client.waitForEvents(1);
        await client.close();
        const [reload, ...rest] = client.events;
        assert.equal(reload?.event, 'reload', url);
        assert.deepEqual(rest, [], url);
        assert.ok(!client.raw.includes('first-of-many') && !client.raw.includes('edit 1'), url);
      }
      // A reader only a little behind is still replayed, not reloaded.
      const near = new SseTestClient(`${readerBase}/api/v1/stories/${story.id}/live?since=${lastSeq - 3}`);
      await near.waitFor('replay', () => near.ids().includes(lastSeq));
      await near.close();
      assert.deepEqual(
        near.events.map((e) => e.event),
        ['edit'],
      );
    });
  });
}
