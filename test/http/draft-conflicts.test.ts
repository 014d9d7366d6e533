/**
 * Two editors saving the same held draft: a save names the draft's `savedAt` it was made from, and a
 * save made from a draft a colleague has saved since is refused with the colleague's draft, not lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';

describe('saving a held draft a colleague saved since', () => {
  let t: TestApp;
  let storyId: string;
  let olena: Record<string, string>;
  let desk: Record<string, string>;

  const api = (method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, headers = {}, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload && { payload }) });

  before(async () => {
    t = await createTestApp();
    await api('POST', '/desks', t.auth(t.adminToken), { name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    await t.accounts.addUser({ email: 'uk@example.org', name: 'Olena', role: 'editor', password: PASSWORD });
    const session = await api('POST', '/session', {}, { email: 'uk@example.org', password: PASSWORD });
    const cookie = String(session.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    olena = { cookie, 'x-csrf-token': session.json().csrfToken as string };
    desk = t.auth(t.editorToken);
    storyId = (await api('PUT', '/desks/ukraine-live/days/2026-12-04', desk)).json().id;
  });
  after(() => t.close());

  async function newDraft() {
    const saved = await api('POST', `/stories/${storyId}/updates`, olena, {
      body: 'Shelling reported near the ferry crossing',
      claimStatus: 'claimed',
      status: 'draft',
    });
    assert.equal(saved.statusCode, 201, saved.body);
    return saved.json() as { id: string; savedAt: string };
  }

  it('refuses a stale save with 409 naming the colleague’s save, and changes nothing', async () => {
    const loaded = await newDraft();
    // The colleague saves first, confirming the claim with a note.
    const theirs = await api('PATCH', `/updates/${loaded.id}`, desk, {
      savedAt: loaded.savedAt,
      body: 'Shelling verified near the ferry crossing',
      claimStatus: 'verified',
      claimNote: 'Two residents and the regional administration',
    });
    assert.equal(theirs.statusCode, 200, theirs.body);
    assert.notEqual(theirs.json().savedAt, loaded.savedAt, 'a save moves the stamp');

    const mine = await api('PATCH', `/updates/${loaded.id}`, olena, {
      savedAt: loaded.savedAt,
      body: 'My rewrite from the old text',
    });
    assert.equal(mine.statusCode, 409, mine.body);
    assert.match(String(mine.headers['content-type']), /^application\/problem\+json/);
    const problem = mine.json();
    assert.match(problem.detail ?? problem.title, /saved/);
    assert.equal(problem.current.body, 'Shelling verified near the ferry crossing');
    assert.equal(problem.current.claimStatus, 'verified');
    assert.equal(problem.current.claimNote, 'Two residents and the regional administration');
    assert.equal(problem.current.savedAt, theirs.json().savedAt);

    const now = (await api('GET', `/updates/${loaded.id}`, olena)).json();
    assert.equal(now.body, 'Shelling verified near the ferry crossing', 'the colleague’s save stands');
    assert.equal(now.claimStatus, 'verified');
    assert.equal(now.savedAt, theirs.json().savedAt);
  });

  it('takes a save made from the current draft, and each save from the one before', async () => {
    const loaded = await newDraft();
    const first = await api('PATCH', `/updates/${loaded.id}`, olena, {
      savedAt: loaded.savedAt,
      body: 'One',
    });
    assert.equal(first.statusCode, 200, first.body);
    // Saved again at once (same millisecond or not), the stamp still moves, so the chain holds.
    const second = await api('PATCH', `/updates/${loaded.id}`, desk, {
      savedAt: first.json().savedAt,
      body: 'Two',
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().body, 'Two');
    const stale = await api('PATCH', `/updates/${loaded.id}`, olena, {
      savedAt: first.json().savedAt,
      body: 'Three',
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().current.body, 'Two');
  });

  it('still saves without `savedAt` (older API clients), and names a bad stamp', async () => {
    const loaded = await newDraft();
    const blind = await api('PATCH', `/updates/${loaded.id}`, desk, { body: 'Overwritten by an old client' });
    assert.equal(blind.statusCode, 200, blind.body);
    const bad = await api('PATCH', `/updates/${loaded.id}`, desk, { savedAt: 'yesterday', body: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /savedAt/);
    assert.equal(
      (await api('GET', `/updates/${loaded.id}`, desk)).json().body,
      'Overwritten by an old client',
    );
  });

  it('refuses `savedAt` on a published update, which is edited by `version`', async () => {
    const posted = await api('POST', `/stories/${storyId}/updates`, desk, { body: 'Published at once' });
    assert.equal(posted.statusCode, 201, posted.body);
    const edit = await api('PATCH', `/updates/${posted.json().id}`, desk, {
      version: 1,
      savedAt: '2026-12-04T10:00:00.000Z',
      body: 'Edited',
    });
    assert.equal(edit.statusCode, 400);
    assert.match(edit.body, /savedAt/);
  });
});
