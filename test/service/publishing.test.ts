/**
 * The publishing service on its own (no HTTP): every write it owns refuses anonymous callers,
 * contributors where an editor is needed and editors of another desk, leaving nothing behind; an
 * update's citations and audit entry commit with it and its live event; the scheduler's publishes are
 * audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { Actor } from '../../src/domain/actors.ts';
import type { DomainError } from '../../src/domain/errors.ts';
import type { Desk, LiveEvent, Story, Submission, Update } from '../../src/domain/types.ts';
import { MemoryBus } from '../../src/live/memory/memory-bus.ts';
import { createOutboundPolicy } from '../../src/outbound/outbound-policy.ts';
import { LiveBlogService } from '../../src/service/live-blog.ts';
import { PublishingService } from '../../src/service/publishing.ts';
import { Scheduler } from '../../src/service/scheduler.ts';
import { StatementFeedService } from '../../src/service/statement-feeds.ts';
import { FeedPoller } from '../../src/service/feed-poller.ts';
import { StatementService } from '../../src/statements/statement-service.ts';
import type { Statement } from '../../src/statements/statement.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { ENGINES } from '../support/engines.ts';
import { createTempDir } from '../support/temp-dir.ts';

const silent = pino({ level: 'silent' });

/** A bus that, as each event goes out, reads what a reader fetching the update would see cited. */
class CitationReadingBus extends MemoryBus {
  readonly citedWhenLive = new Map<string, string[]>();
  constructor(private readonly store: () => Store) {
    super();
  }
  override async publish(event: LiveEvent): Promise<void> {
    const update = event.data.type === 'update' || event.data.type === 'edit' ? event.data.update : null;
    if (update) {
      const cited = await this.store().statements.citationsOf([update.id]);
      this.citedWhenLive.set(
        update.id,
        (cited.get(update.id) ?? []).map((s) => s.id),
      );
    }
    return super.publish(event);
  }
}

for (const engine of ENGINES) {
  describe(`publishing service (${engine.name})`, { skip: engine.skip }, () => {
    let store: Store;
    let bus: CitationReadingBus;
    let liveBlog: LiveBlogService;
    let publishing: PublishingService;
    let feeds: StatementFeedService;
    let north: Desk;
    let south: Desk;
    let story: Story;
    let statement: Statement;
    const admin: Actor = { key: 'user:admin', name: 'Admin', role: 'admin', desks: null };
    let editorNorth: Actor;
    let editorSouth: Actor;
    let contributorNorth: Actor;
    let otherContributorNorth: Actor;

    before(async () => {
      const env = await engine.env();
      store = await openStore(env['DATABASE_URL'], createTempDir());
      bus = new CitationReadingBus(() => store);
      liveBlog = new LiveBlogService({ store, bus });
      publishing = new PublishingService({ store, liveBlog });
      const statements = new StatementService({ statements: store.statements });
      const feedPoller = new FeedPoller({ store, statements, logger: silent });
      feeds = new StatementFeedService({ store, feedPoller, outbound: createOutboundPolicy() });
      north = await publishing.createDesk(admin, { name: 'North Daily' });
      south = await publishing.createDesk(admin, { name: 'South Daily' });
      editorNorth = { key: 'user:en', name: 'Nadia', role: 'editor', desks: [north.id] };
      editorSouth = { key: 'user:es', name: 'Samir', role: 'editor', desks: [south.id] };
      contributorNorth = { key: 'user:cn', name: 'Carla', role: 'contributor', desks: [north.id] };
      otherContributorNorth = { key: 'user:co', name: 'Omar', role: 'contributor', desks: [north.id] };
      story = await publishing.createStory(editorNorth, { desk: 'north-daily', headline: 'Talks resume' });
      statement = await statements.add({
        issuer: 'Ministry of Foreign Affairs',
        publishedAt: '2026-12-01T09:00:00Z',
        text: 'The ministry welcomes the resumption of talks and calls on all parties to keep the ceasefire.',
      });
    });
    after(async () => {
      await store.close();
      await engine.cleanUp();
    });

    const audit = async (action?: string) =>
      store.audit.list({ limit: 1000, ...(action !== undefined && { action }) });

    /** Everything a refused write could have left behind. */
    const state = async () => {
      const updates = (await store.updates.listByStory(story.id, { limit: 100 })).items;
      const submissions = await store.submissions.listByAuthor(story.id, contributorNorth.key, 100);
      const cited = await store.statements.citationsOf([...updates, ...submissions].map((u) => u.id));
      return JSON.stringify({
        audit: (await audit()).length,
        lastEvent: await store.events.lastGlobalId(),
        desks: (await store.desks.list()).length,
        stories: (await store.stories.listByDesk(north.id, { limit: 100, publicOnly: false })).items,
        updates,
        pending: await store.submissions.listPending(story.id),
        submissions,
        feeds: await store.statementFeeds.list(),
        cited: [...cited],
      });
    };

    /** Asserts `write` is refused with `code` and leaves nothing stored. */
    async function refused(code: DomainError['code'], write: () => Promise<unknown>, who: string) {
      const before = await state();
      await assert.rejects(write, (error: DomainError) => {
        assert.equal(error.code, code, `${who}: ${error.message}`);
        return true;
      });
      assert.equal(await state(), before, `${who}: a refused write changed what is stored`);
    }

    const submit = async (by: Actor, body: string): Promise<Submission> => {
      const posted = await publishing.postUpdate(by, story.id, { body });
      assert.equal(posted.kind, 'submitted');
      return (posted as { submission: Submission }).submission;
    };
    const publish = async (body: string, extra: { statementIds?: string[] } = {}): Promise<Update> => {
      const posted = await publishing.postUpdate(editorNorth, story.id, { body, ...extra });
      assert.equal(posted.kind, 'published');
      return (posted as { update: Update }).update;
    };

    it('refuses a story slug that a page of the desk already answers (contacts, feed)', async () => {
      for (const slug of ['contacts', 'feed']) {
        await assert.rejects(
          () => publishing.createStory(editorNorth, { desk: 'north-daily', headline: 'Contacts', slug }),
          (error: DomainError) => error.message.includes(`"${slug}" is a page of the desk`),
        );
      }
      const standalone = await publishing.createStory(editorNorth, { headline: 'Contacts' });
      assert.equal(standalone.slug, 'contacts', 'a story outside a desk may keep the word');
    });

    it('refuses desk and story writes to anonymous callers, contributors and editors of another desk', async () => {
      await refused('unauthorized', () => publishing.createDesk(null, { name: 'East Daily' }), 'anonymous');
      await refused('forbidden', () => publishing.createDesk(editorNorth, { name: 'East Daily' }), 'editor');
      await refused(
        'forbidden',
        () => publishing.createDesk(contributorNorth, { name: 'East Daily' }),
        'contributor',
      );
      for (const [who, actor, code] of [
        ['anonymous', null, 'unauthorized'],
        ['contributor', contributorNorth, 'forbidden'],
        ['editor of another desk', editorSouth, 'forbidden'],
      ] as const) {
        await refused(code, () => publishing.openDay(actor, 'north-daily', '2026-12-04'), `openDay ${who}`);
        await refused(
          code,
          () => publishing.createStory(actor, { desk: 'north-daily', headline: 'Border reopens' }),
          `createStory ${who}`,
        );
        await refused(
          code,
          () => publishing.patchStory(actor, story.id, story.version, { headline: 'Talks collapse' }),
          `patchStory ${who}`,
        );
      }
      // The desk's own editor may.
      const { created } = await publishing.openDay(editorNorth, 'north-daily', '2026-12-04');
      assert.equal(created, true);
    });

    it('refuses updates and submissions to anonymous callers, contributors and editors of another desk', async () => {
      const waiting = await submit(contributorNorth, 'Convoy seen near the crossing');
      const published = await publish('Talks resume in Geneva');
      for (const [who, actor, code] of [
        ['anonymous', null, 'unauthorized'],
        ['editor of another desk', editorSouth, 'forbidden'],
      ] as const) {
        await refused(code, () => publishing.postUpdate(actor, story.id, { body: 'x' }), `post ${who}`);
        await refused(code, () => publishing.approve(actor, waiting.id, {}), `approve ${who}`);
        await refused(code, () => publishing.reject(actor, waiting.id, 'no source'), `reject ${who}`);
        await refused(
          code,
          () => publishing.editSubmission(actor, waiting.id, { body: 'y' }),
          `edit sub ${who}`,
        );
        await refused(
          code,
          () => publishing.editUpdate(actor, published.id, 1, { body: 'y' }),
          `edit ${who}`,
        );
        await refused(code, () => publishing.removeUpdate(actor, waiting.id), `withdraw ${who}`);
        await refused(code, () => publishing.removeUpdate(actor, published.id), `delete ${who}`);
        await refused(code, () => publishing.listSubmissions(actor, story.id, false), `queue ${who}`);
      }
      // Contributors: no editor's decisions, no published text, no one else's submission.
      const c = contributorNorth;
      await refused('forbidden', () => publishing.approve(c, waiting.id, {}), 'author approving');
      await refused('forbidden', () => publishing.reject(c, waiting.id, 'x'), 'author rejecting');
      await refused(
        'forbidden',
        () => publishing.editUpdate(c, published.id, 1, { body: 'y' }),
        'contrib edit',
      );
      await refused('forbidden', () => publishing.removeUpdate(c, published.id), 'contributor delete');
      await refused(
        'forbidden',
        () => publishing.postUpdate(c, story.id, { body: 'x', claimStatus: 'verified' }),
        'contributor verifying',
      );
      await refused(
        'forbidden',
        () => publishing.postUpdate(c, story.id, { body: 'x', publishAt: '2099-01-01T00:00:00Z' }),
        'contributor scheduling',
      );
      await refused(
        'forbidden',
        () => publishing.editSubmission(c, waiting.id, { claimStatus: 'verified' }),
        'author verifying',
      );
      const o = otherContributorNorth;
      await refused('forbidden', () => publishing.editSubmission(o, waiting.id, { body: 'y' }), 'other edit');
      await refused('forbidden', () => publishing.removeUpdate(o, waiting.id), 'other withdrawing');
      assert.deepEqual(await publishing.listSubmissions(o, story.id, false), [], 'sees only their own');
      // The desk's editor may.
      const approved = await publishing.approve(editorNorth, waiting.id, {});
      assert.equal(approved.update.body, 'Convoy seen near the crossing');
    });

    it('refuses feed management to anonymous callers, contributors and (for changes) editors', async () => {
      const feed = await feeds.add(admin, { url: 'https://example.org/statements.xml', issuer: 'Ministry' });
      await refused('unauthorized', () => feeds.list(null), 'anonymous list');
      await refused('unauthorized', () => feeds.get(null, feed.id), 'anonymous get');
      await refused('forbidden', () => feeds.list(contributorNorth), 'contributor list');
      for (const [who, actor, code] of [
        ['anonymous', null, 'unauthorized'],
        ['contributor', contributorNorth, 'forbidden'],
        ['editor', editorNorth, 'forbidden'],
      ] as const) {
        await refused(
          code,
          () => feeds.add(actor, { url: 'https://example.org/b.xml', issuer: 'B' }),
          `add ${who}`,
        );
        await refused(code, () => feeds.setDisabled(actor, feed.id, true), `disable ${who}`);
        await refused(code, () => feeds.pollNow(actor, feed.id), `poll ${who}`);
      }
      // Even an admin cannot point a feed inside the network, whichever page they use.
      await refused(
        'validation',
        () => feeds.add(admin, { url: 'http://127.0.0.1/feed', issuer: 'X' }),
        'ssrf',
      );
      assert.deepEqual(
        (await feeds.list(editorNorth)).map((f) => f.url),
        ['https://example.org/statements.xml'],
      );
    });

    it('commits citations with the update: they are stored when its live event goes out', async () => {
      const update = await publish('The ministry welcomed the talks', { statementIds: [statement.id] });
      assert.deepEqual(bus.citedWhenLive.get(update.id), [statement.id]);
      const edited = await publishing.editUpdate(editorNorth, update.id, update.version, {
        statementIds: [],
      });
      assert.deepEqual(bus.citedWhenLive.get(edited.id), [], 'an edit removing them is live without them');
      const waiting = await submit(contributorNorth, 'A readout was published');
      const approved = await publishing.approve(editorNorth, waiting.id, { statementIds: [statement.id] });
      assert.deepEqual(bus.citedWhenLive.get(approved.update.id), [statement.id]);
    });

    it('publishes nothing when the citations cannot be stored: no update, no event, no audit entry', async () => {
      // A store that vouches for a statement that does not exist: the check passes, the write cannot.
      const lying: Store = {
        ...store,
        statements: Object.assign(Object.create(store.statements) as Store['statements'], {
          getMany: async (ids: readonly string[]) => ids.map((id) => ({ ...statement, id })),
        }),
      };
      const service = new PublishingService({ store: lying, liveBlog });
      const events: LiveEvent[] = [];
      const stop = bus.subscribe((event) => events.push(event));
      const before = await state();
      await assert.rejects(
        service.postUpdate(editorNorth, story.id, { body: 'Cites a ghost', statementIds: ['ghost000000'] }),
      );
      stop();
      assert.equal(await state(), before);
      assert.deepEqual(events, []);
    });

    it('audits every write with who made it, the scheduler’s publishes included', async () => {
      const update = await publish('Ceasefire holds overnight');
      const [published] = await audit('update.publish');
      assert.equal(published?.target, update.id);
      assert.equal(published?.actorKey, editorNorth.key);

      const at = new Date(Date.now() + 60 * 60_000).toISOString();
      const posted = await publishing.postUpdate(editorNorth, story.id, {
        body: 'Leaders meet',
        publishAt: at,
      });
      assert.equal(posted.kind, 'scheduled');
      const scheduler = new Scheduler({ store, publishing, logger: silent, now: () => new Date(at) });
      assert.equal(await scheduler.tick(), 1);
      const [byScheduler] = await audit('update.publish');
      assert.equal(byScheduler?.actor, 'scheduler');
      assert.equal(byScheduler?.target, (posted as { submission: Submission }).submission.id);
      assert.equal(byScheduler?.detail['scheduledBy'], editorNorth.key);

      const desks = await audit('desk.create');
      assert.deepEqual(
        desks.map((e) => [e.target, e.actorKey]),
        [
          ['south-daily', admin.key],
          ['north-daily', admin.key],
        ],
      );
    });
  });
}
