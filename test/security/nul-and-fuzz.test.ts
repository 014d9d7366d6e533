/**
 * Hostile input on every route, on both engines: a NUL character (PostgreSQL cannot store it in text),
 * lone surrogates, control characters, `%00`, very long values, huge numbers and wrong types, put into
 * every parameter and body field the served OpenAPI document lists, and into the routes it does not
 * (sign-in, reader pages, newsroom forms), listed below by hand. Never a 5xx; a 4xx from the API is
 * problem+json. A bounded fast-check run with a fixed seed (printed by fast-check on failure; set
 * DATELINE_FUZZ_SEED to replay one, DATELINE_FUZZ_RUNS for more cases per field).
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import sharp from 'sharp';
import { ENGINES } from '../support/engines.ts';
import { MediaService } from '../../src/media/media-service.ts';
import type { Store } from '../../src/store/store.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const SEED = Number(process.env['DATELINE_FUZZ_SEED'] ?? 20261203);
const RUNS = Number(process.env['DATELINE_FUZZ_RUNS'] ?? 3);

/** A small number from a field's name, to vary the seed field by field. */
const seedOffset = (name: string) => [...name].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 100_003, 0);

/** NUL as a client can send it. */
const NUL_CASES = ['\u0000', 'syria\u0000daily', '%00', 'x%00', '\u0000'.repeat(3)];

/** NUL and the URL-decoding edge cases (a lone surrogate, invalid UTF-8) every field gets. */
const EXAMPLES = [...NUL_CASES, '\uD800', 'raw:%ff'];

const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 12,
});
/** Strings a client can put anywhere: in a URL (percent-encoded), a form or JSON. */
const hostileString = fc.oneof(
  fc.constantFrom(...NUL_CASES),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\uD800', 'a\uDC00b', '\uDFFF\uD800x'),
  controlChars,
  fc.constantFrom('1e309', '-1', '99999999999999999999999', 'NaN', '0x1f', '-0', '1.5', '', ' '),
  fc.constantFrom('\u202Eevil', '../../etc/passwd', '<script>', "' or 1=1 --", '%', '%zz', '\r\nX-A: 1'),
  fc.constant('x'.repeat(5000)),
  // Sent as they are in a URL (not percent-encoded again): invalid UTF-8, an overlong NUL, a bare %.
  fc.constantFrom('raw:%ff', 'raw:%C0%80', 'raw:%ED%A0%80', 'raw:%', 'raw:%%00'),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
/** Values only a JSON body can carry: wrong types, huge numbers, NUL in keys. */
const hostileJson = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    1.5,
    [],
    {},
    ['\u0000'],
    { '\u0000': '\u0000' },
    'y'.repeat(300_000),
  ),
);

const LONE_SURROGATE = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;

/** `value` for a URL as a client could send it: lone surrogates as their WTF-8 bytes; `raw:` as is. */
function urlEncoded(value: string): string {
  if (value.startsWith('raw:')) return value.slice(4);
  return value
    .split(LONE_SURROGATE)
    .map((part) => {
      if (part.length !== 1 || !LONE_SURROGATE.test(part)) return encodeURIComponent(part);
      const code = part.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

type Where = 'path' | 'query' | 'header' | 'json' | 'form' | 'multipart';

/** One route to attack: how to call it and which fields to put hostile values in. */
interface Target {
  method: string;
  /** Path template with `{name}` path parameters. */
  path: string;
  fields: { name: string; in: Where }[];
  /** A body the route would accept (hostile values replace one field at a time). */
  body?: Record<string, unknown>;
  bodyKind?: 'json' | 'form' | 'multipart';
  /** The route answers with an endless event stream when the input is good. */
  stream?: boolean;
  /** Answers are problem+json (the API) rather than pages. */
  api: boolean;
  auth: 'token' | 'session' | 'none';
}

// Bodies the API accepts, so a hostile value in one field reaches as far as it can.
const EXAMPLE_BODIES: Record<string, Record<string, unknown>> = {
  'POST /webhooks': { url: 'http://127.0.0.1:1/hook' },
  'POST /related': { text: 'Shelling near Idlib' },
  'POST /users': { email: 'fuzz@example.org', name: 'Fuzz', role: 'editor' },
  'PATCH /users/{id}': { role: 'editor' },
  'POST /session/password': { currentPassword: 'x', newPassword: 'a long enough passphrase' },
  'POST /desks': { name: 'Fuzz Desk' },
  'POST /stories': { headline: 'Fuzz' },
  'PATCH /stories/{id}': { version: 1, headline: 'Fuzz' },
  'POST /stories/{id}/updates': { body: 'Shelling reported near Idlib.' },
  'PATCH /updates/{id}': { version: 1, body: 'Edited.' },
  'POST /updates/{id}/approve': {},
  'POST /updates/{id}/reject': { reason: 'no source' },
  'POST /updates/{id}/suggestions': { item: 'places:Idlib|SY', action: 'confirm' },
  'POST /statements': {
    issuer: 'Ministry',
    publishedAt: '2026-05-27T10:00:00Z',
    text: 'The minister spoke.',
  },
  'POST /statements/similar': { text: 'The minister spoke.' },
  'POST /statement-feeds': { url: 'http://127.0.0.1:1/feed.xml', issuer: 'Ministry' },
  'PATCH /statement-feeds/{id}': { disabled: true },
  'POST /session': { email: 'nobody@example.org', password: 'x' },
  'POST /preview': { body: 'Preview' },
  'POST /media': { alt: 'A photo', caption: '', credit: '' },
  'PUT /places/{slug}/name': { name: 'Odesa' },
  'PUT /places/{slug}/pin': { lat: 46.5, lon: 30.7 },
};

// API routes the OpenAPI document does not list.
const UNLISTED_API: Target[] = (
  [
    { method: 'POST', path: '/api/v1/session', fields: [], api: true, auth: 'none' },
    { method: 'GET', path: '/api/v1/session', fields: [], api: true, auth: 'session' },
    { method: 'POST', path: '/api/v1/preview', fields: [], api: true, auth: 'session' },
  ] satisfies Target[]
).map((t) => withBodyFields(t, `${t.method} ${t.path.slice('/api/v1'.length)}`, 'json'));

const p = (name: string): { name: string; in: Where } => ({ name, in: 'path' });
const q = (...names: string[]) => names.map((name) => ({ name, in: 'query' as const }));
const f = (...names: string[]) => names.map((name) => ({ name, in: 'form' as const }));
const page = (
  path: string,
  fields: { name: string; in: Where }[],
  auth: Target['auth'] = 'none',
): Target => ({
  method: 'GET',
  path,
  fields,
  api: false,
  auth,
});
const form = (
  path: string,
  fields: { name: string; in: Where }[],
  body: Record<string, unknown>,
): Target => ({
  method: 'POST',
  path,
  fields,
  body,
  bodyKind: 'form',
  api: false,
  auth: 'session',
});

// Reader pages, feeds, embeds and newsroom pages and forms: not in the OpenAPI document.
const SITE_ROUTES: Target[] = [
  page('/{desk}', [p('desk'), ...q('before')]),
  page('/{desk}/{slug}', [p('desk'), p('slug'), ...q('before')]),
  page('/{desk}/{slug}/updates/{id}', [p('desk'), p('slug'), p('id')]),
  page('/{desk}/feed.xml', [p('desk')]),
  page('/{desk}/{slug}/feed.json', [p('desk'), p('slug')]),
  page('/stories/{slug}', [p('slug')]),
  page('/stories/{slug}/updates/{id}', [p('slug'), p('id')]),
  page('/archive/{desk}', [p('desk')]),
  page('/archive/{desk}/{period}', [p('desk'), p('period')]),
  page('/people/{slug}', [p('slug'), ...q('before')]),
  page('/places/{slug}', [p('slug'), ...q('before')]),
  page('/organizations/{slug}', [p('slug'), ...q('before')]),
  page('/statements', q('issuer', 'before')),
  page('/statements/{id}', [p('id')]),
  page('/statements/compare', q('ids')),
  page('/search', q('q', 'desk', 'from', 'to', 'claim', 'kind', 'person', 'place', 'limit', 'offset')),
  page('/map', q('desk', 'story', 'from', 'to', 'type', 'claim')),
  page('/oembed', q('url', 'format', 'maxwidth', 'maxheight')),
  page('/embed/map', q('desk', 'story', 'from', 'to', 'type', 'claim')),
  page('/embed/{desk}/{slug}', [p('desk'), p('slug'), ...q('limit', 'theme', 'frame')]),
  page('/embed/stories/{slug}', [p('slug'), ...q('limit', 'theme')]),
  page('/media/{id}/{file}', [p('id'), p('file')]),
  page('/assets/{file}', [p('file')]),
  page('/newsroom/stories/{id}', [p('id')], 'session'),
  page('/newsroom/stories/{id}/queue', [p('id')], 'session'),
  page('/newsroom/statements/{id}', [p('id')], 'session'),
  page('/newsroom/admin/audit', q('actor', 'action', 'from', 'to', 'before'), 'session'),
  page('/newsroom/places', [], 'session'),
  page('/newsroom/places/{slug}', [p('slug'), ...q('done')], 'session'),
  {
    ...form('/newsroom/login', f('email', 'password'), { email: 'nobody@example.org', password: 'x' }),
    auth: 'none',
  },
  form('/newsroom/password', f('currentPassword', 'newPassword', 'repeatPassword', '_csrf'), {}),
  form('/newsroom/statements', f('issuer', 'title', 'publishedAt', 'url', 'text'), {
    issuer: 'Ministry',
    publishedAt: '2026-05-27T10:00',
    text: 'The minister spoke.',
  }),
  form('/newsroom/statements/compare-draft', f('id', 'text'), { text: 'The minister spoke.' }),
  form('/newsroom/statement-feeds', f('url', 'issuer', 'language', 'intervalMinutes'), {
    url: 'http://127.0.0.1:1/feed.xml',
    issuer: 'Ministry',
  }),
  form('/newsroom/statement-feeds/{id}/disabled', [p('id'), ...f('disabled')], { disabled: '1' }),
  form('/newsroom/places/{slug}/name', [p('slug'), ...f('name')], { name: 'Odesa' }),
  form('/newsroom/places/{slug}/pin', [p('slug'), ...f('lat', 'lon')], { lat: '46.5', lon: '30.7' }),
];

/** Adds the example body's fields (and the body as a whole) as targets. */
function withBodyFields(target: Target, key: string, kind: 'json' | 'multipart'): Target {
  const body = EXAMPLE_BODIES[key];
  if (!body) return target;
  return {
    ...target,
    body,
    bodyKind: kind,
    fields: [...target.fields, ...Object.keys(body).map((name) => ({ name, in: kind }))],
  };
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: { $ref?: string; properties?: object } }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
}
type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, { properties?: object }> };
};

/** Every operation of the served document, with each parameter and top-level body field as a target. */
function targetsOf(doc: OpenApiDocument): Target[] {
  const targets: Target[] = [];
  for (const [path, operations] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(operations)) {
      const fields: Target['fields'] = (op.parameters ?? []).map((x) => ({ name: x.name, in: x.in }));
      const content = op.requestBody?.content ?? {};
      let schema = content['application/json']?.schema;
      if (schema?.$ref) schema = doc.components.schemas[schema.$ref.split('/').pop() ?? ''];
      const key = `${method.toUpperCase()} ${path}`;
      const example = EXAMPLE_BODIES[key];
      const kind = path === '/media' && method === 'post' ? 'multipart' : 'json';
      const bodyFields = new Set([...Object.keys(schema?.properties ?? {}), ...Object.keys(example ?? {})]);
      if (op.requestBody || example) {
        for (const name of bodyFields) fields.push({ name, in: kind });
        if (kind === 'multipart') fields.push({ name: 'file', in: 'multipart' });
      }
      const stream = Object.values(op.responses ?? {}).some((r) => r.content?.['text/event-stream']);
      targets.push({
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        fields,
        ...((op.requestBody || example) && { body: example ?? {}, bodyKind: kind }),
        ...(stream && { stream }),
        api: true,
        auth: 'token',
      });
    }
  return targets;
}

/** A small real PNG, so an upload with a hostile alt text gets as far as storing the photo. */
const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#a33' } })
  .png()
  .toBuffer();

for (const engine of ENGINES) {
  describe(`hostile input on every route (${engine.name})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let origin: string;
    let session: { cookie: string; csrf: string };
    const ids: Record<string, string> = {};

    before(async () => {
      t = await createTestApp({ env: await engine.env() });
      const admin = { headers: t.auth(t.adminToken) };
      const post = async (url: string, payload: object) => {
        const res = await t.app.inject({ method: 'POST', url, payload, ...admin });
        return res.statusCode < 300 ? (res.json() as { id: string; slug: string }) : null;
      };
      await post('/api/v1/desks', { name: 'Syria Daily' });
      const day = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/desks/syria-daily/days/2026-05-27',
        ...admin,
      });
      ids['stories'] = day.json().id;
      ids['slug'] = day.json().slug;
      ids['updates'] = (await post(`/api/v1/stories/${ids['stories']}/updates`, {
        body: 'Shelling near Idlib.',
      }))!.id;
      const submission = await t.app.inject({
        method: 'POST',
        url: `/api/v1/stories/${ids['stories']}/updates`,
        headers: t.auth(t.contributorToken),
        payload: { body: 'A contributor saw smoke.' },
      });
      ids['submission'] = submission.json().id;
      ids['statements'] =
        (await post('/api/v1/statements', EXAMPLE_BODIES['POST /statements']!))?.id ?? 'nostatement';
      // Loopback fixtures: nothing is fetched from or sent to them unless polled (port 1 refuses).
      ids['statement-feeds'] =
        (await post('/api/v1/statement-feeds', EXAMPLE_BODIES['POST /statement-feeds']!))?.id ?? 'nofeed';
      ids['webhooks'] = (await post('/api/v1/webhooks', EXAMPLE_BODIES['POST /webhooks']!))?.id ?? 'nohook';
      const password = 'a long newsroom passphrase';
      const user = await t.accounts.addUser({ email: 'ed@example.org', name: 'Ed', role: 'admin', password });
      ids['users'] = user.id;
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'ed@example.org', password },
      });
      session = {
        cookie: String(signIn.headers['set-cookie'] ?? '').split(';')[0] ?? '',
        csrf: signIn.json().csrfToken,
      };
      ids['media'] = (await upload({ alt: 'A photo' }, t.auth(t.adminToken))).json().id;
      origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      await t.close();
      await engine.cleanUp();
    });

    async function upload(
      text: Record<string, unknown>,
      headers: Record<string, string>,
      file: unknown = png,
    ) {
      const form = new FormData();
      for (const [name, value] of Object.entries(text)) form.append(name, String(value));
      form.append('file', new Blob([file instanceof Buffer ? file : String(file)]), 'photo.png');
      const encoded = new Response(form);
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/media',
        headers: { ...headers, 'content-type': encoded.headers.get('content-type') ?? '' },
        payload: Buffer.from(await encoded.arrayBuffer()),
      });
    }

    /** A good value for a path parameter, from the fixtures. */
    function goodPathValue(path: string, name: string): string {
      if (name === 'date') return '2026-05-27';
      if (name === 'desk') return 'syria-daily';
      if (name === 'slug') return path.includes('desks') ? 'syria-daily' : (ids['slug'] ?? '');
      if (name === 'file') return '480.jpg';
      if (name === 'period') return '2026-05';
      if (path.includes('/approve') || path.includes('/reject')) return ids['submission'] ?? '';
      const collection = path.split('/').find((s) => s in ids && s !== 'slug');
      return (collection && ids[collection]) ?? 'nothing';
    }

    /** Sends `target` with `value` in `field`; the status, content type and body of the answer. */
    async function send(target: Target, field: Target['fields'][number], value: unknown) {
      const path = target.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
        urlEncoded(
          name === field.name && field.in === 'path' ? String(value) : goodPathValue(target.path, name),
        ),
      );
      const query = field.in === 'query' ? `?${field.name}=${urlEncoded(String(value))}` : '';
      const headers: Record<string, string> = {};
      if (target.auth === 'token') Object.assign(headers, t.auth(t.adminToken));
      if (target.auth === 'session')
        Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
      if (field.in === 'header') {
        // Control characters and code points over U+00FF cannot be sent in a header (clients refuse,
        // and Node's HTTP parser answers 400 before the app sees the request).
        // eslint-disable-next-line no-control-regex -- control characters are what is being matched
        if (/[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/.test(String(value))) return null;
        headers[field.name.toLowerCase()] = String(value);
      }
      const body = target.body && {
        ...target.body,
        ...(field.in !== 'path' && field.in !== 'query' && field.in !== 'header' && { [field.name]: value }),
      };
      if (target.bodyKind === 'form' && body) body['_csrf'] ??= session.csrf;
      if (target.bodyKind === 'multipart') {
        const { file, ...text } = body ?? {};
        const res = await upload(text, headers, field.name === 'file' ? file : png);
        return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.body };
      }
      if (target.stream) {
        // A good request starts an endless stream: read the status and headers, then hang up.
        const abort = new AbortController();
        try {
          const res = await fetch(`${origin}${path}${query}`, { headers, signal: abort.signal });
          const type = res.headers.get('content-type') ?? '';
          const text = type.startsWith('text/event-stream') ? '' : await res.text();
          abort.abort();
          return { status: res.status, type, body: text };
        } catch (error) {
          if (error instanceof TypeError && /header|ByteString/i.test(error.message)) return null; // cannot be sent
          throw error;
        }
      }
      let payload: string | undefined;
      if (body && target.bodyKind === 'form') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString();
      } else if (body || field.in === 'json') {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(field.name === '(body)' ? value : body);
      }
      try {
        const res = await t.app.inject({
          method: target.method as 'GET',
          url: `${path}${query}`,
          headers,
          ...(payload !== undefined && { payload }),
        });
        return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.body };
      } catch (error) {
        // A header value no HTTP client can send (CR, LF, NUL): nothing to test.
        if (field.in === 'header' && error instanceof Error && /header|character/i.test(error.message))
          return null;
        throw error;
      }
    }

    /** Runs the property over every field of `target`. */
    async function attack(target: Target) {
      const fields = [...target.fields];
      if (target.bodyKind === 'json') fields.push({ name: '(body)', in: 'json' });
      for (const field of fields) {
        const values = field.in === 'json' || field.in === 'multipart' ? hostileJson : hostileString;
        const run = await fc.check(
          fc.asyncProperty(values, async (value) => {
            const res = await send(target, field, value);
            if (res === null) return;
            const what = `${target.method} ${target.path} with ${field.in} ${field.name}=${JSON.stringify(value)?.slice(0, 80)}`;
            assert.ok(res.status < 500, `${what}: ${res.status} ${res.body.slice(0, 300)}`);
            if (target.api && res.status >= 400)
              assert.match(res.type, /^application\/problem\+json/, `${what}: ${res.status} ${res.type}`);
          }),
          // fast-check counts the examples in numRuns: without adding them no random value was sent.
          // A seed per field, so fields get different random values (the report names the seed).
          {
            seed: SEED + seedOffset(`${target.method} ${target.path} ${field.in} ${field.name}`),
            numRuns: EXAMPLES.length + RUNS,
            examples: EXAMPLES.map((v): [unknown] => [v]),
          },
        );
        if (run.failed) assert.fail(`${fc.defaultReportMessage(run)}\n${String(run.errorInstance)}`);
      }
    }

    it('walks every operation of the served OpenAPI document', async () => {
      const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument;
      const targets = targetsOf(doc);
      assert.ok(targets.length > 40, `only ${targets.length} operations in the document`);
      for (const target of targets) await attack(target);
    });

    it('covers the API routes the document does not list', async () => {
      for (const target of UNLISTED_API) await attack(target);
    });

    it('covers reader pages, feeds, embeds and newsroom pages and forms', async () => {
      for (const target of SITE_ROUTES) await attack(target);
    });

    it('refuses NUL in a photo’s alt text with a 400 naming the field and leaves no file behind', async () => {
      const mediaDir = join(t.dataDir, 'media');
      const beforeFiles = (await readdir(mediaDir)).sort();
      const res = await upload({ alt: 'A\u0000photo' }, t.auth(t.adminToken));
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().field, 'alt');
      assert.deepEqual((await readdir(mediaDir)).sort(), beforeFiles);
    });

    it('answers NUL in path, query, sign-in email and statements with 400 or 404, naming the field', async () => {
      const cases: {
        url: string;
        method?: 'GET' | 'POST';
        headers?: Record<string, string>;
        payload?: object;
      }[] = [
        { url: `/api/v1/stories/${encodeURIComponent('a\u0000')}` },
        { url: '/api/v1/statements?issuer=%00' },
        { url: '/api/v1/session', method: 'POST', payload: { email: 'ed\u0000@example.org', password: 'x' } },
        {
          url: '/api/v1/statements',
          method: 'POST',
          headers: t.auth(t.editorToken),
          payload: { issuer: 'Min\u0000istry', publishedAt: '2026-05-27T10:00:00Z', text: 'Text.' },
        },
      ];
      for (const c of cases) {
        const res = await t.app.inject({ method: 'GET', ...c });
        assert.ok([400, 404].includes(res.statusCode), `${c.url}: ${res.statusCode} ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        if (res.statusCode === 400) assert.ok(res.json().field, res.body);
      }
    });
  });
}

describe('a photo whose record cannot be written', () => {
  it('leaves no file on disk', async () => {
    const dataDir = createTempDir();
    // Any failure of the database write (here: it is down) after the files were written.
    const store = { media: { create: () => Promise.reject(new Error('database down')) } } as unknown as Store;
    const media = new MediaService({ store, dataDir });
    await assert.rejects(
      media.upload(png, { alt: 'A photo', caption: '', credit: '' }, { key: 'ed', name: 'ed' }),
      /database down/,
    );
    assert.deepEqual(await readdir(join(dataDir, 'media')), []);
  });
});
