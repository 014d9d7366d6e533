/**
 * The search contract for statements and for the people / organisation / place filters: every
 * SearchStore (SQLite FTS5, PostgreSQL tsvector) must pass these too. Enrichments are stored as the
 * enrichment worker stores them, and statement parties as the statements service fills them; which
 * names the pipeline finds is tested in test/enrich/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Story, Update } from '../../src/domain/types.ts';
import type { Enrichment } from '../../src/enrich/types.ts';
import { fingerprintsOf } from '../../src/statements/statement-service.ts';
import type { Statement } from '../../src/statements/statement.ts';
import type { SearchQuery } from '../../src/store/search.ts';
import type { Store } from '../../src/store/store.ts';
import { newStatement } from '../statements/statement-store-contract.ts';
import type { OpenWithClock } from './search-contract.ts';
import { content } from './store-contract.ts';

const BURHAN = 'Abdel Fattah al-Burhan';
const RSF = 'Rapid Support Forces';

function enrichment(extra: Partial<Enrichment>): Enrichment {
  return { people: [], organizations: [], countries: [], places: [], dates: [], events: [], ...extra };
}
const person = (name: string) => ({ name, matched: [name] });
const place = (name: string, country: string) => ({
  name,
  matched: name,
  kind: 'city' as const,
  country,
  lat: 0,
  lon: 0,
  precision: 'city' as const,
});

/** Runs the statements and entity-filter search contract against stores made by `open`. */
export function runSearchEntitiesContract(name: string, open: OpenWithClock): void {
  describe(`search contract, statements and entities: ${name}`, () => {
    let store: Store;
    let clock = new Date('2026-05-20T09:00:00.000Z');
    let day: Story;
    const u: Record<string, Update> = {};
    let statement: Statement;

    const search = (text: string, extra: Partial<SearchQuery> = {}) =>
      store.search.search({ text, limit: 20, offset: 0, ...extra });
    const ids = async (text: string, extra: Partial<SearchQuery> = {}) =>
      new Set((await search(text, extra)).hits.map((hit) => hit.id));

    before(async () => {
      store = await open(() => clock);
      const desk = await store.desks.create({
        slug: 'sudan',
        name: 'Sudan Daily',
        description: '',
        timezone: 'UTC',
      });
      day = await store.stories.create({
        deskId: desk.id,
        date: '2026-05-20',
        slug: '2026-05-20',
        headline: 'Sudan Daily, 20 May',
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });
      const add = async (key: string, body: string, found: Partial<Enrichment>) => {
        const update = (await store.updates.create(day.id, content(body), 'desk')).update;
        u[key] = update;
        await store.enrichments.save({
          updateId: update.id,
          storyId: day.id,
          updateVersion: update.version,
          dataVersion: 'test',
          enrichedAt: clock.toISOString(),
          enrichment: enrichment(found),
        });
      };
      await add('kutum', 'RSF fighters stormed Kutum; General Burhan condemned the fighting.', {
        people: [person(BURHAN)],
        organizations: [person(RSF)],
        places: [place('Kutum', 'SD')],
        countries: [{ name: 'Sudan', iso2: 'SD' }],
      });
      await add('kutum2', 'Fighting near Kutum went on overnight, residents said.', {
        places: [place('Kutum', 'SD')],
      });
      await add('jeddah', 'In Jeddah, Burhan’s envoys discussed an end to the fighting.', {
        people: [person(BURHAN)],
        places: [place('Jeddah', 'SA')],
        countries: [{ name: 'Saudi Arabia', iso2: 'SA' }],
      });
      // Not enriched yet: found by words, never by a name.
      u['plain'] = (
        await store.updates.create(day.id, content('Fighting reported in Kutum again.'), 'desk')
      ).update;
      clock = new Date('2026-05-22T12:00:00.000Z');
      statement = await store.statements.create(
        newStatement(
          'The Ministry condemns the fighting in Kutum and calls on the Rapid Support Forces to withdraw.',
          '2026-05-22T11:30:00.000Z',
          {
            issuer: 'Ministry of Foreign Affairs of Sudan',
            title: 'Statement on the fighting in Kutum',
            parties: [RSF, 'Sudan'],
          },
        ),
        fingerprintsOf('The Ministry condemns the fighting in Kutum'),
      );
    });
    after(async () => {
      await store.close();
    });

    it('finds statements beside updates, tagged as statements, with title and passage marked', async () => {
      const all = await ids('kutum');
      assert.ok(all.has(statement.id));
      assert.ok(all.has(u['kutum']!.id));
      const [hit] = (await search('kutum', { kinds: ['statement'] })).hits;
      assert.equal(hit?.kind, 'statement');
      assert.equal(hit?.id, statement.id);
      assert.equal(hit?.story, null);
      assert.deepEqual(hit?.statement, {
        issuer: 'Ministry of Foreign Affairs of Sudan',
        title: 'Statement on the fighting in Kutum',
      });
      assert.match(hit?.titleHtml ?? '', /<mark>Kutum<\/mark>/);
      assert.match(hit?.snippetHtml ?? '', /<mark>Kutum<\/mark>/);
      assert.equal(hit?.at, '2026-05-22T11:30:00.000Z');
      assert.deepEqual(await ids('ministry foreign affairs'), new Set([statement.id]), 'by its issuer');
    });

    it('filters statements by kind, date and the parties they name, and leaves them out of desk and claim filters', async () => {
      assert.ok(!(await ids('kutum', { kinds: ['update', 'story'] })).has(statement.id));
      assert.deepEqual(await ids('kutum', { kinds: ['statement'], from: '2026-05-23' }), new Set());
      assert.deepEqual(
        await ids('kutum', { kinds: ['statement'], from: '2026-05-22', to: '2026-05-22' }),
        new Set([statement.id]),
      );
      assert.ok(!(await ids('kutum', { deskSlug: 'sudan' })).has(statement.id), 'statements have no desk');
      assert.ok(!(await ids('kutum', { claimStatuses: ['unverified'] })).has(statement.id));
      assert.ok(!(await ids('kutum', { places: ['Kutum'] })).has(statement.id), 'Kutum is not a party');
      assert.deepEqual(
        await ids('kutum', { places: ['sudan'] }),
        new Set([u['kutum']!.id, statement.id]),
        'the country the update names and the statement’s party',
      );
      assert.deepEqual(await ids('kutum', { kinds: ['statement'], people: [BURHAN] }), new Set());
    });

    it('filters updates by the people, organisations and places their enrichment names', async () => {
      assert.deepEqual(
        await ids('fighting', { people: [BURHAN] }),
        new Set([u['kutum']!.id, u['jeddah']!.id]),
      );
      assert.deepEqual(
        await ids('fighting', { people: ['abdel fattah AL-BURHAN'] }),
        new Set([u['kutum']!.id, u['jeddah']!.id]),
        'names match whatever their case',
      );
      assert.deepEqual(
        await ids('fighting', { organizations: [RSF] }),
        new Set([u['kutum']!.id, statement.id]),
        'and statements naming it among their parties',
      );
      assert.deepEqual(
        await ids('fighting', { places: ['Kutum'] }),
        new Set([u['kutum']!.id, u['kutum2']!.id]),
        'the update not enriched yet is not guessed at',
      );
      assert.deepEqual(
        await ids('fighting', { places: ['Saudi Arabia'] }),
        new Set([u['jeddah']!.id]),
        'a country is a place',
      );
      assert.deepEqual(
        await ids('fighting', { people: [BURHAN], places: ['Kutum'] }),
        new Set([u['kutum']!.id]),
        'every filter must hold',
      );
      assert.deepEqual(await ids('fighting', { people: ['Nobody Known'] }), new Set());
      assert.deepEqual(
        await ids('fighting', { places: ['Kutum'], kinds: ['story'] }),
        new Set(),
        'never stories',
      );
    });

    it('counts the names the matching updates share, most named first, within the filters', async () => {
      const facets = await store.search.facets({ text: 'fighting', limit: 20, offset: 0 }, 10);
      const count = (type: string, n: string) =>
        facets.find((f) => f.type === type && f.name === n)?.count ?? 0;
      assert.equal(count('place', 'Kutum'), 2);
      assert.equal(count('person', BURHAN), 2);
      assert.equal(count('organization', RSF), 1);
      assert.equal(count('place', 'Jeddah'), 1);
      assert.equal(facets.filter((f) => f.type === 'place')[0]?.name, 'Kutum', 'most named first');
      const narrowed = await store.search.facets(
        { text: 'fighting', places: ['Jeddah'], limit: 20, offset: 0 },
        10,
      );
      assert.deepEqual(narrowed.map((f) => `${f.type}:${f.name}:${f.count}`).sort(), [
        `person:${BURHAN}:1`,
        'place:Jeddah:1',
        'place:Saudi Arabia:1',
      ]);
      assert.deepEqual(
        await store.search.facets({ text: 'fighting', kinds: ['statement'], limit: 20, offset: 0 }, 10),
        [],
        'statements have no names to offer',
      );
      const one = await store.search.facets({ text: 'fighting', limit: 20, offset: 0 }, 1);
      assert.equal(one.filter((f) => f.type === 'place').length, 1, 'at most perType of each');
      await store.updates.delete(u['kutum2']!.id, 'desk');
      const after = await store.search.facets({ text: 'fighting', limit: 20, offset: 0 }, 10);
      assert.equal(after.find((f) => f.name === 'Kutum')?.count, 1, 'a deleted update no longer counts');
    });
  });
}
