/** Scheduled updates publish themselves at their time; the audit log records who did what, for admins. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { Scheduler } from '../../src/service/scheduler.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('scheduling and the audit log', () => {
  let t: TestApp;
  let storyId: string;

  before(async () => {
    t = await createTestApp();
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: 'Summit day' },
    });
    storyId = story.json().id;
  });
  after(() => t.close());

  const post = (payload: object, token = t.editorToken) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(token),
      payload,
    });

  it('holds a scheduled update until its time, then publishes it', async () => {
    const at = new Date(Date.now() + 60 * 60_000).toISOString();
    const scheduled = await post({ body: 'Leaders meet at noon', publishAt: at });
    assert.equal(scheduled.statusCode, 201, scheduled.body);
    assert.equal(scheduled.json().status, 'scheduled');
    assert.equal(scheduled.json().publishAt, at);
    const list = async () =>
      (await t.app.inject({ url: `/api/v1/stories/${storyId}/updates` })).json().items as { id: string }[];
    assert.deepEqual(await list(), []);

    // A scheduler whose clock reads a minute too early publishes nothing; at the time, it publishes.
    const early = new Scheduler({
      store: t.store,
      publishing: t.publishing,
      logger: pino({ level: 'silent' }),
      now: () => new Date(Date.parse(at) - 60_000),
    });
    assert.equal(await early.tick(), 0);
    const onTime = new Scheduler({
      store: t.store,
      publishing: t.publishing,
      logger: pino({ level: 'silent' }),
      now: () => new Date(at),
    });
    assert.equal(await onTime.tick(), 1);
    assert.deepEqual(
      (await list()).map((u) => u.id),
      [scheduled.json().id],
    );
    assert.equal(await onTime.tick(), 0, 'published once');
  });

  it('refuses a time in the past, a malformed one, and scheduling by a contributor', async () => {
    const past = await post({ body: 'x', publishAt: '2020-01-01T00:00:00Z' });
    assert.equal(past.statusCode, 400);
    assert.equal(past.json().field, 'publishAt');
    const malformed = await post({ body: 'x', publishAt: 'tomorrow noon' });
    assert.equal(malformed.json().field, 'publishAt');
    const contributor = await post(
      { body: 'x', publishAt: new Date(Date.now() + 60_000).toISOString() },
      t.contributorToken,
    );
    assert.equal(contributor.statusCode, 403);
    assert.equal(contributor.json().field, 'publishAt');
  });

  it('records sign-ins, publishing and claim changes, readable and exportable by admins only', async () => {
    await t.accounts.addUser({
      email: 'ana@example.org',
      name: 'Ana',
      role: 'editor',
      password: 'twelve chars or more',
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'ana@example.org', password: 'twelve chars or more' },
    });
    const published = await post({ body: 'Talks begin', claimStatus: 'claimed' });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${published.json().id}`,
      headers: t.auth(t.editorToken),
      payload: { version: 1, claimStatus: 'verified', claimNote: 'Confirmed by both delegations' },
    });
    assert.equal(
      (await t.app.inject({ url: '/api/v1/audit', headers: t.auth(t.editorToken) })).statusCode,
      403,
    );
    const json = await t.app.inject({ url: '/api/v1/audit', headers: t.auth(t.adminToken) });
    assert.equal(json.statusCode, 200);
    const actions = json.json().items.map((e: { action: string }) => e.action);
    for (const action of ['user.add', 'login', 'update.publish', 'update.edit', 'update.claim'])
      assert.ok(actions.includes(action), `missing ${action} in ${actions.join(', ')}`);
    const claim = json.json().items.find((e: { action: string }) => e.action === 'update.claim');
    assert.deepEqual(claim.detail, {
      from: 'claimed',
      to: 'verified',
      note: 'Confirmed by both delegations',
    });
    assert.equal(claim.actor, 'test-editor');

    const csv = await t.app.inject({ url: '/api/v1/audit?format=csv', headers: t.auth(t.adminToken) });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(csv.body, /^id,at,actor,actor_key,action,target,detail\r\n/);
    assert.match(csv.body, /,update\.claim,/);
    assert.match(csv.body, /login,ana@example\.org/);
  });
});
