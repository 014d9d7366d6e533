import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('JSON API', () => {
  let t: TestApp;
  let storyId: string;

  before(async () => {
    t = await createTestApp();
    const desk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Syria Daily', timezone: 'Asia/Damascus' },
    });
    assert.equal(desk.statusCode, 201, desk.body);
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { desk: 'syria-daily', headline: 'Talks in Geneva', standfirst: 'Delegations arrive' },
    });
    assert.equal(story.statusCode, 201, story.body);
    assert.equal(story.json().url, '/syria-daily/talks-in-geneva');
    storyId = story.json().id;
  });
  after(() => t.close());

  const publish = (payload: unknown, token = t.editorToken) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(token),
      payload: payload as object,
    });

  it('publishes, lists with a cursor, edits with a version and deletes updates', async () => {
    const created = await publish({
      body: 'Delegations **arrived** <script>alert(1)</script>',
      headline: 'Arrival',
      claimStatus: 'claimed',
      sources: [{ label: 'Ministry', url: 'https://example.org/readout' }],
      keyEvent: true,
    });
    assert.equal(created.statusCode, 201, created.body);
    const update = created.json();
    assert.equal(update.version, 1);
    assert.ok(update.sequence >= 1);
    assert.match(update.bodyHtml, /<strong>arrived<\/strong>/);
    assert.doesNotMatch(update.bodyHtml, /script/);
    for (let i = 0; i < 3; i++) assert.equal((await publish({ body: `filler ${i}` })).statusCode, 201);

    const first = await t.app.inject({ url: `/api/v1/stories/${storyId}/updates?limit=2` });
    assert.equal(first.statusCode, 200);
    assert.deepEqual(
      first.json().items.map((u: { body: string }) => u.body),
      ['filler 2', 'filler 1'],
    );
    const rest = await t.app.inject({
      url: `/api/v1/stories/${storyId}/updates?limit=10&cursor=${first.json().nextCursor}`,
    });
    assert.deepEqual(
      rest
        .json()
        .items.map((u: { body: string }) => u.body)
        .at(-1),
      update.body,
    );
    assert.equal(rest.json().nextCursor, null);

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: 1, claimStatus: 'verified', claimNote: 'Geolocated' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().version, 2);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: 1, body: 'overwrite' },
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(stale.json().current.version, 2);
    assert.equal(stale.json().current.claimStatus, 'verified');

    const revisions = await t.app.inject({
      url: `/api/v1/updates/${update.id}/revisions`,
      headers: t.auth(t.editorToken),
    });
    assert.deepEqual(
      revisions.json().items.map((r: { kind: string }) => r.kind),
      ['create', 'edit'],
    );

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
    });
    assert.equal(deleted.statusCode, 204);
    assert.equal((await t.app.inject({ url: `/api/v1/updates/${update.id}` })).statusCode, 404);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
    });
    assert.equal(again.statusCode, 404);
  });

  it('answers bad input with a problem naming the field, and stores nothing', async () => {
    const before = (await t.app.inject({ url: `/api/v1/stories/${storyId}/updates?limit=100` })).json().items
      .length;
    const cases: { payload: string; type?: string; status: number; field?: string; detail?: RegExp }[] = [
      { payload: '{"body": "x"', status: 400, detail: /not valid JSON/ },
      { payload: '{}', status: 400, field: 'body' },
      { payload: JSON.stringify({ body: '   ' }), status: 400, field: 'body' },
      { payload: JSON.stringify({ body: 'x'.repeat(20_001) }), status: 400, field: 'body' },
      { payload: JSON.stringify({ body: 'x', headline: 'h'.repeat(301) }), status: 400, field: 'headline' },
      { payload: JSON.stringify({ body: 'x', claimStatus: 'probably' }), status: 400, field: 'claimStatus' },
      {
        payload: JSON.stringify({ body: 'x', sources: [{ label: 'a', url: 'javascript:alert(1)' }] }),
        status: 400,
        field: 'sources.0.url',
      },
      { payload: JSON.stringify({ body: 'x', colour: 'red' }), status: 400, field: 'colour' },
      { payload: JSON.stringify(['body']), status: 400, field: 'body' },
      { payload: JSON.stringify({ body: 'x'.repeat(300_000) }), status: 413 },
      { payload: 'body=x', type: 'application/x-www-form-urlencoded', status: 415 },
    ];
    for (const c of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/stories/${storyId}/updates`,
        headers: { ...t.auth(t.editorToken), 'content-type': c.type ?? 'application/json' },
        payload: c.payload,
      });
      assert.equal(res.statusCode, c.status, `${c.payload.slice(0, 60)} → ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const problem = res.json();
      assert.equal(problem.status, c.status);
      assert.ok(problem.title && problem.detail && problem.type);
      if (c.field) assert.equal(problem.field, c.field, res.body);
      if (c.detail) assert.match(problem.detail, c.detail);
    }
    const afterCount = (await t.app.inject({ url: `/api/v1/stories/${storyId}/updates?limit=100` })).json()
      .items.length;
    assert.equal(afterCount, before);
  });

  it('requires a valid token with the right role for writes', async () => {
    const none = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      payload: { body: 'x' },
    });
    assert.equal(none.statusCode, 401);
    assert.match(String(none.headers['www-authenticate']), /Bearer/);
    const wrong = await publish({ body: 'x' }, 'dl_not-a-real-token');
    assert.equal(wrong.statusCode, 401);
    const editorDesk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.editorToken),
      payload: { name: 'Iran Daily' },
    });
    assert.equal(editorDesk.statusCode, 403);
    assert.equal((await t.app.inject({ url: '/api/v1/desks/iran-daily' })).statusCode, 404);
  });

  it('answers unknown ids and routes with 404 problems', async () => {
    for (const url of [
      '/api/v1/stories/nope',
      '/api/v1/stories/nope/updates',
      '/api/v1/updates/nope',
      '/api/v1/desks/nope',
      '/api/v1/nothing-here',
    ]) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }
    const edit = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/updates/nope',
      headers: t.auth(t.editorToken),
      payload: { version: 1, body: 'x' },
    });
    assert.equal(edit.statusCode, 404);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories/nope/updates',
      headers: t.auth(t.editorToken),
      payload: { body: 'x' },
    });
    assert.equal(post.statusCode, 404);
  });

  it('refuses taken slugs, unknown time zones and reserved names', async () => {
    const cases = [
      { payload: { name: 'Syria Daily' }, status: 409, field: 'slug' },
      { payload: { name: 'Libya Daily', timezone: 'Mars/Olympus' }, status: 400, field: 'timezone' },
      { payload: { name: 'API' }, status: 400, field: 'slug' },
      { payload: { name: '!!!' }, status: 400, field: 'name' },
    ];
    for (const c of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks',
        headers: t.auth(t.adminToken),
        payload: c.payload,
      });
      assert.equal(res.statusCode, c.status, res.body);
      assert.equal(res.json().field, c.field);
    }
  });

  it('opens a desk’s daily page with its dated headline, once', async () => {
    const open = () =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/desks/syria-daily/days/2026-05-27',
        headers: t.auth(t.editorToken),
      });
    const first = await open();
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().headline, 'Syria Daily, 27 May');
    assert.equal(first.json().url, '/syria-daily/2026-05-27');
    const second = await open();
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().id, first.json().id);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/desks/syria-daily/days/2026-02-30',
      headers: t.auth(t.editorToken),
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().field, 'date');
    const list = await t.app.inject({ url: '/api/v1/desks/syria-daily/stories' });
    assert.ok(list.json().items.some((s: { date: string }) => s.date === '2026-05-27'));
  });

  it('keeps drafts private and refuses updates to ended stories', async () => {
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: 'Embargoed', status: 'draft' },
    });
    assert.equal(draft.statusCode, 201);
    assert.equal((await t.app.inject({ url: `/api/v1/stories/${draft.json().id}` })).statusCode, 404);
    assert.equal(
      (await t.app.inject({ url: `/api/v1/stories/${draft.json().id}`, headers: t.auth(t.editorToken) }))
        .statusCode,
      200,
    );
    const ended = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/stories/${draft.json().id}`,
      headers: t.auth(t.editorToken),
      payload: { version: 1, status: 'ended' },
    });
    assert.equal(ended.statusCode, 200, ended.body);
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${draft.json().id}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: 'late' },
    });
    assert.equal(late.statusCode, 409);
  });

  it('documents itself with OpenAPI', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/stories/{id}/updates'].post);
    assert.equal(doc.components.schemas.CreateUpdate.properties.body.maxLength, 20000);
  });
});
