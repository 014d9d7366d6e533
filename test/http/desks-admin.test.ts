/**
 * Desks managed by admins: rename, time zone, description, archive and restore, over the API and the
 * newsroom's plain forms; archived desks (and the sample desk, once a real one exists) leave reader
 * listings while their pages stay readable.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_DESK_SLUG, seedSampleContent } from '../../src/sample/sample-content.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';

describe('desks in the newsroom', () => {
  let t: TestApp;
  let adminCookie = '';

  const patch = (slug: string, token: string | null, body: unknown) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/desks/${slug}`,
      headers: { ...(token === null ? {} : t.auth(token)), 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  before(async () => {
    t = await createTestApp();
    await seedSampleContent({ store: t.store, liveBlog: t.liveBlog });
  });
  after(() => t.close());

  it('keeps the sample desk on the site only until the first real desk exists', async () => {
    assert.equal((await t.store.desks.getBySlug(SAMPLE_DESK_SLUG))?.archivedAt, null);

    const desk = await t.liveBlog.createDesk({ name: 'Ukraine Live', timezone: 'Europe/Kyiv' });
    const story = await t.liveBlog.createStory({
      desk: desk.slug,
      slug: 'odesa',
      headline: 'Strikes on Odesa',
    });
    await t.liveBlog.publishUpdate(story.id, { body: 'Air defence active over Odesa overnight.' }, 'Desk');

    const page = await t.app.inject({ url: `/${desk.slug}/odesa` });
    const rail = page.body.slice(page.body.indexOf('id="latest-title"'));
    assert.doesNotMatch(rail, /Kestria|Seldra|Sample/, 'the LATEST rail shows no sample update');
    const front = await t.app.inject({ url: '/' });
    assert.doesNotMatch(front.body, /Kestria|Seldra/);
    assert.match(front.body, /Strikes on Odesa/);

    // Related coverage and search, across desks, no longer suggest the fictional desk.
    const related = await t.app.inject({
      method: 'POST',
      url: '/api/v1/related',
      headers: { ...t.auth(t.editorToken), 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'Monitors reach the Seldra bridge as the ceasefire holds' }),
    });
    assert.equal(related.statusCode, 200, related.body);
    assert.doesNotMatch(related.body, /sample-desk/);
    const search = await t.app.inject({ url: '/search?q=Seldra' });
    assert.doesNotMatch(search.body, /sample-desk-kestria-daily\//);

    // Its pages stay readable, and an admin may bring it back.
    const sampleDesk = await t.app.inject({ url: `/${SAMPLE_DESK_SLUG}` });
    assert.equal(sampleDesk.statusCode, 200);
    const restored = await patch(SAMPLE_DESK_SLUG, t.adminToken, { archived: false });
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal(restored.json().archivedAt, null);
  });

  it('lets an admin rename a desk, set its time zone and description, and archive it', async () => {
    await t.liveBlog.createDesk({ name: 'Iran Daily', timezone: 'Asia/Tehran' });
    const res = await patch('iran-daily', t.adminToken, {
      name: 'Iran Live',
      timezone: 'Europe/London',
      description: 'Diplomacy and the nuclear file',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      (({ slug, name, timezone, description }) => ({ slug, name, timezone, description }))(res.json()),
      {
        slug: 'iran-daily',
        name: 'Iran Live',
        timezone: 'Europe/London',
        description: 'Diplomacy and the nuclear file',
      },
    );

    const archived = await patch('iran-daily', t.adminToken, { archived: true });
    assert.match(String(archived.json().archivedAt), /^\d{4}-\d\d-\d\dT/);
    const listed = (await t.app.inject({ url: '/api/v1/desks' })).json().items as { slug: string }[];
    assert.ok(!listed.some((d) => d.slug === 'iran-daily'), 'archived desks leave the public list');
    assert.equal((await t.app.inject({ url: '/iran-daily' })).statusCode, 200, 'its page stays readable');
    assert.equal((await t.app.inject({ url: '/api/v1/desks/iran-daily' })).statusCode, 200);

    const audit = await t.store.audit.list({ limit: 10, action: 'desk.' });
    assert.deepEqual(
      audit.map((e) => [e.action, e.target]),
      [
        ['desk.archive', 'iran-daily'],
        ['desk.update', 'iran-daily'],
        ['desk.restore', SAMPLE_DESK_SLUG],
        ['desk.create', SAMPLE_DESK_SLUG],
      ],
    );
  });

  it('refuses anyone but an admin, and says what is wrong with bad input', async () => {
    await t.liveBlog.createDesk({ name: 'Syria Daily', timezone: 'Asia/Damascus' });
    for (const [token, status] of [
      [null, 401],
      [t.contributorToken, 403],
      [t.editorToken, 403],
    ] as const) {
      const res = await patch('syria-daily', token, { name: 'Taken over' });
      assert.equal(res.statusCode, status);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
    const cases: [unknown, string, RegExp][] = [
      [{ timezone: 'Mars/Olympus' }, 'timezone', /not an IANA time zone/],
      [{ name: 'x'.repeat(10_000) }, 'name', /at most 100 characters/],
      [{ name: '   ' }, 'name', /must not be empty/],
      [{ description: 'y'.repeat(5_000) }, 'description', /at most 1000/],
      [{ slug: 'new-slug' }, 'slug', /not a known field/],
      [{ archived: 'yes' }, 'archived', /boolean/],
    ];
    for (const [body, field, detail] of cases) {
      const res = await patch('syria-daily', t.adminToken, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body).slice(0, 60));
      assert.equal(res.json().field, field);
      assert.match(res.json().detail, detail);
    }
    assert.equal((await patch('no-such-desk', t.adminToken, { name: 'X' })).statusCode, 404);
    const desk = await t.store.desks.getBySlug('syria-daily');
    assert.equal(desk?.name, 'Syria Daily', 'nothing stored changed');
    assert.equal(desk?.timezone, 'Asia/Damascus');

    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: { ...t.auth(t.adminToken), 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Syria Daily' }),
    });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.json().detail, /slug "syria-daily" already exists/);
  });

  it('shows the desks page to admins only, and its forms check the role and the CSRF token', async () => {
    const session = async (role: 'editor' | 'admin') => {
      const email = `${role}@example.org`;
      await t.accounts.addUser({ email, name: `A ${role}`, role, password: PASSWORD });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: PASSWORD },
      });
      const cookie = `dateline_session=${res.cookies.find((c) => c.name === 'dateline_session')?.value}`;
      return { cookie, csrf: String(res.json().csrfToken) };
    };
    const editor = await session('editor');
    const admin = await session('admin');
    const form = (who: { cookie: string }, url: string, body: string) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });

    const asEditor = await t.app.inject({ url: '/newsroom/admin/desks', headers: { cookie: editor.cookie } });
    assert.equal(asEditor.statusCode, 403);
    assert.doesNotMatch(asEditor.body, /Create desk/);
    assert.equal((await t.app.inject({ url: '/newsroom/admin/desks' })).statusCode, 303, 'to sign in');
    const archive = '/newsroom/admin/desks/syria-daily/archive';
    assert.equal((await form(editor, archive, `_csrf=${editor.csrf}&archived=true`)).statusCode, 403);
    assert.equal((await form(admin, archive, 'archived=true')).statusCode, 403, 'no CSRF token');
    assert.equal((await t.store.desks.getBySlug('syria-daily'))?.archivedAt, null);

    const bad = await form(
      admin,
      '/newsroom/admin/desks',
      `_csrf=${admin.csrf}&name=Gaza+Live&timezone=Gaza`,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /role="alert"[^>]*>&quot;Gaza&quot; is not an IANA time zone/);
    assert.match(bad.body, /value="Gaza Live"/, 'what was typed is kept');
    const made = await form(
      admin,
      '/newsroom/admin/desks',
      `_csrf=${admin.csrf}&name=Gaza+Live&timezone=Asia%2FGaza&slug=gaza`,
    );
    assert.equal(made.statusCode, 303);
    assert.equal((await t.store.desks.getBySlug('gaza'))?.timezone, 'Asia/Gaza');

    const page = await t.app.inject({ url: '/newsroom/admin/desks', headers: { cookie: admin.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="desk-iran-daily">Iran Live<span class="nr-badge"> Archived/);
    assert.match(page.body, /<h2 id="desk-gaza">Gaza Live<\/h2>/);
    adminCookie = admin.cookie;
  });

  it('shows in the audit log what an entry is about: headline, desk and link, and changes in words', async () => {
    const story = await t.liveBlog.createStory({ desk: 'gaza', slug: 'crossings', headline: 'Crossings' });
    const json = { ...t.auth(t.adminToken), 'content-type': 'application/json' };
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.id}/updates`,
      headers: json,
      payload: JSON.stringify({ body: 'Aid trucks wait at the Rafah crossing since dawn, drivers say.' }),
    });
    assert.equal(published.statusCode, 201, published.body);
    const update = published.json();
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: json,
      payload: JSON.stringify({
        version: update.version,
        claimStatus: 'verified',
        claimNote: 'Seen by our stringer',
      }),
    });
    assert.equal(edited.statusCode, 200, edited.body);

    const page = await t.app.inject({ url: '/newsroom/admin/audit', headers: { cookie: adminCookie } });
    assert.equal(page.statusCode, 200);
    const claimRow = page.body.slice(page.body.indexOf('<code>update.claim</code>'));
    assert.match(
      claimRow,
      new RegExp(
        `^[^]*?<a href="/gaza/crossings/updates/${update.id}">Aid trucks wait at the Rafah crossing since dawn, drivers say.</a><br/><small>Gaza Live</small>`,
      ),
    );
    assert.match(claimRow, /unverified → verified/);
    // Its time is in the desk's zone, named (Gaza is on Eastern European Time), the instant in ISO.
    assert.match(page.body, /<time datetime="[^"]+Z">\d{1,2} \w+ \d{4} at \d\d:\d\d EES?T<\/time>/);
    assert.match(claimRow, /note: Seen by our stringer/);
    assert.doesNotMatch(page.body, /\{&quot;|\{"from"/, 'no raw JSON');
    assert.match(page.body, /<code>desk.archive<\/code><\/td><td><a href="\/iran-daily">Iran Live<\/a>/);
  });
});
