/** An editor limited to some desks sees and changes nothing of other desks' unpublished work. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';

describe('desk limits', () => {
  let t: TestApp;
  // Signed in as an editor of Syria Daily only.
  let syriaEditor: { cookie: string; 'x-csrf-token': string };

  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: object,
    payload?: object,
  ) => t.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload && { payload }) });

  const liveStory = async (desk: string) => {
    const res = await inject('PUT', `/api/v1/desks/${desk}/days/2026-05-27`, t.auth(t.editorToken));
    const story = res.json() as { id: string; status: string };
    if (story.status !== 'live')
      await inject('PATCH' as 'PUT', `/api/v1/stories/${story.id}`, t.auth(t.editorToken), {
        version: 1,
        status: 'live',
      });
    return story.id;
  };

  before(async () => {
    t = await createTestApp();
    for (const name of ['Syria Daily', 'Iran Daily'])
      assert.equal((await inject('POST', '/api/v1/desks', t.auth(t.adminToken), { name })).statusCode, 201);
    await t.accounts.addUser({ email: 'sy@example.org', name: 'Sy', role: 'editor', password: PASSWORD });
    await t.accounts.setDesks('sy@example.org', ['syria-daily']);
    const signIn = await inject(
      'POST',
      '/api/v1/session',
      {},
      { email: 'sy@example.org', password: PASSWORD },
    );
    assert.equal(signIn.statusCode, 200, signIn.body);
    syriaEditor = {
      cookie: String(signIn.headers['set-cookie']).split(';')[0] ?? '',
      'x-csrf-token': signIn.json().csrfToken,
    };
  });
  after(() => t.close());

  it("does not show another desk's pending submission, but shows its own desk's", async () => {
    const submit = async (storyId: string) =>
      (
        await inject('POST', `/api/v1/stories/${storyId}/updates`, t.auth(t.contributorToken), {
          body: 'Smoke seen over the port.',
        })
      ).json().id as string;
    const iran = await submit(await liveStory('iran-daily'));
    const syria = await submit(await liveStory('syria-daily'));
    const other = await inject('GET', `/api/v1/updates/${iran}`, syriaEditor);
    assert.equal(other.statusCode, 404, other.body);
    assert.match(String(other.headers['content-type']), /problem\+json/);
    assert.equal((await inject('GET', `/api/v1/updates/${iran}`, t.auth(t.editorToken))).statusCode, 200);
    assert.equal((await inject('GET', `/api/v1/updates/${syria}`, syriaEditor)).statusCode, 200);
  });

  it("does not show another desk's draft page, its updates or its enrichment, nor list it", async () => {
    const draft = async (desk: string) => {
      const res = await inject('POST', '/api/v1/stories', t.auth(t.editorToken), {
        desk,
        headline: `Draft for ${desk}`,
        status: 'draft',
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const iran = await draft('iran-daily');
    const syria = await draft('syria-daily');
    const update = await inject('POST', `/api/v1/stories/${iran}/updates`, t.auth(t.editorToken), {
      body: 'Talks in Muscat were postponed.',
    });
    assert.equal(update.statusCode, 201, update.body);
    for (const url of [
      `/api/v1/stories/${iran}`,
      `/api/v1/stories/${iran}/updates`,
      `/api/v1/updates/${update.json().id}`,
    ]) {
      const res = await inject('GET', url, syriaEditor);
      assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
      assert.equal((await inject('GET', url, t.auth(t.editorToken))).statusCode, 200, url);
    }
    await t.enrichment.idle();
    const enrichment = `/api/v1/updates/${update.json().id}/enrichment`;
    assert.equal((await inject('GET', enrichment, syriaEditor)).statusCode, 404);
    assert.equal((await inject('GET', enrichment, t.auth(t.editorToken))).statusCode, 200);
    const listed = (await inject('GET', '/api/v1/desks/iran-daily/stories', syriaEditor)).json().items;
    assert.ok(!listed.some((s: { id: string }) => s.id === iran), JSON.stringify(listed));
    const all = (await inject('GET', '/api/v1/desks/iran-daily/stories', t.auth(t.editorToken))).json().items;
    assert.ok(all.some((s: { id: string }) => s.id === iran));
    assert.equal((await inject('GET', `/api/v1/stories/${syria}`, syriaEditor)).statusCode, 200);
  });

  it("does not let them delete a correction made on another desk's update", async () => {
    const correctionOn = async (desk: string, place: string) => {
      const update = await inject(
        'POST',
        `/api/v1/stories/${await liveStory(desk)}/updates`,
        t.auth(t.editorToken),
        {
          body: `Fighting near ${place} on Sunday, residents said.`,
        },
      );
      await t.enrichment.idle();
      const url = `/api/v1/updates/${update.json().id}/suggestions`;
      const items = (await inject('GET', url, t.auth(t.editorToken))).json().items as {
        item: string;
        field: string;
      }[];
      const item = items.find((i) => i.field === 'places');
      assert.ok(item, JSON.stringify(items));
      const act = await inject('POST', url, t.auth(t.editorToken), { action: 'reject', item: item.item });
      assert.equal(act.statusCode, 200, act.body);
      const list = await inject('GET', '/api/v1/enrichment/corrections', t.auth(t.editorToken));
      const found = (list.json().items as { id: string; surface: string }[]).find((c) => c.surface === place);
      assert.ok(found, list.body);
      return found.id;
    };
    const iran = await correctionOn('iran-daily', 'Isfahan');
    const refused = await inject('DELETE', `/api/v1/enrichment/corrections/${iran}`, syriaEditor);
    assert.equal(refused.statusCode, 403, refused.body);
    const list = await inject('GET', '/api/v1/enrichment/corrections', t.auth(t.editorToken));
    assert.ok(
      list.json().items.some((c: { id: string }) => c.id === iran),
      'the correction is still there',
    );
    const syria = await correctionOn('syria-daily', 'Aleppo');
    assert.equal(
      (await inject('DELETE', `/api/v1/enrichment/corrections/${syria}`, syriaEditor)).statusCode,
      204,
    );
  });
});
