/**
 * The contact network's sums (src/store/contact-network.ts) on SQLite, and on PostgreSQL at
 * DATELINE_TEST_POSTGRES_URL in a fresh schema (skipped with the reason when unreachable, except in CI).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Contact, ContactActor } from '../../src/domain/contacts.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { content } from './store-contract.ts';

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

const actor = (name: string, role: string | null = null, kind: ContactActor['kind'] = 'person') => ({
  kind,
  slug: name.toLowerCase().replaceAll(' ', '-'),
  name,
  role,
});
const PUTIN = actor('Vladimir Putin', 'President of Russia');
const ROUHANI = actor('Hassan Rouhani', 'President of Iran');
const ERDOGAN = actor('Recep Erdogan');

function runNetworkContract(name: string, open: () => Promise<Store>): void {
  describe(`contact network sums: ${name}`, () => {
    let store: Store;
    let deskId: string;
    const ids: Record<string, string> = {};
    before(async () => {
      store = await open();
      deskId = (await store.desks.create({ slug: 'syria', name: 'Syria', description: '', timezone: 'UTC' }))
        .id;
      const story = (status: 'live' | 'draft') =>
        store.stories.create({
          deskId,
          slug: status,
          date: null,
          headline: status,
          standfirst: '',
          body: '',
          bodyHtml: '',
          topPhoto: null,
          status,
        });
      const live = (await story('live')).id;
      const draft = (await story('draft')).id;
      const seed = async (key: string, storyId: string, a: ContactActor, b: ContactActor, date: string) => {
        const { update } = await store.updates.create(storyId, content(key), 'ed');
        const c: Contact = {
          updateId: update.id,
          storyId,
          ordinal: 1,
          kind: 'call',
          channel: null,
          a,
          b,
          place: null,
          country: null,
          date,
          dateSource: 'text',
          reportedAt: '2026-12-07T09:00:00.000Z',
          sentence: key,
          source: 'extracted',
          templateId: `${update.id}-1`,
        };
        await store.contacts.replaceForUpdate(update.id, update.version, [c]);
        ids[key] = update.id;
      };
      await seed('one', live, PUTIN, { ...ROUHANI, role: 'President-elect of Iran' }, '2026-01-10');
      // The same pair, the other way round: one pair.
      await seed('two', live, ROUHANI, PUTIN, '2026-11-20');
      await seed('three', live, PUTIN, ERDOGAN, '2026-12-05');
      await seed('draft', draft, PUTIN, actor('Secret Envoy'), '2026-12-06');
    });
    after(() => store.close());

    it('sums each unordered pair of public contacts', async () => {
      const pairs = await store.contactNetwork.pairs({ deskId });
      assert.deepEqual(
        pairs.map((p) => [p.a.slug, p.b.slug, p.contacts, p.first, p.last]),
        [
          ['hassan-rouhani', 'vladimir-putin', 2, '2026-01-10', '2026-11-20'],
          ['recep-erdogan', 'vladimir-putin', 1, '2026-12-05', '2026-12-05'],
        ],
      );
      assert.equal(pairs[0]!.a.name, 'Hassan Rouhani');
      const recent = await store.contactNetwork.pairs({
        deskId,
        from: '2026-11-01',
        among: ['vladimir-putin', 'hassan-rouhani'],
      });
      assert.deepEqual(
        recent.map((p) => p.contacts),
        [1],
      );
    });

    it('finds pairs first in contact since a day', async () => {
      const fresh = await store.contactNetwork.firstSeenSince('2026-11-01', deskId);
      assert.deepEqual(
        fresh.map((p) => p.b.slug),
        ['vladimir-putin'],
      );
      assert.equal(fresh[0]!.a.slug, 'recep-erdogan');
    });

    it("gives an actor's roles with first and last seen, newest first", async () => {
      assert.deepEqual(await store.contactNetwork.rolesOf({ kind: 'person', slug: 'hassan-rouhani' }), [
        { role: 'President of Iran', first: '2026-11-20', last: '2026-11-20', contacts: 1 },
        { role: 'President-elect of Iran', first: '2026-01-10', last: '2026-01-10', contacts: 1 },
      ]);
    });

    it("finds a pair's last contact from either side, never a draft's", async () => {
      const last = await store.contactNetwork.lastBetween(
        { kind: 'person', slug: 'vladimir-putin' },
        'hassan-rouhani',
      );
      assert.equal(last?.updateId, ids['two']);
      assert.equal(last?.date, '2026-11-20');
      assert.equal(last?.claimStatus, 'unverified');
      assert.equal(
        await store.contactNetwork.lastBetween({ kind: 'person', slug: 'vladimir-putin' }, 'secret-envoy'),
        null,
      );
    });
  });
}

runNetworkContract('sqlite', () => openSqliteStore({ filename: join(createTempDir(), 'dateline.db') }));

const unreachable = await admin('select 1').then(
  () => null,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (unreachable === null) {
  runNetworkContract('postgres', async () => {
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
    'contact network sums: postgres',
    { skip: `PostgreSQL unreachable (${unreachable}); set ${URL_ENV}` },
    () => {},
  );
}
