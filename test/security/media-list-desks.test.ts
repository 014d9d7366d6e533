/**
 * Photos belong to no desk; what shows them does. An editor limited to one desk lists no photo that
 * another desk's held draft (or update, or story) shows: its alt text and caption are that desk's
 * unpublished work. Found in the outside review of 4 December.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'correct horse battery staple';

describe('the newsroom photo list for an editor limited to desks', () => {
  let t: TestApp;
  let base: string;
  const session: Record<string, Record<string, string>> = {};

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

  async function upload(headers: Record<string, string>, alt: string): Promise<string> {
    const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#52606d' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
    form.append('alt', alt);
    const response = await fetch(`${base}/api/v1/media`, { method: 'POST', body: form, headers });
    assert.equal(response.status, 201, await response.clone().text());
    return ((await response.json()) as { id: string }).id;
  }

  async function listed(headers: Record<string, string>): Promise<string[]> {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/media', headers });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().items as { alt: string }[]).map((m) => m.alt);
  }

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    for (const [email, desk] of [
      ['syria@example.org', 'syria-daily'],
      ['iran@example.org', 'iran-daily'],
    ] as const) {
      await t.liveBlog.createDesk({
        name: desk === 'syria-daily' ? 'Syria Daily' : 'Iran Daily',
        timezone: 'UTC',
      });
      await t.accounts.addUser({ email, name: email.split('@')[0]!, role: 'editor', password: PASSWORD });
      await t.accounts.setDesks(email, [desk]);
      session[desk] = await signIn(email);
    }
  });
  after(() => t.close());

  it("lists no photo another desk's held draft shows, and still the ones its own desk's do", async () => {
    const syria = session['syria-daily']!;
    const iran = session['iran-daily']!;
    const story = await t.liveBlog.createStory({ desk: 'syria-daily', headline: 'Idlib' });
    const secret = await upload(syria, 'Unpublished: the commander at the checkpoint');
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.id}/updates`,
      headers: syria,
      payload: { body: 'Held back until confirmed', status: 'draft', mediaId: secret },
    });
    assert.equal(draft.statusCode, 201, draft.body);
    const loose = await upload(iran, 'Iran desk upload, not used yet');
    assert.ok(secret && loose);

    assert.deepEqual((await listed(iran)).sort(), ['Iran desk upload, not used yet']);
    assert.deepEqual((await listed(syria)).sort(), [
      'Iran desk upload, not used yet',
      'Unpublished: the commander at the checkpoint',
    ]);
    // An editor of every desk, and an admin, see them all.
    assert.equal((await listed(t.auth(t.editorToken))).length, 2);
  });
});
