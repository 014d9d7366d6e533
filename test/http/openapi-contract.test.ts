import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { openApiOutline, type OpenApiDocument } from '../support/openapi-outline.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Taken from the hand-built document before routes declared their schemas; never regenerated, so the
// document generated from the routes must keep every path, method, parameter and required field.
const BEFORE = JSON.parse(
  readFileSync(new URL('../fixtures/openapi/outline-before-route-schemas.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('the served OpenAPI document', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('keeps the paths, methods, parameters and request and response shapes clients rely on', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    const outline = openApiOutline(res.json<OpenApiDocument>());
    assert.deepEqual(Object.keys(outline).sort(), Object.keys(BEFORE).sort(), 'the same operations');
    for (const [operation, contract] of Object.entries(BEFORE))
      assert.deepEqual(outline[operation], contract, operation);
  });
});
