import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface ContactJson {
  date: string;
  kind: string;
  channel: string | null;
  actors: { kind: string; slug: string; name: string; role: string | null }[];
  place: string | null;
  source: {
    type: string;
    updateId: string | null;
    storyId: string | null;
    statementId: string | null;
    url: string | null;
    claimStatus: string | null;
    desk: string | null;
    reportedAt: string;
  };
  template: { id: string; size: number };
  sentence: string;
}

describe('contacts export', () => {
  let t: TestApp;
  const stories: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    const desk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Syria Daily', timezone: 'Asia/Damascus' },
    });
    assert.equal(desk.statusCode, 201, desk.body);
    for (const status of ['live', 'draft']) {
      const story = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories',
        headers: t.auth(t.editorToken),
        payload: { desk: 'syria-daily', headline: `Diplomacy ${status}`, status },
      });
      assert.equal(story.statusCode, 201, story.body);
      stories[status] = story.json().id;
    }
  });
  after(() => t.close());

  const publish = async (body: string, story = stories.live, claimStatus = 'verified') => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body, claimStatus },
    });
    assert.equal(response.statusCode, 201, response.body);
    await t.enrichment.idle();
    return response.json() as { id: string; version: number; publishedAt: string };
  };
  const contactsOf = async (query = '') => {
    const response = await t.app.inject({ url: `/api/v1/contacts${query}` });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: ContactJson[]; nextCursor: string | null };
  };
  const ofUpdate = async (id: string) => (await contactsOf()).items.filter((c) => c.source.updateId === id);

  it('lists the phone call of a published update, with roles, its update and claim status', async () => {
    const update = await publish("Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.");
    const [contact, ...rest] = await ofUpdate(update.id);
    assert.deepEqual(rest, []);
    assert.equal(contact?.kind, 'call');
    assert.equal(contact?.channel, 'phone');
    assert.deepEqual(contact?.actors, [
      { kind: 'person', slug: 'vladimir-putin', name: 'Vladimir Putin', role: null },
      { kind: 'person', slug: 'hassan-rouhani', name: 'Hassan Rouhani', role: 'President of Iran' },
    ]);
    assert.deepEqual(contact?.source, {
      type: 'update',
      updateId: update.id,
      storyId: stories.live,
      statementId: null,
      url: null,
      claimStatus: 'verified',
      desk: 'syria-daily',
      reportedAt: update.publishedAt,
    });
    assert.match(contact?.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });

  it('replaces the contacts of an edited update and drops those of a deleted one', async () => {
    const update = await publish('Lavrov met Hakan Fidan in Ankara.');
    assert.deepEqual(
      (await ofUpdate(update.id)).map((c) => c.actors[1]?.name),
      ['Hakan Fidan'],
    );
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: update.version, body: 'Lavrov met Bashar al-Assad in Damascus.' },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    await t.enrichment.idle();
    assert.deepEqual(
      (await ofUpdate(update.id)).map((c) => [c.actors[1]?.name, c.place]),
      [['Bashar al-Assad', 'Damascus']],
    );
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/updates/${update.id}`,
      headers: t.auth(t.editorToken),
    });
    assert.ok(deleted.statusCode < 300, deleted.body);
    assert.deepEqual(await ofUpdate(update.id), []);
    const csv = await t.app.inject({ url: '/api/v1/contacts.csv' });
    assert.doesNotMatch(csv.body, new RegExp(update.id));
  });

  /** Adds a statement as an editor would, then waits for the worker to read its contacts. */
  const addStatement = async (payload: Record<string, unknown>) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/statements',
      headers: t.auth(t.editorToken),
      payload: { issuer: 'Presidency of Ruritania', publishedAt: '2026-11-20T10:00:00.000Z', ...payload },
    });
    assert.equal(response.statusCode, 201, response.body);
    // The statement was announced on the bus: idle() waits for the read it started.
    await t.enrichment.idle();
    return response.json() as { id: string };
  };
  const ofStatement = async (id: string) =>
    (await contactsOf()).items.filter((c) => c.source.statementId === id);

  it("lists a statement's contacts with the statement as source, on the actor's page too, until it is removed", async () => {
    const statement = await addStatement({
      title: 'Readout of a call',
      url: 'https://presidency.example/readouts/42',
      text: 'Putin spoke by phone with Turkish President Recep Tayyip Erdoğan on Friday about grain exports.',
    });
    const [contact, ...rest] = await ofStatement(statement.id);
    assert.deepEqual(rest, []);
    assert.equal(contact?.kind, 'call');
    assert.deepEqual(
      contact?.actors.map((a) => a.slug),
      ['vladimir-putin', 'recep-tayyip-erdogan'],
    );
    assert.deepEqual(contact?.source, {
      type: 'statement',
      updateId: null,
      storyId: null,
      statementId: statement.id,
      url: 'https://presidency.example/readouts/42',
      claimStatus: null,
      desk: null,
      reportedAt: '2026-11-20T10:00:00.000Z',
    });
    const csv = await t.app.inject({ url: '/api/v1/contacts.csv?actor=recep-tayyip-erdogan' });
    const [header, ...lines] = csv.body.trimEnd().split('\r\n');
    const columns = header!.split(',');
    const line = lines.find((l) => l.includes(statement.id))?.split(',');
    assert.equal(line?.[columns.indexOf('source_type')], 'statement');
    assert.equal(line?.[columns.indexOf('statement_id')], statement.id);
    assert.equal(line?.[columns.indexOf('update_id')], '');
    // The actor's page lists it, linked to the statement's page.
    const page = await t.app.inject({ url: '/people/vladimir-putin' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/statements/${statement.id}"`));
    assert.match(page.body, /official statement/);
    // A desk's contacts are its updates': a statement belongs to no desk.
    assert.deepEqual(
      (await contactsOf('?desk=syria-daily')).items.filter((c) => c.source.statementId === statement.id),
      [],
    );

    // Removed from the library by an editor.
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/statements/${statement.id}`,
      headers: t.auth(t.editorToken),
    });
    assert.equal(removed.statusCode, 204, removed.body);
    assert.deepEqual(await ofStatement(statement.id), []);
    assert.doesNotMatch(
      (await t.app.inject({ url: '/people/vladimir-putin' })).body,
      new RegExp(statement.id),
    );
  });

  it('counts readouts of one template across statements as one pattern', async () => {
    const first = await addStatement({
      text: 'President Ilham Aliyev held a telephone conversation with Vladimir Putin. The sides discussed regional security and agreed to stay in contact.',
    });
    const second = await addStatement({
      text: 'President Kassym-Jomart Tokayev held a telephone conversation with Vladimir Putin. The sides discussed regional security and agreed to stay in contact.',
    });
    const [a] = await ofStatement(first.id);
    const [b] = await ofStatement(second.id);
    assert.ok(a && b, 'both statements gave a contact');
    assert.equal(b.template.id, a.template.id);
    assert.equal(b.template.size, 2);
  });

  it('reads HTML in a statement as text and defuses formulas in its CSV cells', async () => {
    const statement = await addStatement({
      text: '=HYPERLINK("http://evil.example") <script>alert(1)</script> Putin met Recep Tayyip Erdoğan in Sochi.',
    });
    const [contact] = await ofStatement(statement.id);
    assert.ok(contact, 'the meeting is found');
    const page = await t.app.inject({ url: '/people/vladimir-putin' });
    assert.doesNotMatch(page.body, /<script>alert/);
    const csv = await t.app.inject({ url: '/api/v1/contacts.csv?actor=recep-tayyip-erdogan' });
    assert.doesNotMatch(csv.body, /(^|,)"?=HYPERLINK/m);
  });

  it('never shows the contacts of a draft story', async () => {
    const update = await publish('Trump called Putin on Tuesday.', stories.draft);
    assert.deepEqual(await ofUpdate(update.id), []);
    assert.doesNotMatch((await t.app.inject({ url: '/api/v1/contacts.csv' })).body, /Donald Trump/);
  });

  it('filters by actor, kind and period, and pages with a cursor', async () => {
    await publish('Emmanuel Macron wrote a letter to Vladimir Putin on 2 March 2026.');
    await publish('Hamas and Fatah signed a reconciliation agreement in Cairo on 10 March 2026.');
    const putin = await contactsOf('?actor=vladimir-putin');
    assert.ok(putin.items.length >= 2);
    assert.ok(putin.items.every((c) => c.actors.some((a) => a.slug === 'vladimir-putin')));
    assert.deepEqual(
      (await contactsOf('?kind=letter')).items.map((c) => c.actors.map((a) => a.name)),
      [['Emmanuel Macron', 'Vladimir Putin']],
    );
    assert.deepEqual(
      (await contactsOf('?from=2026-03-05&to=2026-03-31')).items.map((c) => c.kind),
      ['agreement'],
    );
    const first = await contactsOf('?limit=1');
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = await contactsOf(`?limit=1&cursor=${first.nextCursor}`);
    assert.equal(second.items.length, 1);
    assert.notDeepEqual(second.items[0], first.items[0]);
  });

  it('exports CSV with actor ids, roles and claim status, formulas defused', async () => {
    const update = await publish(
      '@SUM(1) Bashar al-Assad received Foreign Minister Sergei Lavrov in Damascus.',
      stories.live,
      'claimed',
    );
    const response = await t.app.inject({ url: '/api/v1/contacts.csv?actor=bashar-al-assad' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    const [header, ...lines] = response.body.trimEnd().split('\r\n');
    assert.match(
      header ?? '',
      /^date,date_source,kind,channel,actor1_kind,actor1_id,actor1_name,actor1_role,/,
    );
    const line = lines.find((l) => l.includes(update.id));
    assert.ok(line, response.body);
    assert.match(
      line,
      /,person,bashar-al-assad,Bashar al-Assad,,person,sergei-lavrov,Sergei Lavrov,Foreign Minister,Damascus,SY,/,
    );
    assert.match(line, /,claimed,syria-daily,/);
    // The sentence would run as a formula in a spreadsheet: it is quoted as text.
    assert.match(line, /,'@SUM\(1\) Bashar al-Assad received/);
    assert.doesNotMatch(response.body, /(?:^|,)[=@+-]/m);
  });

  it('answers bad filters with a problem naming the parameter', async () => {
    for (const [query, field] of [
      ['?kind=lunch', 'kind'],
      ['?from=2026-02-30', 'from'],
      ['?from=yesterday', 'from'],
      ['?from=2026-03-10&to=2026-03-01', 'to'],
      ['?actor=Robert%27);DROP', 'actor'],
      ['?limit=100000', 'limit'],
      ['?cursor=not-a-cursor', 'cursor'],
      ['?actr=vladimir-putin', 'actr'],
      ['?template=%27%3B--', 'template'],
    ]) {
      const response = await t.app.inject({ url: `/api/v1/contacts${query}` });
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.match(response.body, new RegExp(field!), query);
    }
    const csv = await t.app.inject({ url: '/api/v1/contacts.csv?cursor=abc' });
    assert.equal(csv.statusCode, 400);
    assert.match(csv.body, /cursor/);
    const desk = await t.app.inject({ url: '/api/v1/contacts?desk=nowhere' });
    assert.equal(desk.statusCode, 404);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    for (const path of ['/contacts', '/contacts.csv'])
      assert.deepEqual(doc.paths[path]?.get?.parameters?.map((p) => p.name).slice(0, 5), [
        'actor',
        'kind',
        'from',
        'to',
        'desk',
      ]);
  });
});
