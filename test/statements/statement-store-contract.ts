/** The statements storage contract: every Store's `statements` and `statementFeeds` must pass it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DomainError } from '../../src/domain/errors.ts';
import { similarityOf } from '../../src/statements/shingles.ts';
import { fingerprintsOf } from '../../src/statements/statement-service.ts';
import type { StatementFingerprints } from '../../src/statements/statement-store.ts';
import type { NewStatement } from '../../src/statements/statement.ts';
import type { Store } from '../../src/store/store.ts';
import { CALL_ESTMARK, CALL_NORLAND, callReadout, MEETING_TRADE, MINISTRY_CEASEFIRE } from './readouts.ts';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A new statement with `text`, published at `publishedAt`. */
export function newStatement(
  text: string,
  publishedAt: string,
  extra: Partial<NewStatement> = {},
): NewStatement {
  return {
    issuer: 'Presidency of Valdoria',
    title: '',
    publishedAt,
    url: null,
    language: 'en',
    text,
    parties: [],
    tags: [],
    feedId: null,
    guid: null,
    ...extra,
  };
}

/** Runs the contract against stores made by `open` (one fresh store per group). */
export function runStatementStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`statement store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    const add = (text: string, at: string, extra: Partial<NewStatement> = {}) =>
      store.statements.create(newStatement(text, at, extra), fingerprintsOf(text));

    it('stores a statement and reads it back exactly', async () => {
      const created = await add(CALL_NORLAND, '2026-03-12T16:05:00.000Z', {
        title: 'Telephone conversation with the President of Norland',
        url: 'https://presidency.example/news/1201',
        parties: ['Aurel Vantić', 'Henrik Aasveen'],
        tags: ['call', 'energy'],
      });
      assert.match(created.createdAt, ISO_MS);
      assert.match(created.contentHash, /^[0-9a-f]{64}$/);
      assert.deepEqual(await store.statements.getById(created.id), created);
      assert.deepEqual(await store.statements.fingerprintsOf(created.id), fingerprintsOf(CALL_NORLAND));
      assert.equal(await store.statements.getById('nope'), null);
      assert.equal(await store.statements.fingerprintsOf('nope'), null);
    });

    it('finds the earlier readout that shares a template, with exact scores, and not unrelated ones', async () => {
      const norland = (await store.statements.list({ limit: 1 })).items[0]!;
      await add(MEETING_TRADE, '2026-03-15T09:00:00.000Z');
      await add(MINISTRY_CEASEFIRE, '2026-03-16T09:00:00.000Z', {
        issuer: 'Ministry of Foreign Affairs of Elbonia',
      });
      const estmark = await add(CALL_ESTMARK, '2026-03-19T11:30:00.000Z');
      const prints = fingerprintsOf(CALL_ESTMARK);
      const hits = await store.statements.findSimilar({
        fingerprints: prints,
        metric: 'jaccard',
        threshold: 0.3,
        maskNames: false,
        excludeId: estmark.id,
        limit: 10,
      });
      assert.deepEqual(
        hits.map((h) => h.statementId),
        [norland.id],
      );
      const expected = similarityOf(prints.plain, fingerprintsOf(CALL_NORLAND).plain);
      assert.equal(hits[0]!.jaccard, expected.jaccard);
      assert.equal(hits[0]!.containment, expected.containment);
      assert.equal(hits[0]!.score, expected.jaccard);
      // Masking the names lifts the template match above what the plain wording scores.
      const masked = await store.statements.findSimilar({
        fingerprints: prints,
        metric: 'jaccard',
        threshold: 0.3,
        maskNames: true,
        excludeId: estmark.id,
        limit: 10,
      });
      assert.equal(masked[0]?.statementId, norland.id);
      assert.ok(masked[0]!.jaccard > hits[0]!.jaccard, `${masked[0]!.jaccard} > ${hits[0]!.jaccard}`);
    });

    it('limits a query to earlier statements and to the threshold asked for', async () => {
      const later = await add(
        callReadout({
          counterpart: 'the President of Norland Henrik Aasveen',
          day: '2 April',
          topic:
            'Particular attention was paid to cooperation in the energy sector and the construction of the northern pipeline.',
          closing: 'Henrik Aasveen thanked his counterpart for the invitation to the summit in Ostrava.',
        }),
        '2026-04-02T10:00:00.000Z',
      );
      const norland = (await store.statements.list({ limit: 50 })).items.find(
        (s) => s.text === CALL_NORLAND,
      )!;
      const query = { fingerprints: fingerprintsOf(CALL_NORLAND), maskNames: false, limit: 10 } as const;
      const upToNorland = await store.statements.findSimilar({
        ...query,
        metric: 'jaccard',
        threshold: 0.3,
        publishedUpTo: norland.publishedAt,
        excludeId: norland.id,
      });
      assert.deepEqual(upToNorland, []);
      const all = await store.statements.findSimilar({ ...query, metric: 'containment', threshold: 0.9 });
      assert.deepEqual(
        all.map((h) => h.statementId),
        [norland.id, later.id],
        'identical text first (1.0), then the near-copy',
      );
      assert.equal(all[0]!.score, 1);
      assert.ok(all[1]!.containment >= 0.9 && all[1]!.containment < 1);
    });

    it('agrees with an exhaustive comparison on generated readouts, at any threshold', async () => {
      const fresh = store;
      {
        const rng = seeded(7);
        const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
        const counterparts = [
          'the President of Norland Henrik Aasveen',
          'the Prime Minister of Estmark Lotte Brauner',
          'the Emir of Qadar',
          'the Chancellor of Osterreich-Lind Mara Felsen',
        ];
        const topics = [
          'Particular attention was paid to energy.',
          'The sides discussed the border.',
          'Grain exports were discussed in detail.',
          '',
        ];
        const stored: { id: string; prints: StatementFingerprints }[] = [];
        for (let i = 0; i < 60; i++) {
          const text =
            rng() < 0.2
              ? `${pick([MEETING_TRADE, MINISTRY_CEASEFIRE])} Reference ${i}.`
              : callReadout({
                  counterpart: pick(counterparts),
                  day: `${1 + (i % 28)} May`,
                  topic: pick(topics),
                  closing: pick(['', 'Both thanked each other.', `Item ${i}.`]),
                });
          const created = await fresh.statements.create(
            newStatement(text, `2026-05-01T00:00:${String(i).padStart(2, '0')}.000Z`),
            fingerprintsOf(text),
          );
          stored.push({ id: created.id, prints: fingerprintsOf(text) });
        }
        // Everything stored by earlier tests takes part too.
        for (const s of (await fresh.statements.list({ limit: 1000 })).items) {
          if (!stored.some((x) => x.id === s.id)) stored.push({ id: s.id, prints: fingerprintsOf(s.text) });
        }
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: 0, max: stored.length - 1 }),
            fc.constantFrom('jaccard' as const, 'containment' as const),
            fc.double({ min: 0.05, max: 1, noNaN: true }),
            fc.boolean(),
            async (index, metric, threshold, maskNames) => {
              const query = stored[index]!;
              const got = await fresh.statements.findSimilar({
                fingerprints: query.prints,
                metric,
                threshold,
                maskNames,
                excludeId: query.id,
                limit: 1000,
              });
              const side = (p: StatementFingerprints) => (maskNames ? p.masked : p.plain);
              const expected = stored
                .filter((s) => s.id !== query.id)
                .map((s) => ({ id: s.id, sim: similarityOf(side(query.prints), side(s.prints)) }))
                .filter((s) => (metric === 'jaccard' ? s.sim.jaccard : s.sim.containment) + 1e-9 >= threshold)
                .map((s) => s.id)
                .sort();
              assert.deepEqual(got.map((h) => h.statementId).sort(), expected);
            },
          ),
          { numRuns: 40, seed: 11 },
        );
      }
    });

    it('lists newest published first, page by page, and by issuer', async () => {
      const first = await store.statements.list({ limit: 2 });
      assert.equal(first.items.length, 2);
      assert.ok(first.nextCursor);
      const rest = await store.statements.list({ limit: 100, cursor: first.nextCursor });
      const all = [...first.items, ...rest.items];
      assert.equal(rest.nextCursor, null);
      assert.equal(all.length, await store.statements.count());
      const times = all.map((s) => s.publishedAt);
      assert.deepEqual(times, [...times].sort().reverse());
      const ministry = await store.statements.list({
        limit: 10,
        issuer: 'Ministry of Foreign Affairs of Elbonia',
      });
      assert.deepEqual(
        ministry.items.map((s) => s.text),
        [MINISTRY_CEASEFIRE],
      );
      assert.deepEqual(await store.statements.list({ limit: 5, cursor: 'garbage' }), {
        items: [],
        nextCursor: null,
      });
      // A well-formed cursor whose time is not a timestamp never reaches the database.
      const crafted = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
      assert.deepEqual(await store.statements.list({ limit: 5, cursor: crafted }), {
        items: [],
        nextCursor: null,
      });
    });

    it('stores a batch in one transaction: all of it, or none when one item is refused', async () => {
      const before = await store.statements.count();
      const texts = ['First decree on the grain reserve.', 'Second decree on the grain reserve and fuel.'];
      const made = await store.statements.createMany(
        texts.map((text, i) => ({
          statement: newStatement(text, `2026-04-0${i + 4}T08:00:00.000Z`),
          fingerprints: fingerprintsOf(text),
        })),
      );
      assert.deepEqual(
        made.map((s) => s.text),
        texts,
      );
      assert.equal(await store.statements.count(), before + 2);
      const hits = await store.statements.findSimilar({
        fingerprints: fingerprintsOf(texts[0]!),
        metric: 'containment',
        threshold: 0.5,
        maskNames: false,
        limit: 5,
      });
      assert.deepEqual(hits.map((h) => h.statementId).sort(), made.map((s) => s.id).sort());
      await assert.rejects(
        store.statements.createMany([
          {
            statement: newStatement('A third decree.', '2026-04-06T08:00:00.000Z'),
            fingerprints: fingerprintsOf('A third decree.'),
          },
          {
            statement: newStatement('A fourth decree.', '2026-04-06T08:00:00.000Z', {
              feedId: 'no-such-feed',
            }),
            fingerprints: fingerprintsOf('A fourth decree.'),
          },
        ]),
      );
      assert.equal(await store.statements.count(), before + 2);
      assert.deepEqual(
        await store.statements.findSimilar({
          fingerprints: fingerprintsOf('A third decree.'),
          metric: 'jaccard',
          threshold: 0.5,
          maskNames: false,
          limit: 5,
        }),
        [],
      );
    });

    it('recognises a duplicate by feed GUID, by URL or by text', async () => {
      const feed = await store.statementFeeds.create({
        url: 'https://presidency.example/rss',
        issuer: 'Presidency of Valdoria',
        language: 'en',
        intervalSeconds: 600,
      });
      const text = 'The President signed a decree on the reserve call-up.';
      const created = await add(text, '2026-04-03T08:00:00.000Z', {
        feedId: feed.id,
        guid: 'item-77',
        url: 'https://presidency.example/news/77',
      });
      const hash = created.contentHash;
      const other = 'f'.repeat(64);
      assert.equal(
        (await store.statements.findDuplicate({ feedId: feed.id, guid: 'item-77', contentHash: other }))?.id,
        created.id,
      );
      assert.equal(
        (
          await store.statements.findDuplicate({
            url: 'https://presidency.example/news/77',
            contentHash: other,
          })
        )?.id,
        created.id,
      );
      assert.equal((await store.statements.findDuplicate({ contentHash: hash }))?.id, created.id);
      assert.equal(
        await store.statements.findDuplicate({
          feedId: feed.id,
          guid: 'item-78',
          url: 'https://presidency.example/news/78',
          contentHash: other,
        }),
        null,
      );
    });

    it('keeps feeds with their poll outcomes, refuses a URL twice and lists the due ones', async () => {
      const feed = await store.statementFeeds.create({
        url: 'https://ministry.example/feed.json',
        issuer: 'Ministry of Foreign Affairs of Elbonia',
        language: 'en',
        intervalSeconds: 300,
      });
      assert.equal(feed.status, 'pending');
      assert.match(feed.nextPollAt, ISO_MS);
      await assert.rejects(
        store.statementFeeds.create({ url: feed.url, issuer: 'x', language: 'en', intervalSeconds: 300 }),
        (error: unknown) =>
          error instanceof DomainError && error.code === 'conflict' && error.details.field === 'url',
      );
      const due = await store.statementFeeds.listDue('2999-01-01T00:00:00.000Z', 10);
      assert.ok(due.some((f) => f.id === feed.id));
      const failed = await store.statementFeeds.recordPoll(feed.id, {
        status: 'error',
        lastError: 'HTTP 500 from https://ministry.example/feed.json',
        polledAt: '2026-04-03T08:00:00.000Z',
        nextPollAt: '2026-04-03T08:10:00.000Z',
        failures: 1,
        added: 0,
      });
      assert.equal(failed.status, 'error');
      assert.equal(failed.lastSuccessAt, null);
      assert.equal(failed.nextPollAt, '2026-04-03T08:10:00.000Z');
      const ok = await store.statementFeeds.recordPoll(feed.id, {
        status: 'ok',
        lastError: null,
        polledAt: '2026-04-03T08:10:00.000Z',
        nextPollAt: '2026-04-03T08:15:00.000Z',
        failures: 0,
        etag: '"v2"',
        lastModified: 'Fri, 03 Apr 2026 08:09:00 GMT',
        added: 2,
      });
      assert.deepEqual(
        {
          status: ok.status,
          etag: ok.etag,
          lastModified: ok.lastModified,
          added: ok.statementsAdded,
          success: ok.lastSuccessAt,
          error: ok.lastError,
        },
        {
          status: 'ok',
          etag: '"v2"',
          lastModified: 'Fri, 03 Apr 2026 08:09:00 GMT',
          added: 2,
          success: '2026-04-03T08:10:00.000Z',
          error: null,
        },
      );
      assert.deepEqual(await store.statementFeeds.getById(feed.id), ok);
      assert.equal(
        (await store.statementFeeds.listDue('2026-04-03T08:14:59.000Z', 10)).some((f) => f.id === feed.id),
        false,
      );
    });

    it('stores a feed item once when it arrives many times at once, and answers with the first', async () => {
      const feed = await store.statementFeeds.create({
        url: 'https://presidency.example/once.xml',
        issuer: 'Presidency of Valdoria',
        language: 'en',
        intervalSeconds: 600,
      });
      const text = callReadout({
        counterpart: 'the Prime Minister of Ostland Mira Kallen',
        day: '2 May',
        topic: 'The sides discussed grain exports through the Ostland ports.',
        closing: 'Mira Kallen invited the President to Ostland.',
      });
      const item = newStatement(text, '2026-05-02T10:00:00.000Z', {
        feedId: feed.id,
        guid: 'once-1',
        url: 'https://presidency.example/news/once-1',
      });
      const countBefore = await store.statements.count();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.statements.createUnlessDuplicate(item, fingerprintsOf(text))),
      );
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.statement.id)).size, 1);
      assert.equal(await store.statements.count(), countBefore + 1);
      // Nothing of the losers reached the index: the text finds itself once.
      const hits = await store.statements.findSimilar({
        fingerprints: fingerprintsOf(text),
        metric: 'jaccard',
        threshold: 0.99,
        maskNames: false,
        limit: 10,
      });
      assert.deepEqual(
        hits.map((h) => h.statementId),
        [results[0]!.statement.id],
      );
      // The same GUID with edited text, the same URL from another GUID, the same text under another URL:
      // each is the item already stored.
      for (const extra of [
        { text: `${text} Updated.`, guid: 'once-1', url: null },
        { text: `${text} Corrected.`, guid: 'once-2', url: 'https://presidency.example/news/once-1' },
        { text, guid: 'once-3', url: 'https://presidency.example/news/once-3' },
      ]) {
        const again = await store.statements.createUnlessDuplicate(
          newStatement(extra.text, '2026-05-02T11:00:00.000Z', { ...extra, feedId: feed.id }),
          fingerprintsOf(extra.text),
        );
        assert.deepEqual(again, { statement: results[0]!.statement, created: false });
      }
      assert.equal(await store.statements.count(), countBefore + 1);
      const fresh = await store.statements.createUnlessDuplicate(
        newStatement('A new decree on reservists.', '2026-05-03T10:00:00.000Z', {
          feedId: feed.id,
          guid: 'once-4',
        }),
        fingerprintsOf('A new decree on reservists.'),
      );
      assert.equal(fresh.created, true);
      // A text pasted twice through `create` is kept twice (an editor's choice), yet still claims its keys.
      const pasted = 'The Ministry recalled its ambassador for consultations.';
      await add(pasted, '2026-05-04T10:00:00.000Z');
      await add(pasted, '2026-05-04T10:01:00.000Z');
      const fromFeed = await store.statements.createUnlessDuplicate(
        newStatement(pasted, '2026-05-04T10:02:00.000Z', { feedId: feed.id, guid: 'once-5' }),
        fingerprintsOf(pasted),
      );
      assert.equal(fromFeed.created, false);
    });

    it('lists the issuers with their statement counts, by name', async () => {
      const issuers = await store.statements.listIssuers(100);
      assert.deepEqual(
        issuers.map((i) => i.issuer),
        [...issuers.map((i) => i.issuer)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      const total = issuers.reduce((sum, i) => sum + i.count, 0);
      assert.equal(total, await store.statements.count());
      assert.ok(issuers.some((i) => i.issuer === 'Ministry of Foreign Affairs of Elbonia' && i.count >= 1));
      assert.equal((await store.statements.listIssuers(1)).length, 1);
    });

    it('stops polling a disabled feed and makes it due at once when resumed', async () => {
      const feed = await store.statementFeeds.create({
        url: 'https://presidency.example/disabled.xml',
        issuer: 'Presidency of Valdoria',
        language: 'en',
        intervalSeconds: 600,
      });
      assert.equal(feed.disabledAt, null);
      const far = '2999-01-01T00:00:00.000Z';
      const due = async () => (await store.statementFeeds.listDue(far, 100)).some((f) => f.id === feed.id);
      assert.equal(await due(), true);
      const disabled = await store.statementFeeds.setDisabled(feed.id, '2026-05-01T10:00:00.000Z');
      assert.equal(disabled.disabledAt, '2026-05-01T10:00:00.000Z');
      assert.deepEqual(await store.statementFeeds.getById(feed.id), disabled);
      assert.equal(await due(), false);
      const resumed = await store.statementFeeds.setDisabled(feed.id, null);
      assert.equal(resumed.disabledAt, null);
      assert.equal(await due(), true);
      await assert.rejects(store.statementFeeds.setDisabled('nope', null), { code: 'not_found' });
    });

    it('keeps the statements an update cites, in order, and replaces them', async () => {
      const [a, b, c] = (await store.statements.list({ limit: 3 })).items;
      assert.ok(a && b && c);
      assert.deepEqual(await store.statements.citationsOf(['update-1']), new Map());
      await store.statements.setCitations('update-1', [c.id, a.id, c.id]);
      await store.statements.setCitations('update-2', [b.id]);
      const cited = await store.statements.citationsOf(['update-1', 'update-2', 'update-3']);
      assert.deepEqual(
        cited.get('update-1')?.map((s) => s.id),
        [c.id, a.id],
      );
      assert.deepEqual(cited.get('update-1')?.[0], c);
      assert.deepEqual(
        cited.get('update-2')?.map((s) => s.id),
        [b.id],
      );
      assert.equal(cited.has('update-3'), false);
      await store.statements.setCitations('update-1', [b.id]);
      await store.statements.setCitations('update-2', []);
      const replaced = await store.statements.citationsOf(['update-1', 'update-2']);
      assert.deepEqual(
        replaced.get('update-1')?.map((s) => s.id),
        [b.id],
      );
      assert.equal(replaced.has('update-2'), false);
    });
  });
}

/**
 * Two handles on one database (two processes or nodes) ingest the same feed item at the same moment,
 * many times over: it is stored once. `openPair` opens two stores on the same database.
 */
export function runCrossNodeDedupe(
  name: string,
  openPair: () => Promise<[Store, Store, () => Promise<void>]>,
): void {
  it(`stores a feed item once when two nodes ingest it at once: ${name}`, async () => {
    const [one, two, close] = await openPair();
    try {
      const feed = await one.statementFeeds.create({
        url: 'https://presidency.example/race.xml',
        issuer: 'Presidency of Valdoria',
        language: 'en',
        intervalSeconds: 600,
      });
      for (let round = 0; round < 10; round++) {
        const text = `${CALL_NORLAND} Round ${'x'.repeat(round + 1)} of talks.`;
        const item = newStatement(text, '2026-05-05T10:00:00.000Z', {
          feedId: feed.id,
          guid: `race-${round}`,
          url: `https://presidency.example/news/race-${round}`,
        });
        const results = await Promise.all(
          [one, two, one, two].map((store) =>
            store.statements.createUnlessDuplicate(item, fingerprintsOf(text)),
          ),
        );
        assert.equal(results.filter((r) => r.created).length, 1, `round ${round}`);
        assert.equal(new Set(results.map((r) => r.statement.id)).size, 1, `round ${round}`);
      }
      assert.equal(await one.statements.count(), 10);
      assert.equal(await two.statements.count(), 10);
    } finally {
      await close();
    }
  });
}

/** A small deterministic random source (mulberry32), so generated corpora are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
