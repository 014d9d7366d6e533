/**
 * The attacker's pass over the write and newsroom-read endpoints added on 4 December: held drafts,
 * publish, author profiles, forces, layers, revisions, import. Each refuses the anonymous and a revoked
 * token (401), a contributor (403), and another desk's editor (403 or 404), and nothing any of them sent
 * is stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';
const LINE = {
  kind: 'front',
  geometry: {
    type: 'LineString',
    coordinates: [
      [36.5, 35.7],
      [36.9, 35.8],
    ],
  },
  validFrom: '2026-12-01',
  source: 'ATTACKER',
  claimStatus: 'claimed',
};

describe('attacker’s pass over the 4 December endpoints', () => {
  let t: TestApp;
  let storyId: string;
  let draftId: string;
  let layerId: string;
  let forceId: string;
  let olenaId: string;
  let revoked: string;
  let otherDesk: Record<string, string>;
  let contributor: Record<string, string>;

  async function signIn(email: string): Promise<Record<string, string>> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: PASSWORD },
    });
    assert.equal(res.statusCode, 200, res.body);
    return {
      cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '',
      'x-csrf-token': res.json().csrfToken as string,
    };
  }

  before(async () => {
    t = await createTestApp();
    const syria = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    await t.liveBlog.createDesk({ name: 'Iran Daily', timezone: 'Asia/Tehran' });
    olenaId = (
      await t.accounts.addUser({
        email: 'olena@example.org',
        name: 'Olena K',
        role: 'editor',
        password: PASSWORD,
      })
    ).id;
    await t.accounts.setDesks('olena@example.org', ['syria-daily']);
    await t.accounts.addUser({
      email: 'iran@example.org',
      name: 'Iran Ed',
      role: 'editor',
      password: PASSWORD,
    });
    await t.accounts.setDesks('iran@example.org', ['iran-daily']);
    await t.accounts.addUser({
      email: 'con@example.org',
      name: 'Con',
      role: 'contributor',
      password: PASSWORD,
    });
    otherDesk = await signIn('iran@example.org');
    contributor = await signIn('con@example.org');
    const olena = await signIn('olena@example.org');
    storyId = (await t.liveBlog.createStory({ desk: syria.slug, headline: 'Idlib' })).id;
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: olena,
      payload: { body: 'Held back', status: 'draft' },
    });
    draftId = draft.json().id;
    const force = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/syria-daily/forces',
      headers: olena,
      payload: { name: 'Government', colour: '#c0392b' },
    });
    forceId = force.json().id;
    const layer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks/syria-daily/layers',
      headers: olena,
      payload: { ...LINE, source: 'Desk' },
    });
    layerId = layer.json().id;
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: t.auth(t.adminToken),
      payload: { name: 'leaked', role: 'admin' },
    });
    revoked = token.json().secret;
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${token.json().token.id}`,
      headers: t.auth(t.adminToken),
    });
    assert.equal(gone.statusCode, 204);
  });
  after(() => t.close());

  it('refuses every caller who is not an editor of the desk (or the profile’s owner)', async () => {
    const calls: [string, string, object | undefined][] = [
      ['GET', `/api/v1/stories/${storyId}/drafts`, undefined],
      ['POST', `/api/v1/updates/${draftId}/publish`, {}],
      ['PATCH', `/api/v1/updates/${draftId}`, { body: 'ATTACKER' }],
      ['DELETE', `/api/v1/updates/${draftId}`, undefined],
      ['GET', `/api/v1/users/${olenaId}/profile`, undefined],
      ['PUT', `/api/v1/users/${olenaId}/profile`, { name: 'Olena K', bio: 'ATTACKER' }],
      ['POST', '/api/v1/desks/syria-daily/forces', { name: 'ATTACKER', colour: '#000000' }],
      ['PATCH', `/api/v1/desks/syria-daily/forces/${forceId}`, { name: 'ATTACKER' }],
      ['POST', '/api/v1/desks/syria-daily/layers', LINE],
      ['POST', `/api/v1/desks/syria-daily/layers/${layerId}/revisions`, LINE],
      ['DELETE', `/api/v1/desks/syria-daily/layers/${layerId}`, undefined],
      [
        'POST',
        '/api/v1/desks/syria-daily/layers/import',
        {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', geometry: LINE.geometry, properties: LINE }],
        },
      ],
    ];
    const callers: [string, Record<string, string>, number[]][] = [
      ['anonymous', {}, [401]],
      ['a revoked admin token', t.auth(revoked), [401]],
      ['a contributor token', t.auth(t.contributorToken), [403, 404]],
      ['a contributor session', contributor, [403, 404]],
      ['another desk’s editor', otherDesk, [403, 404]],
    ];
    for (const [method, url, payload] of calls)
      for (const [who, headers, allowed] of callers) {
        const res = await t.app.inject({
          method: method as 'GET',
          url,
          headers,
          ...(payload !== undefined && { payload }),
        });
        assert.ok(
          allowed.includes(res.statusCode),
          `${method} ${url} as ${who}: ${res.statusCode} ${res.body}`,
        );
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${method} ${url}`);
        assert.ok(!res.body.includes('Held back'), `${method} ${url} as ${who} shows the draft`);
      }

    // Nothing any of them sent was stored.
    const draft = await t.store.submissions.getById(draftId);
    assert.deepEqual([draft?.status, draft?.content.body], ['draft', 'Held back']);
    assert.equal(await t.store.authors.getProfile(olenaId), null);
    const forces = (await t.app.inject({ url: '/api/v1/desks/syria-daily/forces' })).json();
    assert.deepEqual(
      forces.map((f: { name: string }) => f.name),
      ['Government'],
    );
    const layers = (await t.app.inject({ url: '/api/v1/desks/syria-daily/layers' })).json();
    assert.equal(layers.length, 1);
    assert.equal(layers[0].current.revision, 1);
  });
});
