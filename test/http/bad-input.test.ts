import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe('bad input that would reach the database', () => {
  let t: TestApp;
  let storyId: string;
  before(async () => {
    t = await createTestApp();
    storyId = (await t.liveBlog.createStory({ headline: 'Inputs' })).id;
  });
  after(async () => t.close());

  it('refuses the NUL character with a 400 naming the field, and stores nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/updates`,
      headers: t.auth(t.editorToken),
      payload: { body: 'Shelling\u0000 reported' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(res.body, /body/);
    assert.match(res.body, /NUL/);
    assert.equal(await t.store.updates.countByStory(storyId), 0);
  });

  it('refuses crafted pagination cursors with 400 rather than passing them to the database', async () => {
    for (const parts of [[1.5], [1e300], [99999999999], [-1], ['x'.repeat(500)]]) {
      const cursor = Buffer.from(JSON.stringify(parts)).toString('base64url');
      const res = await t.app.inject({ url: `/api/v1/stories/${storyId}/updates?cursor=${cursor}` });
      assert.equal(res.statusCode, 400, JSON.stringify(parts));
      assert.match(res.body, /cursor/);
    }
  });
});
