/** Contributors correct their own pending submissions (not others', not after approval) and see why one was rejected. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken } from '../../src/accounts/token-service.ts';
import { ENGINES } from '../support/engines.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

for (const engine of ENGINES) {
  describe(`editing and reviewing submissions (${engine.name})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let storyId: string;
    let otherContributor: string;

    before(async () => {
      t = await createTestApp({ env: await engine.env() });
      const story = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories',
        headers: t.auth(t.editorToken),
        payload: { headline: 'Front line' },
      });
      storyId = story.json().id;
      otherContributor = (await createApiToken(t.store, { name: 'Other stringer', role: 'contributor' }))
        .secret;
    });
    after(async () => {
      await t.close();
      await engine.cleanUp();
    });

    const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: t.auth(token), ...(payload ? { payload } : {}) });
    const submit = async (body: string) =>
      (await call(t.contributorToken, 'POST', `/api/v1/stories/${storyId}/updates`, { body })).json()
        .id as string;

    it('lets the author correct a pending submission, re-rendering its Markdown', async () => {
      const id = await submit('Convoy on the M4');
      const edited = await call(t.contributorToken, 'PATCH', `/api/v1/updates/${id}`, {
        body: 'Convoy on the **M5**',
        claimStatus: 'claimed',
        sources: [{ label: 'Resident', url: 'https://example.org/post' }],
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().status, 'pending');
      assert.match(edited.json().bodyHtml, /<strong>M5<\/strong>/);
      const read = await call(t.contributorToken, 'GET', `/api/v1/updates/${id}`);
      assert.equal(read.json().body, 'Convoy on the **M5**');
      assert.equal(read.json().claimStatus, 'claimed');
      assert.deepEqual(
        (await call(t.editorToken, 'GET', `/api/v1/stories/${storyId}/updates`)).json().items,
        [],
      );
    });

    it("refuses another contributor's edit, a verified claim, and any edit after approval", async () => {
      const id = await submit('Shelling near Saraqib');
      const other = await call(otherContributor, 'PATCH', `/api/v1/updates/${id}`, { body: 'Mine now' });
      assert.equal(other.statusCode, 403);
      const verified = await call(t.contributorToken, 'PATCH', `/api/v1/updates/${id}`, {
        claimStatus: 'verified',
      });
      assert.equal(verified.statusCode, 403);
      assert.equal(verified.json().field, 'claimStatus');

      const approved = await call(t.editorToken, 'POST', `/api/v1/updates/${id}/approve`, {});
      assert.equal(approved.statusCode, 200);
      const late = await call(t.contributorToken, 'PATCH', `/api/v1/updates/${id}`, {
        body: 'Too late',
        version: 1,
      });
      assert.equal(late.statusCode, 403);
      assert.equal(
        (await call(t.editorToken, 'GET', `/api/v1/updates/${id}`)).json().body,
        'Shelling near Saraqib',
      );
    });

    it('publishes an editor’s changes made while approving, in one step', async () => {
      const id = await submit('Strikes reported in Idlib');
      const approved = await call(t.editorToken, 'POST', `/api/v1/updates/${id}/approve`, {
        headline: 'Strikes in Idlib',
        body: 'Strikes reported in **Idlib** city.',
        claimStatus: 'verified',
        claimNote: 'Geolocated by the desk',
      });
      assert.equal(approved.statusCode, 200, approved.body);
      const published = (await call(t.editorToken, 'GET', `/api/v1/updates/${id}`)).json();
      assert.equal(published.status, 'published');
      assert.equal(published.headline, 'Strikes in Idlib');
      assert.equal(published.claimStatus, 'verified');
    });

    it('shows the contributor their own submissions with the rejection reason, and no one else’s', async () => {
      const id = await submit('Unconfirmed: bridge destroyed');
      const rejected = await call(t.editorToken, 'POST', `/api/v1/updates/${id}/reject`, {
        reason: 'No source; send the video you mention',
      });
      assert.equal(rejected.statusCode, 200);
      const edit = await call(t.contributorToken, 'PATCH', `/api/v1/updates/${id}`, { body: 'With source' });
      assert.equal(edit.statusCode, 409, 'a rejected submission is no longer editable');
      assert.match(edit.json().detail, /rejected/);
      const mine = (
        await call(t.contributorToken, 'GET', `/api/v1/stories/${storyId}/submissions?mine=1`)
      ).json();
      const entry = mine.items.find((s: { id: string }) => s.id === id);
      assert.equal(entry.status, 'rejected');
      assert.equal(entry.reason, 'No source; send the video you mention');
      assert.equal(mine.items[0].id, id, 'newest first');
      assert.ok(mine.items.length >= 4);
      const others = (
        await call(otherContributor, 'GET', `/api/v1/stories/${storyId}/submissions?mine=1`)
      ).json();
      assert.deepEqual(others.items, []);
    });
  });
}
