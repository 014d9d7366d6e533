import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { CALL_ESTMARK, CALL_NORLAND, MEETING_TRADE } from '../../statements/readouts.ts';

describe('statements API', () => {
  let t: TestApp;
  before(async () => {
    // Feeds below name a loopback address, which only the operator's allow-list lets them save.
    t = await createTestApp({ enricher: 'shipped', env: { DATELINE_OUTBOUND_ALLOW: '127.0.0.1' } });
  });
  after(() => t.close());

  const create = (payload: object, token: string | null = t.editorToken) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/statements',
      headers: token === null ? {} : t.auth(token),
      payload,
    });

  it('creates statements and answers a new readout with the earlier one that shares its template', async () => {
    const norland = await create({
      issuer: 'Presidency of Valdoria',
      publishedAt: '2026-03-12T18:05:00+02:00',
      title: 'Telephone conversation with the President of Norland',
      url: 'https://presidency.example/news/1201',
      text: CALL_NORLAND,
      parties: ['Henrik Aasveen'],
      tags: ['call'],
    });
    assert.equal(norland.statusCode, 201, norland.body);
    const first = norland.json();
    assert.equal(first.publishedAt, '2026-03-12T16:05:00.000Z');
    assert.equal(norland.headers.location, `/api/v1/statements/${first.id}`);
    assert.deepEqual(first.similar, []);
    assert.equal(
      (
        await create({
          issuer: 'Presidency of Valdoria',
          publishedAt: '2026-03-15T09:00:00Z',
          text: MEETING_TRADE,
        })
      ).statusCode,
      201,
    );

    const estmark = await create({
      issuer: 'Presidency of Valdoria',
      publishedAt: '2026-03-19T11:30:00Z',
      text: CALL_ESTMARK,
    });
    assert.equal(estmark.statusCode, 201, estmark.body);
    const second = estmark.json();
    assert.deepEqual(
      second.similar.map((s: { statement: { id: string } }) => s.statement.id),
      [first.id],
    );
    assert.ok(second.similar[0].score > 0.3);
    assert.equal(second.similar[0].compare, `/statements/compare?ids=${first.id},${second.id}`);

    const similar = await t.app.inject({
      url: `/api/v1/statements/${second.id}/similar?threshold=0.3&maskNames=true`,
    });
    assert.equal(similar.statusCode, 200, similar.body);
    assert.equal(similar.json().items[0].statement.id, first.id);
    assert.ok(
      similar.json().items[0].jaccard > second.similar[0].jaccard,
      'masking names lifts the template score',
    );
    const strict = await t.app.inject({ url: `/api/v1/statements/${second.id}/similar?threshold=0.95` });
    assert.deepEqual(strict.json().items, []);

    const got = await t.app.inject({ url: `/api/v1/statements/${first.id}` });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json().parties, ['Henrik Aasveen']);

    const list = await t.app.inject({ url: '/api/v1/statements?limit=2' });
    assert.deepEqual(list.json().items.map((s: { id: string }) => s.id)[0], second.id);
    const rest = await t.app.inject({ url: `/api/v1/statements?limit=2&cursor=${list.json().nextCursor}` });
    assert.deepEqual(
      rest.json().items.map((s: { id: string }) => s.id),
      [first.id],
    );
    assert.equal(rest.json().nextCursor, null);

    const compare = await t.app.inject({ url: `/api/v1/statements/compare?ids=${first.id},${second.id}` });
    assert.equal(compare.statusCode, 200, compare.body);
    assert.match(compare.json().templateText, /\[Norland Henrik Aasveen \| Estmark Lotte Brauner\]/);
    assert.equal(compare.json().pairs[0].from, first.id);

    const pasted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statements/similar',
      headers: t.auth(t.editorToken),
      payload: { text: CALL_ESTMARK.replace('19 March', '26 March'), threshold: 0.4 },
    });
    assert.equal(pasted.statusCode, 200, pasted.body);
    assert.deepEqual(
      pasted.json().items.map((s: { statement: { id: string } }) => s.statement.id),
      [second.id, first.id],
    );
  });

  it('fills the parties a statement names from enrichment when none are given', async () => {
    const response = await create({
      issuer: 'Presidency of Valdoria',
      publishedAt: '2026-05-04T10:00:00Z',
      text: 'President Aurel Vantić spoke by telephone with the President of Turkey Recep Tayyip Erdogan about the United Nations mission.',
    });
    assert.equal(response.statusCode, 201, response.body);
    const parties: string[] = response.json().parties;
    assert.ok(parties.includes('Recep Tayyip Erdogan'), parties.join(', '));
    assert.ok(parties.includes('Turkey'), parties.join(', '));
    const given = await create({
      issuer: 'X',
      publishedAt: '2026-05-04T10:00:00Z',
      text: 'A call with Turkey.',
      parties: ['Given'],
    });
    assert.deepEqual(given.json().parties, ['Given']);
  });

  it('refuses bad input with a problem naming the field, and writes without a token', async () => {
    const noToken = await create({ issuer: 'X', publishedAt: '2026-03-12T16:05:00Z', text: 'words' }, null);
    assert.equal(noToken.statusCode, 401);
    const cases: [object, string][] = [
      [{ issuer: 'X', publishedAt: 'yesterday', text: 'Some words.' }, 'publishedAt'],
      [{ issuer: '', publishedAt: '2026-03-12T16:05:00Z', text: 'Some words.' }, 'issuer'],
      [{ issuer: 'X', publishedAt: '2026-03-12T16:05:00Z' }, 'text'],
      [{ issuer: 'X', publishedAt: '2026-03-12T16:05:00Z', text: '...' }, 'text'],
      [
        { issuer: 'X', publishedAt: '2026-03-12T16:05:00Z', text: 'Words.', url: 'javascript:alert(1)' },
        'url',
      ],
      [{ issuer: 'X', publishedAt: '2026-03-12T16:05:00Z', text: 'Words.', colour: 'red' }, 'colour'],
    ];
    for (const [payload, field] of cases) {
      const response = await create(payload);
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(response.json().field, field);
    }
    const badThreshold = await t.app.inject({ url: '/api/v1/statements/x1234567890/similar?threshold=2' });
    assert.equal(badThreshold.json().field, 'threshold');
    const oneId = await t.app.inject({ url: '/api/v1/statements/compare?ids=abc' });
    assert.equal(oneId.statusCode, 400);
    assert.equal(oneId.json().field, 'ids');
    const missing = await t.app.inject({ url: '/api/v1/statements/compare?ids=abc,def' });
    assert.equal(missing.statusCode, 404);
    assert.equal((await t.app.inject({ url: '/api/v1/statements/nope' })).statusCode, 404);
  });

  it('lets admins add feeds and editors see their status; documents it all in OpenAPI', async () => {
    const payload = {
      url: 'http://127.0.0.1:9/feed.xml',
      issuer: 'Presidency of Valdoria',
      intervalSeconds: 600,
    };
    const asEditor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statement-feeds',
      headers: t.auth(t.editorToken),
      payload,
    });
    assert.equal(asEditor.statusCode, 403);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statement-feeds',
      headers: t.auth(t.adminToken),
      payload,
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().status, 'pending');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statement-feeds',
      headers: t.auth(t.adminToken),
      payload,
    });
    assert.equal(again.statusCode, 409);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statement-feeds',
      headers: t.auth(t.adminToken),
      payload: { ...payload, intervalSeconds: 5 },
    });
    assert.equal(bad.json().field, 'intervalSeconds');
    const list = await t.app.inject({ url: '/api/v1/statement-feeds', headers: t.auth(t.editorToken) });
    assert.deepEqual(
      list.json().items.map((f: { url: string }) => f.url),
      [payload.url],
    );
    assert.equal((await t.app.inject({ url: '/api/v1/statement-feeds' })).statusCode, 401);

    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/statements',
      '/statements/{id}',
      '/statements/{id}/similar',
      '/statements/compare',
      '/statements/similar',
      '/statement-feeds',
    ]) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
  });
});
