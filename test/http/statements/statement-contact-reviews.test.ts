/**
 * Editors confirm or reject the contacts found in an official statement on its newsroom page (plain
 * form posts with the session cookie and CSRF token): a rejected contact leaves the API, the CSV and
 * the actor's page; every verdict is audited; a verdict made on a stale page never overwrites a
 * colleague's. The attacker's pass: anonymous, contributor, no CSRF token, unknown statement or
 * contact, bad verdicts, oversized bodies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

const PASSWORD = 'correct horse battery staple';

describe('reviewing the contacts of a statement', () => {
  let t: TestApp;
  let statementId: string;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    for (const [role, name] of [
      ['contributor', 'Cora Contributor'],
      ['editor', 'Rima Editor'],
      ['colleague', 'Lev Colleague'],
    ] as const) {
      const email = `${role}@example.org`;
      await t.accounts.addUser({
        email,
        name,
        role: role === 'colleague' ? 'editor' : role,
        password: PASSWORD,
      });
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: PASSWORD },
      });
      assert.equal(response.statusCode, 200, response.body);
      sessions[role] = {
        cookie: String(response.headers['set-cookie']).split(';')[0]!,
        csrf: response.json().csrfToken,
      };
    }
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statements',
      headers: t.auth(t.editorToken),
      payload: {
        issuer: 'Presidency of Ruritania',
        publishedAt: '2026-11-20T10:00:00.000Z',
        text: 'Putin met Nikol Pashinyan in Minsk on Thursday. Putin spoke by phone with Turkish President Recep Tayyip Erdoğan on Friday.',
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    statementId = (added.json() as { id: string }).id;
    await t.enrichment.idle();
  });
  after(() => t.close());

  const get = (url: string, role: string) =>
    t.app.inject({ url, headers: { cookie: sessions[role]!.cookie } });
  const decide = (role: string, ordinal: number | string, fields: Record<string, string>, id = statementId) =>
    t.app.inject({
      method: 'POST',
      url: `/newsroom/statements/${id}/contacts/${ordinal}`,
      headers: { cookie: sessions[role]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: sessions[role]!.csrf, ...fields }).toString(),
    });
  const listed = async (actor: string) =>
    (
      (await t.app.inject({ url: `/api/v1/contacts?actor=${actor}` })).json() as {
        items: { source: { statementId: string | null } }[];
      }
    ).items.filter((c) => c.source.statementId === statementId);

  it("shows the statement's contacts with confirm and reject to editors", async () => {
    const page = await get(`/newsroom/statements/${statementId}`, 'editor');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Contacts found in it/);
    assert.match(page.body, /id="contact-1" data-verdict="undecided"/);
    // Each contact's day written out, as every other date in the newsroom.
    assert.match(page.body, /<time datetime="2026-11-\d{2}">\d{1,2} November 2026<\/time>/i);
    assert.match(page.body, /Nikol Pashinyan/);
    assert.match(page.body, /Recep Tayyip Erdoğan/);
    assert.match(page.body, new RegExp(`action="/newsroom/statements/${statementId}/contacts/1"`));
  });

  it("rejects a contact: it leaves the API, the CSV and the actor's page (a 404 when it was its only one), audited", async () => {
    assert.equal((await listed('nikol-pashinyan')).length, 1);
    assert.equal((await t.app.inject({ url: '/people/nikol-pashinyan' })).statusCode, 200);
    const page = (await get(`/newsroom/statements/${statementId}`, 'editor')).body;
    const ordinal = /id="contact-(\d+)"(?:(?!id="contact-)[^])*Nikol Pashinyan/.exec(page)?.[1];
    assert.ok(ordinal);
    const rejected = await decide('editor', ordinal, { verdict: 'rejected', seen: 'undecided' });
    assert.equal(rejected.statusCode, 303, rejected.body);
    assert.equal(rejected.headers.location, `/newsroom/statements/${statementId}#contact-${ordinal}`);
    assert.deepEqual(await listed('nikol-pashinyan'), []);
    assert.doesNotMatch(
      (await t.app.inject({ url: '/api/v1/contacts.csv?actor=vladimir-putin' })).body,
      /nikol-pashinyan/,
    );
    assert.equal((await t.app.inject({ url: '/people/nikol-pashinyan' })).statusCode, 404);
    assert.doesNotMatch((await t.app.inject({ url: '/people/vladimir-putin' })).body, /Nikol Pashinyan/);
    // The other contact of the statement stays.
    assert.equal((await listed('recep-tayyip-erdogan')).length, 1);
    const shown = await get(`/newsroom/statements/${statementId}`, 'editor');
    assert.match(shown.body, new RegExp(`id="contact-${ordinal}" data-verdict="rejected"`));
    assert.match(shown.body, /Rejected by Rima Editor/);
    const audit = await t.store.audit.list({ limit: 5 });
    assert.ok(
      audit.some((e) => e.action === 'statement.contact.rejected' && e.target === statementId),
      JSON.stringify(audit),
    );

    // Taken back, it is listed again.
    const undone = await decide('editor', ordinal, { verdict: 'undecided', seen: 'rejected' });
    assert.equal(undone.statusCode, 303, undone.body);
    assert.equal((await listed('nikol-pashinyan')).length, 1);
  });

  it("never overwrites a colleague's verdict made since the page was shown", async () => {
    const page = (await get(`/newsroom/statements/${statementId}`, 'editor')).body;
    const ordinal = /id="contact-(\d+)"(?:(?!id="contact-)[^])*Recep Tayyip/.exec(page)?.[1];
    assert.ok(ordinal);
    // Both saw it undecided; the colleague rejects first, then the editor confirms.
    assert.equal(
      (await decide('colleague', ordinal, { verdict: 'rejected', seen: 'undecided' })).statusCode,
      303,
    );
    const late = await decide('editor', ordinal, { verdict: 'confirmed', seen: 'undecided' });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /Lev Colleague rejected this contact meanwhile; your choice was not saved/);
    assert.match(late.body, new RegExp(`id="contact-${ordinal}" data-verdict="rejected"`));
    assert.deepEqual(await listed('recep-tayyip-erdogan'), []);
    // Seeing the rejection, the editor may confirm it deliberately.
    const deliberate = await decide('editor', ordinal, { verdict: 'confirmed', seen: 'rejected' });
    assert.equal(deliberate.statusCode, 303);
    const [contact] = (
      (await t.app.inject({ url: '/api/v1/contacts?actor=recep-tayyip-erdogan' })).json() as {
        items: { source: { statementId: string | null }; origin?: string }[];
      }
    ).items.filter((c) => c.source.statementId === statementId);
    assert.equal(contact?.origin, 'confirmed', 'listed again, marked confirmed');
  });

  it('refuses anonymous callers, contributors, a missing CSRF token, unknown ids and bad verdicts', async () => {
    const url = `/newsroom/statements/${statementId}/contacts/1`;
    const anonymous = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'verdict=rejected&seen=undecided',
    });
    assert.equal(anonymous.headers.location, '/newsroom/login');
    assert.equal((await get(`/newsroom/statements/${statementId}`, 'contributor')).statusCode, 403);
    assert.equal(
      (await decide('contributor', 1, { verdict: 'rejected', seen: 'undecided' })).statusCode,
      403,
    );
    const noCsrf = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: sessions.editor!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'verdict=rejected&seen=undecided',
    });
    assert.equal(noCsrf.statusCode, 403);
    for (const [ordinal, id, status] of [
      [99, statementId, 404],
      ['0', statementId, 404],
      ['1;drop', statementId, 404],
      [1, '01nosuchstatement000000000', 404],
      [1, '../../admin', 404],
    ] as const) {
      const response = await decide('editor', ordinal, { verdict: 'rejected', seen: 'undecided' }, id);
      assert.equal(response.statusCode, status, `${ordinal} ${id}: ${response.body}`);
    }
    for (const fields of <Record<string, string>[]>[
      { verdict: '<script>alert(1)</script>', seen: 'undecided' },
      { verdict: 'rejected' },
      { verdict: 'rejected', seen: '=cmd()' },
    ]) {
      const response = await decide('editor', 1, fields);
      assert.equal(response.statusCode, 400, JSON.stringify(fields));
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.doesNotMatch(response.body, /<script>/);
    }
    const huge = await decide('editor', 1, {
      verdict: 'rejected',
      seen: 'undecided',
      pad: 'x'.repeat(2_000_000),
    });
    assert.ok(huge.statusCode === 413 || huge.statusCode === 400, String(huge.statusCode));
    // Nothing the attacks sent was stored.
    const page = await get(`/newsroom/statements/${statementId}`, 'editor');
    assert.doesNotMatch(page.body, /data-verdict="rejected"[^]*Rejected by Cora/);
  });

  it('removes the statement from its newsroom page (editors, with the CSRF token, once ticked), its contacts with it', async () => {
    const url = `/newsroom/statements/${statementId}/remove`;
    const post = (role: string, csrf = true, confirm = true) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: sessions[role]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: csrf
          ? new URLSearchParams({
              _csrf: sessions[role]!.csrf,
              ...(confirm && { confirm: 'yes' }),
            }).toString()
          : '',
      });
    const anonymous = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    assert.equal(anonymous.headers.location, '/newsroom/login');
    assert.equal((await post('contributor')).statusCode, 403);
    assert.equal((await post('editor', false)).statusCode, 403);
    const unticked = await post('editor', true, false);
    assert.equal(unticked.statusCode, 400);
    assert.match(
      unticked.body,
      /Nothing removed: tick &quot;Remove it for good&quot; first|Nothing removed: tick "Remove it for good" first/,
    );
    assert.equal((await t.app.inject({ url: `/api/v1/statements/${statementId}` })).statusCode, 200);
    const removed = await post('editor');
    assert.equal(removed.statusCode, 303, removed.body);
    assert.equal(removed.headers.location, '/newsroom/statements');
    assert.equal((await t.app.inject({ url: `/api/v1/statements/${statementId}` })).statusCode, 404);
    assert.deepEqual(await listed('recep-tayyip-erdogan'), []);
    assert.equal((await get(`/newsroom/statements/${statementId}`, 'editor')).statusCode, 404);
    const audit = await t.store.audit.list({ limit: 3 });
    assert.ok(audit.some((e) => e.action === 'statement.delete' && e.actor === 'Rima Editor'));
  });
});

describe('removing a statement', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
  });
  after(() => t.close());

  const add = async (text: string, publishedAt: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statements',
      headers: t.auth(t.editorToken),
      payload: { issuer: 'Presidency of Ruritania', publishedAt, text },
    });
    assert.equal(response.statusCode, 201, response.body);
    await t.enrichment.idle();
    return (response.json() as { id: string }).id;
  };
  const remove = (id: string, headers: Record<string, string> = t.auth(t.editorToken)) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/statements/${id}`, headers });
  const isProblem = (response: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
    assert.equal(response.statusCode, status);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  };

  it('takes a statement, its contacts and its place in the similarity index away, audited', async () => {
    const readout =
      'Putin met Nikol Pashinyan in Minsk on Thursday and discussed transit routes across the region.';
    const first = await add(readout, '2026-11-19T10:00:00.000Z');
    const later = await add(readout.replace('Thursday', 'Friday'), '2026-11-20T10:00:00.000Z');
    const similar = async () =>
      (
        (await t.app.inject({ url: `/api/v1/statements/${later}/similar` })).json() as {
          items: { statement: { id: string } }[];
        }
      ).items.map((hit) => hit.statement.id);
    assert.deepEqual(await similar(), [first]);
    assert.equal((await t.app.inject({ url: '/people/nikol-pashinyan' })).statusCode, 200);

    const response = await remove(first);
    assert.equal(response.statusCode, 204, response.body);
    assert.equal((await t.app.inject({ url: `/api/v1/statements/${first}` })).statusCode, 404);
    assert.deepEqual(await similar(), []);
    const contacts = (await t.app.inject({ url: '/api/v1/contacts?actor=nikol-pashinyan' })).json() as {
      items: { source: { statementId: string | null } }[];
    };
    assert.deepEqual(
      contacts.items.map((c) => c.source.statementId),
      [later],
    );
    const [header, ...lines] = (await t.app.inject({ url: '/api/v1/contacts.csv' })).body
      .trimEnd()
      .split('\r\n');
    const column = header!.split(',').indexOf('statement_id');
    // (The later readout's template id may still be named after the first: it is only a group's name.)
    assert.deepEqual(
      lines.map((line) => line.split(',')[column]),
      [later],
    );
    const audit = await t.store.audit.list({ limit: 5 });
    assert.ok(audit.some((e) => e.action === 'statement.delete' && e.target === first));
    // Its twin, removed too: nothing public names Pashinyan any more.
    assert.equal((await remove(later)).statusCode, 204);
    assert.equal((await t.app.inject({ url: '/people/nikol-pashinyan' })).statusCode, 404);
    isProblem(await remove(later), 404);
  });

  it('refuses anonymous callers, contributors, unknown and oversized ids, and a statement updates cite', async () => {
    const id = await add('Putin met Ilham Aliyev in Baku on Friday.', '2026-11-21T10:00:00.000Z');
    isProblem(await remove(id, {}), 401);
    isProblem(await remove(id, t.auth(t.contributorToken)), 403);
    isProblem(await remove('01nosuchstatement000000000'), 404);
    isProblem(await remove('x'.repeat(65)), 400);
    isProblem(await remove('%3Cscript%3E'), 404);

    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { headline: 'Caucasus diplomacy', status: 'live' },
    });
    assert.equal(story.statusCode, 201, story.body);
    const update = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.json().id}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: 'The presidency published a readout of the meeting.', statementIds: [id] },
    });
    assert.equal(update.statusCode, 201, update.body);
    const cited = await remove(id);
    isProblem(cited, 409);
    assert.match(cited.body, new RegExp(update.json().id));
    // Nothing was removed.
    assert.equal((await t.app.inject({ url: `/api/v1/statements/${id}` })).statusCode, 200);
  });
});
