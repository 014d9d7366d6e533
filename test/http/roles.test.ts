/** Roles at the API: every write route, tried by each kind of caller, answers as the role allows. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

type Caller = 'anonymous' | 'contributor' | 'editor' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'contributor', 'editor', 'admin'];

interface Fixture {
  storyId: string;
  updateId: string;
  submissionId: string;
  userId: string;
  mediaId: string;
}

/** One write route: how to call it fresh for each caller, and the status each caller gets. */
interface RouteCase {
  route: string;
  request(
    f: Fixture,
    n: number,
  ): { method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: object };
  expect: Record<Caller, number>;
}

const CASES: RouteCase[] = [
  {
    route: 'POST /desks',
    request: (_f, n) => ({ method: 'POST', url: '/api/v1/desks', payload: { name: `Desk ${n}` } }),
    expect: { anonymous: 401, contributor: 403, editor: 403, admin: 201 },
  },
  {
    route: 'PUT /desks/{slug}/days/{date}',
    request: (_f, n) => ({ method: 'PUT', url: `/api/v1/desks/iran-daily/days/2026-05-${10 + n}` }),
    expect: { anonymous: 401, contributor: 403, editor: 201, admin: 201 },
  },
  {
    route: 'POST /stories',
    request: (_f, n) => ({ method: 'POST', url: '/api/v1/stories', payload: { headline: `Story ${n}` } }),
    expect: { anonymous: 401, contributor: 403, editor: 201, admin: 201 },
  },
  {
    route: 'PATCH /stories/{id}',
    request: (f) => ({ method: 'PATCH', url: `/api/v1/stories/${f.storyId}`, payload: { version: 1 } }),
    expect: { anonymous: 401, contributor: 403, editor: 200, admin: 200 },
  },
  {
    route: 'POST /stories/{id}/updates',
    request: (f, n) => ({
      method: 'POST',
      url: `/api/v1/stories/${f.storyId}/updates`,
      payload: { body: `Report ${n}` },
    }),
    // A contributor's is accepted too, as a submission (see the submissions tests).
    expect: { anonymous: 401, contributor: 201, editor: 201, admin: 201 },
  },
  {
    route: 'POST /stories/{id}/updates with claimStatus verified',
    request: (f, n) => ({
      method: 'POST',
      url: `/api/v1/stories/${f.storyId}/updates`,
      payload: { body: `Verified ${n}`, claimStatus: 'verified' },
    }),
    expect: { anonymous: 401, contributor: 403, editor: 201, admin: 201 },
  },
  {
    route: 'PATCH /updates/{id}',
    request: (f) => ({ method: 'PATCH', url: `/api/v1/updates/${f.updateId}`, payload: { version: 1 } }),
    expect: { anonymous: 401, contributor: 403, editor: 200, admin: 200 },
  },
  {
    route: 'DELETE /updates/{id}',
    request: (f) => ({ method: 'DELETE', url: `/api/v1/updates/${f.updateId}` }),
    expect: { anonymous: 401, contributor: 403, editor: 204, admin: 204 },
  },
  {
    route: 'POST /updates/{id}/approve',
    request: (f) => ({ method: 'POST', url: `/api/v1/updates/${f.submissionId}/approve`, payload: {} }),
    expect: { anonymous: 401, contributor: 403, editor: 200, admin: 200 },
  },
  {
    route: 'PATCH /updates/{id} of a pending submission (the contributor is its author)',
    request: (f) => ({
      method: 'PATCH',
      url: `/api/v1/updates/${f.submissionId}`,
      payload: { body: 'Corrected' },
    }),
    expect: { anonymous: 401, contributor: 200, editor: 200, admin: 200 },
  },
  {
    route: 'DELETE /media/{id}',
    request: (f) => ({ method: 'DELETE', url: `/api/v1/media/${f.mediaId}` }),
    expect: { anonymous: 401, contributor: 403, editor: 204, admin: 204 },
  },
  {
    route: 'POST /users',
    request: (_f, n) => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: `new${n}@example.org`, name: `New ${n}`, role: 'contributor' },
    }),
    expect: { anonymous: 401, contributor: 403, editor: 403, admin: 201 },
  },
  {
    route: 'PATCH /users/{id}',
    request: (f) => ({ method: 'PATCH', url: `/api/v1/users/${f.userId}`, payload: { role: 'editor' } }),
    expect: { anonymous: 401, contributor: 403, editor: 403, admin: 200 },
  },
  {
    route: 'POST /users/{id}/password',
    request: (f) => ({ method: 'POST', url: `/api/v1/users/${f.userId}/password`, payload: {} }),
    expect: { anonymous: 401, contributor: 403, editor: 403, admin: 200 },
  },
  {
    // Only a signed-in person sets their own password; a token has none (see admin-api.test.ts).
    route: 'POST /session/password',
    request: () => ({
      method: 'POST',
      url: '/api/v1/session/password',
      payload: { currentPassword: 'whatever it is', newPassword: 'something new and long' },
    }),
    expect: { anonymous: 401, contributor: 401, editor: 401, admin: 401 },
  },
  {
    route: 'POST /updates/{id}/reject',
    request: (f) => ({
      method: 'POST',
      url: `/api/v1/updates/${f.submissionId}/reject`,
      payload: { reason: 'Not sourced' },
    }),
    expect: { anonymous: 401, contributor: 403, editor: 200, admin: 200 },
  },
];

describe('roles at the API', () => {
  let t: TestApp;
  let n = 0;
  const tokens = () => ({
    anonymous: null,
    contributor: t.contributorToken,
    editor: t.editorToken,
    admin: t.adminToken,
  });

  before(async () => {
    t = await createTestApp();
    const desk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Iran Daily' },
    });
    assert.equal(desk.statusCode, 201, desk.body);
  });
  after(() => t.close());

  /** A fresh story with one published update and one pending submission, so no case sees another's traces. */
  async function fixture(): Promise<Fixture> {
    n += 1;
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: `Fixture ${n}` },
    });
    const storyId: string = story.json().id;
    const update = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: 'Published' },
    });
    const submission = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.contributorToken),
      payload: { body: 'Submitted' },
    });
    assert.equal(submission.json().status, 'pending');
    const user = await t.accounts.addUser({
      email: `fixture${n}@example.org`,
      name: `Fixture ${n}`,
      role: 'contributor',
      password: 'fixture passphrase',
    });
    // A photo record nothing shows (the files are not needed to test who may delete it).
    const media = await t.store.media.create({
      id: `fixturephoto${n}`,
      alt: 'Fixture',
      caption: '',
      credit: '',
      width: 10,
      height: 10,
      url: '',
      variants: [],
      uploadedBy: 'test',
      createdAt: new Date().toISOString(),
    });
    return {
      storyId,
      updateId: update.json().id,
      submissionId: submission.json().id,
      userId: user.id,
      mediaId: media.id,
    };
  }

  for (const c of CASES) {
    it(`${c.route}: ${CALLERS.map((caller) => `${caller} ${c.expect[caller]}`).join(', ')}`, async () => {
      for (const caller of CALLERS) {
        const f = await fixture();
        const token = tokens()[caller];
        const response = await t.app.inject({
          ...c.request(f, n),
          headers: token === null ? {} : t.auth(token),
        });
        assert.equal(response.statusCode, c.expect[caller], `${caller}: ${response.body}`);
        if (response.statusCode === 403) {
          assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        }
      }
    });
  }

  it('names the field when a contributor tries to mark a claim verified', async () => {
    const f = await fixture();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${f.storyId}/updates`,
      headers: t.auth(t.contributorToken),
      payload: { body: 'Geolocated', claimStatus: 'verified' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().field, 'claimStatus');
  });

  it("lets a contributor withdraw their own submission but not another's", async () => {
    const f = await fixture();
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${f.storyId}/updates`,
      headers: t.auth(t.adminToken),
      payload: { body: 'Editor work' },
    });
    const deleteOther = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/updates/${other.json().id}`,
      headers: t.auth(t.contributorToken),
    });
    assert.equal(deleteOther.statusCode, 403);
    const withdraw = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/updates/${f.submissionId}`,
      headers: t.auth(t.contributorToken),
    });
    assert.equal(withdraw.statusCode, 204);
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${f.submissionId}/approve`,
      headers: t.auth(t.editorToken),
      payload: {},
    });
    assert.equal(approve.statusCode, 409, 'a withdrawn submission cannot be published');
  });
});
