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

// Operations added since the snapshot: additions keep clients working, and are listed so that one
// appearing by accident (a route documented that should not be) is still noticed.
const ADDED = [
  'DELETE /statements/{id}',
  'GET /contacts',
  'GET /contacts.csv',
  'GET /desks/{slug}/forces',
  'POST /desks/{slug}/forces',
  'PATCH /desks/{slug}/forces/{id}',
  'GET /desks/{slug}/layers',
  'POST /desks/{slug}/layers',
  'GET /desks/{slug}/layers.geojson',
  'POST /desks/{slug}/layers/import',
  'GET /desks/{slug}/layers/{id}',
  'DELETE /desks/{slug}/layers/{id}',
  'GET /desks/{slug}/layers/{id}/revisions',
  'POST /desks/{slug}/layers/{id}/revisions',
  'GET /desks/{slug}/layers/{id}/revisions.geojson',
  'POST /desks/{slug}/layers/{id}/revisions/import',
  'GET /places/{slug}',
  'PUT /places/{slug}/name',
  'PUT /places/{slug}/pin',
  'GET /stories/{id}/drafts',
  'POST /updates/{id}/publish',
  'GET /users/{id}/profile',
  'PUT /users/{id}/profile',
];
// Optional properties added since (new fields a client may ignore or leave out); a required one is a
// break and still fails. `claimHistory` was always in the answer: the Update schema generated from the
// update schema (domain/update-schema.ts) documents it.
const ADDED_PROPERTIES = new Set([
  'authors',
  'media',
  'photoCaption',
  'photoCredit',
  'photos',
  'gallery',
  'claimHistory',
]);
// Optional properties added to one operation's request only (the name is older elsewhere).
const ADDED_REQUEST_PROPERTIES: Record<string, string[]> = {
  'POST /stories/{id}/updates': ['status'],
  'PATCH /updates/{id}': ['savedAt'],
};
// Optional parameters added to one operation since (the newsroom's zone for the audit log's days).
const ADDED_PARAMETERS: Record<string, string[]> = {
  'GET /audit': ['query timezone'],
  'GET /audit/export': ['query timezone'],
};
// Request bodies described since, that the snapshot left to prose: what clients already sent.
const DESCRIBED_BODIES: Record<string, unknown> = {
  'POST /media': { required: true, content: { 'multipart/form-data': 'alt caption credit file*' } },
};

/** The outline without the optional properties added since the snapshot. */
function withoutAdded(value: unknown): unknown {
  if (typeof value === 'string')
    return value
      .split(' ')
      .filter((name) => !ADDED_PROPERTIES.has(name))
      .join(' ');
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutAdded(v)]));
  return value;
}

/** The outline of `operation` without the request properties added to it since the snapshot. */
function withoutAddedRequest(operation: string, value: unknown): unknown {
  const params = ADDED_PARAMETERS[operation];
  if (params && value !== null && typeof value === 'object' && 'parameters' in value) {
    const parameters = (value.parameters as string[]).filter((p) => !params.includes(p));
    value = { ...value, parameters };
  }
  const added = ADDED_REQUEST_PROPERTIES[operation];
  const body = (value as { requestBody?: { content?: Record<string, string> } } | undefined)?.requestBody;
  if (!added || !body?.content) return value;
  const content = Object.fromEntries(
    Object.entries(body.content).map(([type, shape]) => [
      type,
      shape
        .split(' ')
        .filter((name) => !added.includes(name))
        .join(' '),
    ]),
  );
  return { ...(value as object), requestBody: { ...body, content } };
}

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
    assert.deepEqual(
      Object.keys(outline).sort(),
      [...Object.keys(BEFORE), ...ADDED].sort(),
      'the same operations, and the ones added since',
    );
    for (const [operation, contract] of Object.entries(BEFORE)) {
      const described = DESCRIBED_BODIES[operation];
      const expected = described ? { ...(contract as object), requestBody: described } : contract;
      assert.deepEqual(withoutAdded(withoutAddedRequest(operation, outline[operation])), expected, operation);
    }
  });
});
