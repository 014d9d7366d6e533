/**
 * Author pages and profiles: an editor sets their own profile (name, role, bio, a photo from the media
 * pipeline) and readers see it at /authors/{slug} with the author's public updates, newest first and
 * paged, and JSON-LD; bylines link there. The attacker's pass: another editor's profile, a contributor,
 * anonymous callers, a cookie write without CSRF, a huge name, markup in the role and bio, a photo id
 * that is not a photo, and what an author page gives away about accounts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';

describe('author pages', () => {
  let t: TestApp;
  let base: string;
  let storyId: string;
  let storyPath: string;
  const users: Record<string, string> = {};

  async function signIn(email: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: PASSWORD },
    });
    assert.equal(response.statusCode, 200, response.body);
    const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    return { cookie, 'x-csrf-token': response.json().csrfToken as string };
  }

  before(async () => {
    t = await createTestApp();
    base = await t.listen();
    for (const [email, name, role] of [
      ['olena@example.org', 'Olena Kovalenko', 'editor'],
      ['taras@example.org', 'Taras Melnyk', 'editor'],
      ['cat@example.org', 'Cat Contributor', 'contributor'],
      ['admin@example.org', 'Ada Admin', 'admin'],
    ] as const) {
      const user = await t.accounts.addUser({ email, name, role, password: PASSWORD });
      users[email] = user.id;
    }
    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.createStory({ desk: desk.slug, headline: 'Air raid alerts' });
    storyId = story.id;
    storyPath = `/${desk.slug}/${story.slug}`;
  });
  after(() => t.close());

  async function upload(headers: Record<string, string>, file: Blob, name = 'face.jpg') {
    const form = new FormData();
    form.append('file', file, name);
    form.append('alt', 'Portrait');
    return fetch(`${base}/api/v1/media`, { method: 'POST', body: form, headers });
  }

  const putProfile = (userId: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PUT', url: `/api/v1/users/${userId}/profile`, headers, payload });

  it('shows the profile an editor set and their updates, newest first and paged, with JSON-LD', async () => {
    const olena = await signIn('olena@example.org');
    const jpeg = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#7b8794' } })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 27/1 0/1' } })
      .jpeg()
      .toBuffer();
    const uploaded = await upload(olena, new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }));
    assert.equal(uploaded.status, 201);
    const photo = (await uploaded.json()) as { id: string; url: string };
    const stored = await fetch(`${base}${photo.url}`);
    assert.equal((await sharp(Buffer.from(await stored.arrayBuffer())).metadata()).exif, undefined, 'no GPS');

    const saved = await putProfile(users['olena@example.org']!, olena, {
      name: 'Olena Kovalenko',
      jobTitle: 'Kyiv correspondent',
      bio: 'Reports on the war from Kyiv since 2022.\n\nBefore that: the Donbas, 2014–2021.',
      photoId: photo.id,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().url, '/authors/olena-kovalenko');

    // 25 updates bylined to her (more than a page), one shared with a colleague, one in a draft story.
    for (let i = 1; i <= 25; i++)
      await t.liveBlog.publishUpdate(
        storyId,
        {
          body: `Alert number ${i} over Kyiv.`,
          authors: i === 25 ? ['Olena Kovalenko', 'Taras Melnyk'] : ['Olena Kovalenko'],
        },
        'desk',
      );
    const draft = await t.liveBlog.createStory({ headline: 'Not yet public', status: 'draft' });
    await t.liveBlog.publishUpdate(
      draft.id,
      { body: 'A secret draft line.', authors: ['Olena Kovalenko'] },
      'desk',
    );

    const page = await t.app.inject({ url: '/authors/olena-kovalenko' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Olena Kovalenko<\/h1>/);
    assert.match(page.body, /<p class="author-role">Kyiv correspondent<\/p>/);
    assert.match(
      page.body,
      /<p>Reports on the war from Kyiv since 2022.<\/p><p>Before that: the Donbas, 2014–2021.<\/p>/,
    );
    assert.match(page.body, new RegExp(`<img src="/media/${photo.id}[^"]*"[^>]*alt="Olena Kovalenko"`));
    const items = [...page.body.matchAll(/Alert number (\d+) over Kyiv/g)].map((m) => Number(m[1]));
    assert.deepEqual(
      items,
      Array.from({ length: 20 }, (_, i) => 25 - i),
      'newest first, 20 a page',
    );
    assert.doesNotMatch(page.body, /secret draft/, 'drafts are not public');
    const ld = JSON.parse(
      /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)?.[1] ?? '{}',
    );
    assert.equal(ld.mainEntity['@type'], 'Person');
    assert.equal(ld.mainEntity.name, 'Olena Kovalenko');
    assert.equal(ld.mainEntity.jobTitle, 'Kyiv correspondent');
    assert.match(ld.mainEntity.image, /\/media\//);

    const older = /href="(\/authors\/olena-kovalenko\?cursor=[^"]+)"/.exec(page.body)?.[1];
    assert.ok(older, 'a link to older updates');
    const second = await t.app.inject({ url: older.replaceAll('&amp;', '&') });
    assert.deepEqual(
      [...second.body.matchAll(/Alert number (\d+) over Kyiv/g)].map((m) => Number(m[1])),
      [5, 4, 3, 2, 1],
    );

    // Bylines on the story page link to the author pages; a colleague without a profile has one too.
    const story = (await t.app.inject({ url: storyPath })).body;
    assert.match(
      story,
      /By <a href="\/authors\/olena-kovalenko">Olena Kovalenko<\/a> and <a href="\/authors\/taras-melnyk">Taras Melnyk<\/a>/,
    );
    const taras = await t.app.inject({ url: '/authors/taras-melnyk' });
    assert.equal(taras.statusCode, 200);
    assert.match(taras.body, /Alert number 25/);
    assert.doesNotMatch(taras.body, /author-role/);
  });

  it('404s for a name with no public update and no profile, saying nothing about accounts', async () => {
    // Cat has an account but no profile and no public byline; "nobody" is no one at all.
    for (const url of [
      '/authors/cat-contributor',
      '/authors/nobody-at-all',
      '/authors/NOT_A_SLUG',
      '/authors/olena-kovalenko?cursor=bogus',
    ]) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 404, url);
    }
    const a = await t.app.inject({ url: '/authors/cat-contributor' });
    const b = await t.app.inject({ url: '/authors/nobody-at-all' });
    assert.equal(a.body, b.body, 'an account and an unknown name look the same');
    // A profile published with no updates yet is a page (its owner chose to publish it).
    const admin = await signIn('admin@example.org');
    const res = await putProfile(users['admin@example.org']!, admin, {
      name: 'Ada Admin',
      jobTitle: 'Editor-in-chief',
    });
    assert.equal(res.statusCode, 200, res.body);
    const page = await t.app.inject({ url: '/authors/ada-admin' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /No published updates yet/);
  });

  it('lets only the owner (an editor) or an admin change a profile, and keeps its text plain', async () => {
    const taras = await signIn('taras@example.org');
    const olenaId = users['olena@example.org']!;
    const tarasId = users['taras@example.org']!;

    const other = await putProfile(olenaId, taras, { name: 'Olena Kovalenko', jobTitle: 'Fired' });
    assert.equal(other.statusCode, 403, 'an editor cannot change a colleague’s profile');
    const peek = await t.app.inject({ url: `/api/v1/users/${olenaId}/profile`, headers: taras });
    assert.equal(peek.statusCode, 403);
    const cat = await signIn('cat@example.org');
    assert.equal(
      (await putProfile(users['cat@example.org']!, cat, { name: 'Cat' })).statusCode,
      403,
      'contributors',
    );
    assert.equal((await putProfile(tarasId, {}, { name: 'Taras' })).statusCode, 401, 'anonymous');
    const noCsrf = await putProfile(tarasId, { cookie: taras.cookie }, { name: 'Taras Melnyk' });
    assert.equal(noCsrf.statusCode, 403, 'a cookie write without the CSRF token');
    assert.equal(
      (await putProfile(tarasId, t.auth(t.editorToken), { name: 'Taras' })).statusCode,
      403,
      'an editor token is nobody’s user',
    );

    for (const [payload, field, status] of [
      [{ name: 'T'.repeat(101) }, 'name', 400],
      [{ name: '   ' }, 'name', 400],
      [{ name: 'Тарас Мельник' }, 'name', 400],
      [{ name: 'Taras', bio: 'x'.repeat(1001) }, 'bio', 400],
      [{ name: 'Taras', jobTitle: 'x'.repeat(101) }, 'jobTitle', 400],
      [{ name: 'Taras', photoId: 'nosuchphoto0000' }, 'photoId', 400],
      [{ name: 'Taras', admin: true }, 'admin', 400],
      // A colleague's byline is not Taras's to take (test/security/author-page-takeover.test.ts).
      [{ name: 'Olena Kovalenko' }, 'name', 400],
    ] as const) {
      const res = await putProfile(tarasId, taras, payload);
      assert.equal(res.statusCode, status, `${field}: ${res.body}`);
      assert.equal((res.json() as { field?: string }).field, field, res.body);
    }
    assert.equal(await t.store.authors.getProfile(tarasId), null, 'nothing stored by refused writes');

    // Markup in the role and bio is text; bidi overrides and control characters go.
    const ok = await putProfile(tarasId, taras, {
      name: 'Taras \u202EMelnyk',
      jobTitle: '<script>alert(1)</script> Odesa correspondent',
      bio: '<img src=x onerror=alert(1)>\u0007 Covers the south.',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const page = (await t.app.inject({ url: '/authors/taras-melnyk' })).body;
    assert.match(page, /<h1>Taras Melnyk<\/h1>/);
    assert.match(page, /&lt;script>alert\(1\)&lt;\/script> Odesa correspondent/);
    assert.match(page, /&lt;img src=x onerror=alert\(1\)> Covers the south./);
    assert.doesNotMatch(page, /<script>alert|<img src=x/);
    assert.doesNotMatch(page.split('application/ld+json')[1] ?? '', /<\/script>alert|<script>alert/);

    // An admin may change anyone's; a photo id that is not a photo is refused at upload.
    const admin = await signIn('admin@example.org');
    const byAdmin = await putProfile(tarasId, admin, {
      name: 'Taras Melnyk',
      jobTitle: 'Odesa correspondent',
    });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    const text = await upload(taras, new Blob(['<svg onload=alert(1)>'], { type: 'image/jpeg' }), 'x.jpg');
    assert.ok([400, 415].includes(text.status), `not an image: ${text.status}`);
    assert.equal(((await text.json()) as { field?: string }).field, 'file');
    const audit = await t.store.audit.list({ limit: 10, action: 'profile.update' });
    assert.ok(
      audit.some((e) => e.target === tarasId && e.actor === 'Ada Admin'),
      'audited',
    );
  });
});
