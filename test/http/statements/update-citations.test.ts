/**
 * Updates citing official statements: `statementIds` on create, edit and approve, checked and kept, the
 * citations in the update's JSON and as links on the reader's pages; and what pasted text reuses, for
 * the newsroom's composer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { CALL_ESTMARK, CALL_NORLAND, MINISTRY_CEASEFIRE } from '../../statements/readouts.ts';

describe('updates citing statements', () => {
  let t: TestApp;
  let norland: { id: string; title: string };
  let ceasefire: { id: string };
  let storyId: string;
  let storyUrl: string;

  before(async () => {
    t = await createTestApp();
    const statement = async (payload: object) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/statements',
        headers: t.auth(t.editorToken),
        payload,
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json();
    };
    norland = await statement({
      issuer: 'Presidency of Valdoria',
      publishedAt: '2026-03-12T16:05:00Z',
      title: 'Telephone conversation with the President of Norland',
      text: CALL_NORLAND,
    });
    ceasefire = await statement({
      issuer: 'Ministry of Foreign Affairs of Elbonia',
      publishedAt: '2026-03-16T09:00:00Z',
      title: 'On the ceasefire',
      text: MINISTRY_CEASEFIRE,
    });
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: 'Valdoria diplomacy', status: 'live' },
    });
    assert.equal(story.statusCode, 201, story.body);
    storyId = story.json().id;
    storyUrl = story.json().url;
  });
  after(() => t.close());

  const post = (payload: object, token = t.editorToken) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(token),
      payload,
    });
  const citedOn = async (url: string) => {
    const page = await t.app.inject({ url });
    assert.equal(page.statusCode, 200);
    return [...page.body.matchAll(/<a href="\/statements\/([0-9a-z]+)">([^<]*)<\/a>/g)].map((m) => [
      m[1],
      m[2],
    ]);
  };

  it('publishes an update citing statements, and readers see them linked under it', async () => {
    const created = await post({
      body: 'The presidency published a readout of the call with Norland.',
      statementIds: [norland.id, ceasefire.id, norland.id],
    });
    assert.equal(created.statusCode, 201, created.body);
    const update = created.json();
    assert.deepEqual(update.statementIds, [norland.id, ceasefire.id]);
    assert.equal(update.statements[0].title, norland.title);
    assert.equal(update.statements[0].page, `/statements/${norland.id}`);

    const got = await t.app.inject({ url: `/api/v1/updates/${update.id}` });
    assert.deepEqual(got.json().statementIds, [norland.id, ceasefire.id]);
    const list = await t.app.inject({ url: `/api/v1/stories/${storyId}/updates` });
    assert.deepEqual(list.json().items[0].statementIds, [norland.id, ceasefire.id]);

    assert.deepEqual(await citedOn(storyUrl), [
      [norland.id, norland.title],
      [ceasefire.id, 'On the ceasefire'],
    ]);
    assert.deepEqual(
      (await citedOn(update.url)).map(([id]) => id),
      [norland.id, ceasefire.id],
    );

    // An edit that leaves statementIds out keeps them; [] removes them, from the page too.
    const kept = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: update.version, headline: 'The Norland call' },
    });
    assert.equal(kept.statusCode, 200, kept.body);
    assert.deepEqual(kept.json().statementIds, [norland.id, ceasefire.id]);
    const cleared = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: kept.json().version, statementIds: [ceasefire.id] },
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.deepEqual(cleared.json().statementIds, [ceasefire.id]);
    assert.deepEqual(
      (await citedOn(storyUrl)).map(([id]) => id),
      [ceasefire.id],
    );
    const none = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: cleared.json().version, statementIds: [] },
    });
    assert.deepEqual(none.json().statementIds, []);
    assert.deepEqual(await citedOn(storyUrl), []);
  });

  it('refuses unknown or malformed statement ids with a problem naming the entry, and publishes nothing', async () => {
    const before = (await t.app.inject({ url: `/api/v1/stories/${storyId}/updates` })).json().items.length;
    const cases: [unknown, string][] = [
      [[norland.id, '01aaaaaaaaaaaaaaaaaaaaaaaa'], 'statementIds.1'],
      [['not an id'], 'statementIds.0'],
      ['nope', 'statementIds'],
      [Array.from({ length: 21 }, () => norland.id), 'statementIds'],
    ];
    for (const [statementIds, field] of cases) {
      const response = await post({ body: 'A readout.', statementIds });
      assert.equal(response.statusCode, 400, response.body);
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(response.json().field, field);
    }
    const after = (await t.app.inject({ url: `/api/v1/stories/${storyId}/updates` })).json().items.length;
    assert.equal(after, before);
  });

  it("keeps a contributor's citations through approval", async () => {
    const submitted = await post(
      { body: 'Readout of the Norland call, for approval.', statementIds: [norland.id] },
      t.contributorToken,
    );
    assert.equal(submitted.statusCode, 201, submitted.body);
    assert.deepEqual(submitted.json().statementIds, [norland.id]);
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${submitted.json().id}/approve`,
      headers: t.auth(t.editorToken),
      payload: {},
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.deepEqual(approved.json().statementIds, [norland.id]);
    assert.deepEqual(
      (await citedOn(approved.json().url)).map(([id]) => id),
      [norland.id],
    );
  });

  it('tells a contributor or editor what pasted text reuses, and nobody else', async () => {
    const pasted = CALL_ESTMARK;
    const ask = (token: string | null, payload: object = { text: pasted, threshold: 0.3 }) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/statements/similar',
        headers: token === null ? {} : t.auth(token),
        payload,
      });
    const found = await ask(t.contributorToken);
    assert.equal(found.statusCode, 200, found.body);
    assert.equal(found.json().items[0].statement.id, norland.id);
    assert.ok(found.json().items[0].score >= 0.3);
    assert.equal((await ask(null)).statusCode, 401);
    const tooLong = await ask(t.editorToken, { text: 'word '.repeat(10_001) });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().field, 'text');
    const badThreshold = await ask(t.editorToken, { text: pasted, threshold: 2 });
    assert.equal(badThreshold.json().field, 'threshold');
  });
});
