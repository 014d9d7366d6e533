/**
 * The contact store on SQLite, and on PostgreSQL at DATELINE_TEST_POSTGRES_URL in a fresh schema
 * (skipped with the reason when unreachable, except in CI).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Contact } from '../../src/domain/contacts.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { content } from './store-contract.ts';
import { fingerprintsOf } from '../../src/statements/statement-service.ts';

const URL_ENV = 'DATELINE_TEST_POSTGRES_URL';
const url = process.env[URL_ENV] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function contact(
  updateId: string,
  storyId: string,
  ordinal: number,
  b: string,
  date: string,
  kind: Contact['kind'],
): Contact {
  return {
    updateId,
    storyId,
    ordinal,
    kind,
    channel: kind === 'call' ? 'phone' : null,
    a: { kind: 'person', slug: 'vladimir-putin', name: 'Vladimir Putin', role: null },
    b: { kind: 'person', slug: b.toLowerCase().replaceAll(' ', '-'), name: b, role: 'President of Iran' },
    place: null,
    country: null,
    date,
    dateSource: 'text',
    reportedAt: '2026-12-07T09:00:00.000Z',
    sentence: `Putin and ${b}.`,
    source: 'extracted',
    templateId: `${updateId}-${ordinal}`,
  };
}

function runContactStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`contact store: ${name}`, () => {
    let store: Store;
    let live: string;
    let draft: string;
    before(async () => {
      store = await open();
      const desk = await store.desks.create({
        slug: 'syria',
        name: 'Syria',
        description: '',
        timezone: 'UTC',
      });
      const story = (status: 'live' | 'draft') =>
        store.stories.create({
          deskId: desk.id,
          slug: status,
          date: null,
          headline: status,
          standfirst: '',
          body: '',
          bodyHtml: '',
          topPhoto: null,
          status,
        });
      live = (await story('live')).id;
      draft = (await story('draft')).id;
    });
    after(() => store.close());

    it('replaces an update’s contacts, never with an older version’s', async () => {
      const { update } = await store.updates.create(live, content('x'), 'ed');
      assert.equal(
        await store.contacts.replaceForUpdate(update.id, 2, [
          contact(update.id, live, 1, 'Hassan Rouhani', '2026-12-05', 'call'),
        ]),
        true,
      );
      assert.equal(
        await store.contacts.replaceForUpdate(update.id, 1, [
          contact(update.id, live, 1, 'Recep Erdogan', '2026-12-05', 'call'),
        ]),
        false,
      );
      const listed = (await store.contacts.list({ actor: 'hassan-rouhani' }, { limit: 10 })).items;
      assert.deepEqual(
        listed.map((c) => [c.b.name, c.b.role, c.date, c.claimStatus, c.deskSlug]),
        [['Hassan Rouhani', 'President of Iran', '2026-12-05', 'unverified', 'syria']],
      );
      assert.equal(listed[0]?.reportedAt, '2026-12-07T09:00:00.000Z');
      await store.contacts.replaceForUpdate(update.id, 3, []);
      assert.deepEqual((await store.contacts.list({ actor: 'hassan-rouhani' }, { limit: 10 })).items, []);
    });

    it('filters by either side, kind and period, pages newest first, and hides deleted and draft updates', async () => {
      const { update: one } = await store.updates.create(live, content('one'), 'ed');
      const { update: two } = await store.updates.create(live, content('two'), 'ed');
      const { update: gone } = await store.updates.create(live, content('gone'), 'ed');
      const { update: hidden } = await store.updates.create(draft, content('hidden'), 'ed');
      await store.contacts.replaceForUpdate(one.id, 1, [
        contact(one.id, live, 1, 'Bashar al-Assad', '2026-03-01', 'meeting'),
        contact(one.id, live, 2, 'Recep Erdogan', '2026-03-01', 'call'),
      ]);
      await store.contacts.replaceForUpdate(two.id, 1, [
        contact(two.id, live, 1, 'Hakan Fidan', '2026-04-01', 'talks'),
      ]);
      await store.contacts.replaceForUpdate(gone.id, 1, [
        contact(gone.id, live, 1, 'Ali Khamenei', '2026-04-02', 'call'),
      ]);
      await store.contacts.replaceForUpdate(hidden.id, 1, [
        contact(hidden.id, draft, 1, 'Emmanuel Macron', '2026-04-03', 'call'),
      ]);
      await store.updates.delete(gone.id, 'ed');
      const names = async (filter: Parameters<Store['contacts']['list']>[0]) =>
        (await store.contacts.list(filter, { limit: 10 })).items.map((c) => c.b.name);
      assert.deepEqual(await names({ actor: 'vladimir-putin' }), [
        'Hakan Fidan',
        'Recep Erdogan',
        'Bashar al-Assad',
      ]);
      assert.deepEqual(await names({ actor: 'recep-erdogan' }), ['Recep Erdogan']);
      assert.deepEqual(await names({ kind: 'call' }), ['Recep Erdogan']);
      assert.deepEqual(await names({ from: '2026-03-02', to: '2026-12-31' }), ['Hakan Fidan']);
      assert.deepEqual(await names({ to: '2026-03-01' }), ['Recep Erdogan', 'Bashar al-Assad']);
      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.contacts.list({}, { limit: 1, ...(cursor !== undefined && { cursor }) });
        pages.push(...page.items.map((c) => c.b.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      assert.deepEqual(pages, ['Hakan Fidan', 'Recep Erdogan', 'Bashar al-Assad']);
    });

    it('keeps an editor’s confirmation and the readout template, counting public contacts per template', async () => {
      const { update: first } = await store.updates.create(live, content('first'), 'ed');
      const { update: second } = await store.updates.create(live, content('second'), 'ed');
      const { update: hidden } = await store.updates.create(draft, content('hidden'), 'ed');
      const template = `${first.id}-1`;
      await store.contacts.replaceForUpdate(first.id, 1, [
        { ...contact(first.id, live, 1, 'Ilham Aliyev', '2026-05-01', 'call'), source: 'confirmed' },
      ]);
      await store.contacts.replaceForUpdate(second.id, 1, [
        { ...contact(second.id, live, 1, 'Nikol Pashinyan', '2026-05-02', 'call'), templateId: template },
      ]);
      await store.contacts.replaceForUpdate(hidden.id, 1, [
        { ...contact(hidden.id, draft, 1, 'Kassym Tokayev', '2026-05-03', 'call'), templateId: template },
      ]);
      const grouped = (await store.contacts.list({ template }, { limit: 10 })).items;
      assert.deepEqual(
        grouped.map((c) => [c.b.name, c.source, c.templateId, c.templateSize]),
        [
          // The draft's contact shares the template but is counted nowhere public.
          ['Nikol Pashinyan', 'extracted', template, 2],
          ['Ilham Aliyev', 'confirmed', template, 2],
        ],
      );
      const candidates = await store.contacts.templateCandidates({
        excludeSourceId: first.id,
        kind: 'call',
        slugs: ['ilham-aliyev', 'vladimir-putin'],
        limit: 10,
      });
      // Putin is on every side: the other updates' calls, drafts included, newest first.
      assert.deepEqual(
        candidates.filter((c) => c.templateId === template).map((c) => c.sentence),
        ['Putin and Kassym Tokayev.', 'Putin and Nikol Pashinyan.'],
      );
    });

    it('stores a statement’s contacts beside updates’, with the statement as source, out of desk lists', async () => {
      const text = 'Putin met Masoud Pezeshkian in Kazan.';
      const statement = await store.statements.create(
        {
          issuer: 'Kremlin',
          title: 'Meeting',
          publishedAt: '2026-10-23T12:00:00.000Z',
          url: 'https://kremlin.example/1',
          language: 'en',
          text,
          parties: [],
          tags: [],
          feedId: null,
          guid: null,
        },
        fingerprintsOf(text),
      );
      assert.ok((await store.contacts.listUnextractedStatements(100)).some((s) => s.id === statement.id));
      const {
        updateId: _update,
        storyId: _story,
        source: _source,
        ...fields
      } = contact('', '', 1, 'Masoud Pezeshkian', '2026-10-22', 'meeting');
      await store.contacts.replaceForStatement(statement.id, [
        { ...fields, statementId: statement.id, templateId: `${statement.id}-1` },
      ]);
      assert.ok(!(await store.contacts.listUnextractedStatements(100)).some((s) => s.id === statement.id));
      const [listed, ...rest] = (await store.contacts.list({ actor: 'masoud-pezeshkian' }, { limit: 10 }))
        .items;
      assert.deepEqual(rest, []);
      assert.deepEqual(
        [
          listed?.sourceType,
          listed?.statementId,
          listed?.statementUrl,
          listed?.claimStatus,
          listed?.deskSlug,
        ],
        ['statement', statement.id, 'https://kremlin.example/1', null, null],
      );
      assert.equal(listed?.date, '2026-10-22');
      const desk = await store.desks.getBySlug('syria');
      assert.deepEqual(
        (await store.contacts.list({ actor: 'masoud-pezeshkian', deskId: desk!.id }, { limit: 10 })).items,
        [],
      );
      // The network sums count it on the actor pages (no desk) and not on the desk's page.
      const pairs = await store.contactNetwork.pairs({});
      assert.ok(pairs.some((p) => [p.a.slug, p.b.slug].includes('masoud-pezeshkian')));
      assert.ok(
        !(await store.contactNetwork.pairs({ deskId: desk!.id })).some((p) =>
          [p.a.slug, p.b.slug].includes('masoud-pezeshkian'),
        ),
      );
      const last = await store.contactNetwork.lastBetween(
        { kind: 'person', slug: 'vladimir-putin' },
        'masoud-pezeshkian',
      );
      assert.equal(last?.statementId, statement.id);
      // Its template is a candidate for the next readout of the same kind.
      const candidates = await store.contacts.templateCandidates({
        excludeSourceId: 'another',
        kind: 'meeting',
        slugs: ['masoud-pezeshkian'],
        limit: 10,
      });
      assert.deepEqual(candidates, [
        { templateId: `${statement.id}-1`, sentence: 'Putin and Masoud Pezeshkian.' },
      ]);
    });

    it('takes a rejected statement contact out of every list, conditionally on the verdict seen, and removes a statement whole', async () => {
      const text =
        'Putin met Shavkat Mirziyoyev in Samarkand, and the readout repeats the wording of earlier ones.';
      const statement = await store.statements.create(
        {
          issuer: 'Kremlin',
          title: 'Meeting in Samarkand',
          publishedAt: '2026-10-24T12:00:00.000Z',
          url: null,
          language: 'en',
          text,
          parties: [],
          tags: [],
          feedId: null,
          guid: null,
        },
        fingerprintsOf(text),
      );
      const {
        updateId: _update,
        storyId: _story,
        source: _source,
        ...fields
      } = contact('', '', 1, 'Shavkat Mirziyoyev', '2026-10-24', 'meeting');
      await store.contacts.replaceForStatement(statement.id, [
        { ...fields, statementId: statement.id, templateId: `${statement.id}-1` },
      ]);
      const listed = async () =>
        (await store.contacts.list({ actor: 'shavkat-mirziyoyev' }, { limit: 10 })).items.map(
          (c) => c.source,
        );
      const review = (verdict: 'confirmed' | 'rejected' | null, seen: 'confirmed' | 'rejected' | null) =>
        store.contacts.reviewStatementContact({
          statementId: statement.id,
          ordinal: 1,
          verdict,
          seen,
          actor: 'Rima Editor',
          at: '2026-10-25T08:00:00.000Z',
        });
      assert.deepEqual(await listed(), ['extracted']);
      assert.equal((await review('rejected', null)).outcome, 'saved');
      assert.deepEqual(await listed(), []);
      assert.equal(
        await store.contactNetwork.lastBetween(
          { kind: 'person', slug: 'vladimir-putin' },
          'shavkat-mirziyoyev',
        ),
        null,
      );
      // A colleague who still saw it undecided does not overwrite the rejection.
      const stale = await review('confirmed', null);
      assert.deepEqual(
        [stale.outcome, stale.current?.verdict, stale.current?.decidedBy],
        ['changed', 'rejected', 'Rima Editor'],
      );
      assert.equal((await review('confirmed', 'rejected')).outcome, 'saved');
      assert.deepEqual(await listed(), ['confirmed']);
      assert.equal((await review('confirmed', null)).outcome, 'changed');
      assert.equal(
        (
          await store.contacts.reviewStatementContact({
            statementId: statement.id,
            ordinal: 9,
            verdict: 'rejected',
            seen: null,
            actor: 'x',
            at: '2026-10-25T08:00:00.000Z',
          })
        ).outcome,
        'missing',
      );

      // Removed whole: its contacts, verdicts and postings go; the library counts one fewer.
      const count = () => store.statements.count();
      const before = await count();
      assert.deepEqual(await store.statements.remove(statement.id), { removed: true, citedBy: [] });
      assert.equal(await count(), before - 1);
      assert.equal(await store.statements.getById(statement.id), null);
      assert.deepEqual(await store.contacts.ofStatement(statement.id), []);
      assert.deepEqual(await listed(), []);
      assert.deepEqual(
        await store.statements.findSimilar({
          fingerprints: fingerprintsOf(text),
          threshold: 0.5,
          metric: 'jaccard',
          maskNames: false,
          limit: 10,
        }),
        [],
      );
      assert.deepEqual(await store.statements.remove(statement.id), { removed: false, citedBy: [] });
    });

    it('lists updates whose current enrichment has no contacts field, and only those', async () => {
      const save = (updateId: string, version: number, withContacts: boolean) =>
        store.enrichments.save({
          updateId,
          storyId: live,
          updateVersion: version,
          dataVersion: 'people@1,organizations@1',
          enrichedAt: new Date().toISOString(),
          enrichment: {
            people: [],
            organizations: [],
            countries: [],
            places: [],
            dates: [],
            events: [],
            ...(withContacts && { contacts: [] }),
          },
        });
      const { update: old } = await store.updates.create(live, content('old'), 'ed');
      const { update: done } = await store.updates.create(live, content('done'), 'ed');
      await save(old.id, old.version, false);
      await save(done.id, done.version, true);
      assert.deepEqual(
        (await store.contacts.listUnextracted(10)).map((u) => u.id),
        [old.id],
      );
    });
  });
}

runContactStoreContract('sqlite', () => openSqliteStore({ filename: join(createTempDir(), 'dateline.db') }));

const unreachable = await admin('select 1').then(
  () => null,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (unreachable === null) {
  runContactStoreContract('postgres', async () => {
    const schema = `dl_test_${randomBytes(6).toString('hex')}`;
    await admin(`create schema ${schema}`);
    const store = await openPostgresStore({ url, schema });
    return {
      ...store,
      async close() {
        await store.close();
        await admin(`drop schema ${schema} cascade`);
      },
    };
  });
} else if (process.env.CI === 'true') {
  it('reaches PostgreSQL (required in CI)', () => {
    assert.fail(`PostgreSQL at ${URL_ENV} is unreachable: ${unreachable}`);
  });
} else {
  it(
    'contact store: postgres',
    { skip: `PostgreSQL unreachable (${unreachable}); set ${URL_ENV}` },
    () => {},
  );
}
