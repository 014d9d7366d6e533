/**
 * An author page belongs to the person whose updates it lists: /authors/{slug} shows the profile saved
 * under that slug above every update bylined to it. An editor who saves a profile under a colleague's
 * or a contributor's byline would put their own photo and bio over that person's reporting (and keep
 * the page from its owner), so a profile's name must be its account's byline.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';

describe('author pages cannot be taken over', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const sessions: Record<string, Record<string, string>> = {};

  before(async () => {
    t = await createTestApp();
    const desk = await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    for (const [key, name, role] of [
      ['olena', 'Olena Kovalenko', 'editor'],
      ['sami', 'Sami Haddad', 'editor'],
      ['cora', 'Cora Stringer', 'contributor'],
      ['ada', 'Ada Admin', 'admin'],
    ] as const) {
      const user = await t.accounts.addUser({ email: `${key}@example.org`, name, role, password: PASSWORD });
      ids[key] = user.id;
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: `${key}@example.org`, password: PASSWORD },
      });
      sessions[key] = {
        cookie: String(signIn.headers['set-cookie'] ?? '').split(';')[0] ?? '',
        'x-csrf-token': signIn.json().csrfToken as string,
      };
    }
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Aleppo' });
    await t.liveBlog.publishUpdate(story.id, { body: 'Shelling reported near Aleppo.' }, 'Sami Haddad');
    await t.liveBlog.publishUpdate(story.id, { body: 'Convoy seen near Idlib.' }, 'Cora Stringer');
  });
  after(() => t.close());

  const putProfile = (who: string, userId: string, payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${userId}/profile`,
      headers: sessions[who]!,
      payload,
    });

  it("refuses an editor's profile under a colleague's or a contributor's byline", async () => {
    for (const name of ['Sami Haddad', 'Cora Stringer', 'sami  HADDAD']) {
      const res = await putProfile('olena', ids['olena']!, { name, bio: 'Not who this page is about.' });
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().field, 'name');
    }
    for (const slug of ['sami-haddad', 'cora-stringer']) {
      const page = await t.app.inject({ url: `/authors/${slug}` });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Not who this page is about/, slug);
    }
    // Sami can still make his own page, and Olena hers under her byline (spelled her way).
    assert.equal((await putProfile('sami', ids['sami']!, { name: 'Sami Haddad' })).statusCode, 200);
    const own = await putProfile('olena', ids['olena']!, { name: 'OLENA  Kovalenko', bio: 'Kyiv.' });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().url, '/authors/olena-kovalenko');
  });

  it("keeps an admin to the account's byline too (rename the account to move the page)", async () => {
    const res = await putProfile('ada', ids['sami']!, { name: 'Cora Stringer', bio: 'Moved.' });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().field, 'name');
    assert.doesNotMatch((await t.app.inject({ url: '/authors/cora-stringer' })).body, /Moved\./);
  });
});
