/**
 * Editors confirm or reject a contact beside its update, like the other suggestions: a rejected
 * contact leaves the actor pages, the API and the CSV, a confirmed one is marked, and both verdicts
 * hold when the update is enriched again. Readouts written from one template form one group. Only
 * editors of the update's desk may decide; every decision is audited and reaches other editors on
 * the private bus.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Suggestions } from '../../src/enrich/suggestions.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';
const ROUHANI = "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.";
const ERDOGAN = "Putin spoke by phone with Turkey's President Recep Tayyip Erdoğan.";

interface ContactJson {
  actors: { slug: string; name: string; role: string | null }[];
  source: { updateId: string; storyId: string; claimStatus: string };
  origin: string;
  template: { id: string; size: number };
  sentence: string;
}

describe('editors review contacts; one readout template is one group', () => {
  let t: TestApp;
  let storyId: string;
  let otherDeskEditor: { cookie: string; 'x-csrf-token': string };

  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
    for (const name of ['Russia Daily', 'Sudan Daily']) {
      const desk = await t.app.inject({
        method: 'POST',
        url: '/api/v1/desks',
        headers: t.auth(t.adminToken),
        payload: { name, timezone: 'Europe/Moscow' },
      });
      assert.equal(desk.statusCode, 201, desk.body);
    }
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { desk: 'russia-daily', headline: 'Kremlin calls', status: 'live' },
    });
    assert.equal(story.statusCode, 201, story.body);
    storyId = story.json().id;
    await t.accounts.addUser({ email: 'sd@example.org', name: 'Sd', role: 'editor', password: PASSWORD });
    await t.accounts.setDesks('sd@example.org', ['sudan-daily']);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'sd@example.org', password: PASSWORD },
    });
    assert.equal(signIn.statusCode, 200, signIn.body);
    otherDeskEditor = {
      cookie: String(signIn.headers['set-cookie']).split(';')[0] ?? '',
      'x-csrf-token': signIn.json().csrfToken,
    };
  });
  after(() => t.close());

  const publish = async (body: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body, claimStatus: 'verified' },
    });
    assert.equal(response.statusCode, 201, response.body);
    await t.enrichment.idle();
    return response.json() as { id: string; version: number };
  };
  const contactsOf = async (updateId: string) => {
    const response = await t.app.inject({ url: '/api/v1/contacts?actor=vladimir-putin' });
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { items: ContactJson[] }).items.filter((c) => c.source.updateId === updateId);
  };
  const contactItem = async (updateId: string) => {
    const response = await t.app.inject({
      url: `/api/v1/updates/${updateId}/suggestions`,
      headers: t.auth(t.editorToken),
    });
    assert.equal(response.statusCode, 200, response.body);
    const items = (response.json() as Suggestions).items.filter((i) => i.field === 'contacts');
    assert.equal(items.length, 1, JSON.stringify(items));
    return items[0]!;
  };
  const act = (updateId: string, payload: object, headers: object = t.auth(t.editorToken)) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/updates/${updateId}/suggestions`,
      headers: headers as Record<string, string>,
      payload,
    });
  const putinPage = async () => {
    const page = await t.app.inject({ url: '/people/vladimir-putin' });
    assert.equal(page.statusCode, 200);
    return page.body;
  };

  let rouhani: { id: string; version: number };
  let erdogan: { id: string; version: number };

  it('groups the two calls written from one readout template, and not an unrelated meeting', async () => {
    rouhani = await publish(ROUHANI);
    erdogan = await publish(ERDOGAN);
    const other = await publish('Putin met Hakan Fidan in Moscow.');
    const [first] = await contactsOf(rouhani.id);
    const [second] = await contactsOf(erdogan.id);
    const [third] = await contactsOf(other.id);
    assert.equal(first?.origin, 'extracted');
    assert.equal(first?.template.size, 2);
    assert.equal(second?.template.id, first?.template.id);
    assert.equal(third?.template.size, 1);
    assert.notEqual(third?.template.id, first?.template.id);
    assert.equal(first?.source.storyId, storyId);

    const csv = (await t.app.inject({ url: '/api/v1/contacts.csv?actor=vladimir-putin' })).body;
    const [header, ...lines] = csv.trimEnd().split('\r\n');
    assert.match(
      header ?? '',
      /,origin,template_id,template_size,story_id,source_type,statement_id,statement_url$/,
    );
    const line = lines.find((l) => l.includes(erdogan.id));
    assert.ok(line?.endsWith(`,extracted,${first?.template.id},2,${storyId},update,,`), line);

    // The actor page notes the shared wording beside each call; the note opens the comparison.
    const page = await putinPage();
    assert.equal(page.match(/same readout wording as 1 other contact</g)?.length, 2);
    const href = /href="(\/contacts\/templates\/[^"]+)"/.exec(page)?.[1];
    assert.ok(href, 'a link to the template comparison');
    const compared = await t.app.inject({ url: href });
    assert.equal(compared.statusCode, 200);
    assert.match(compared.body, /2 contacts reported in the same wording/);
    assert.match(compared.body, /<mark class="contact-template-shared">.*Putin spoke by phone with/);
    assert.match(compared.body, new RegExp(`/updates/${rouhani.id}"`));
    assert.match(compared.body, new RegExp(`/updates/${erdogan.id}"`));
    // The template of a lone contact, or no template at all, compares nothing.
    assert.equal((await t.app.inject({ url: `/contacts/templates/${third?.template.id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/contacts/templates/%3Cscript%3E' })).statusCode, 404);
  });

  it('refuses the decision to anonymous callers, contributors, other desks’ editors and forged cookie posts', async () => {
    const item = (await contactItem(rouhani.id)).item;
    const payload = { action: 'reject', item };
    const anonymous = await act(rouhani.id, payload, {});
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), /problem\+json/);
    assert.equal((await act(rouhani.id, payload, t.auth(t.contributorToken))).statusCode, 403);
    const otherDesk = await act(rouhani.id, payload, otherDeskEditor);
    assert.equal(otherDesk.statusCode, 403, otherDesk.body);
    const forged = await act(rouhani.id, payload, { cookie: otherDeskEditor.cookie });
    assert.equal(forged.statusCode, 403);
    assert.equal(
      (await t.app.inject({ url: `/api/v1/updates/${rouhani.id}/suggestions`, headers: otherDeskEditor }))
        .statusCode,
      403,
    );
    const unknown = await act(rouhani.id, { action: 'reject', item: `${item} ' or 1=1 --` });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().field, 'item');
    // Nothing changed.
    assert.equal((await contactsOf(rouhani.id)).length, 1);
  });

  it('marks a confirmed contact, audits it, tells other editors, and keeps it through an edit', async () => {
    const heard: Parameters<Parameters<TestApp['bus']['subscribePrivate']>[0]>[0][] = [];
    const stop = t.bus.subscribePrivate((event) => heard.push(event));
    const item = await contactItem(erdogan.id);
    assert.equal(item.label, 'Vladimir Putin ↔ Recep Tayyip Erdogan');
    const response = await act(erdogan.id, { action: 'confirm', item: item.item });
    assert.equal(response.statusCode, 200, response.body);
    const after = (response.json() as Suggestions).items.find((i) => i.item === item.item);
    assert.equal(after?.verdict, 'confirmed');
    assert.equal((await contactsOf(erdogan.id))[0]?.origin, 'confirmed');
    stop();
    assert.ok(heard.some((e) => e.kind === 'enriched' && e.updateId === erdogan.id));

    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/updates/${erdogan.id}`,
      headers: t.auth(t.editorToken),
      payload: { version: erdogan.version, body: `${ERDOGAN} The call lasted an hour.` },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    await t.enrichment.idle();
    assert.equal((await contactsOf(erdogan.id))[0]?.origin, 'confirmed');
    assert.match(
      (await t.app.inject({ url: '/api/v1/contacts.csv?actor=recep-tayyip-erdogan' })).body,
      /,confirmed,/,
    );

    const audit = await t.app.inject({ url: '/api/v1/audit', headers: t.auth(t.adminToken) });
    const entries = (
      audit.json() as { items: { action: string; target: string; detail: { item?: string } }[] }
    ).items;
    assert.ok(
      entries.some(
        (e) => e.action === 'enrichment.confirm' && e.target === erdogan.id && e.detail.item === item.item,
      ),
    );
  });

  it('takes a rejected contact off the actor page, the API and the CSV, for good', async () => {
    const item = await contactItem(rouhani.id);
    const response = await act(rouhani.id, { action: 'reject', item: item.item });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(await contactsOf(rouhani.id), []);
    assert.doesNotMatch((await t.app.inject({ url: '/api/v1/contacts.csv' })).body, /Hassan Rouhani/);
    // The update still names Putin in the timeline below; "Talked to" no longer lists the call.
    const page = /<section class="talked-to"[\s\S]*?<\/section>/.exec(await putinPage())?.[0] ?? '';
    assert.doesNotMatch(page, /Hassan Rouhani/);
    assert.match(page, /Recep Tayyip Erdogan/);
    // Its fellow now stands alone: no note, and the comparison is gone.
    assert.doesNotMatch(page, /same readout wording/);
    assert.equal((await contactsOf(erdogan.id))[0]?.template.size, 1);

    // Enriched again (any correction does it): still rejected.
    await t.enrichment.refresh((await t.store.updates.getById(rouhani.id))!);
    assert.deepEqual(await contactsOf(rouhani.id), []);
    const audit = await t.app.inject({ url: '/api/v1/audit', headers: t.auth(t.adminToken) });
    assert.ok(
      (audit.json() as { items: { action: string; target: string }[] }).items.some(
        (e) => e.action === 'enrichment.reject' && e.target === rouhani.id,
      ),
    );
  });
});
