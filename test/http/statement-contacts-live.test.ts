/**
 * A statement added reaches the enrichment worker on the live bus, not by polling: on one node (the
 * memory bus), after a restart for statements stored while no server ran (as the CLI stores them),
 * and on another node over Redis (skipped with the reason when Redis is not reachable, except under
 * CI=true).
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { StatementService } from '../../src/statements/statement-service.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const REDIS_URL = process.env.DATELINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Listed {
  items: { kind: string; actors: { slug: string }[]; source: { statementId: string | null } }[];
}

/** The contacts `node` lists for one statement, as [kind, second actor]. */
async function contactsOf(node: TestApp, statementId: string): Promise<string[][]> {
  const response = await node.app.inject({ url: '/api/v1/contacts?actor=vladimir-putin' });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as Listed).items
    .filter((c) => c.source.statementId === statementId)
    .map((c) => [c.kind, c.actors[1]?.slug ?? '']);
}

async function postStatement(node: TestApp, text: string): Promise<string> {
  const response = await node.app.inject({
    method: 'POST',
    url: '/api/v1/statements',
    headers: node.auth(node.editorToken),
    payload: { issuer: 'Presidency of Ruritania', publishedAt: '2026-11-21T10:00:00.000Z', text },
  });
  assert.equal(response.statusCode, 201, response.body);
  return (response.json() as { id: string }).id;
}

describe('statement contacts on one node', () => {
  const nodes: TestApp[] = [];
  after(async () => {
    for (const node of nodes) await node.close();
  });

  it('reads an added statement when the bus announces it, and one the command line stored soon after, or at the next start', async () => {
    const t = await createTestApp({ enricher: 'shipped', commandLinePollMs: 100 });
    nodes.push(t);
    const added = await postStatement(t, 'Putin met Nikol Pashinyan in Minsk on Thursday.');
    // The announcement started a read; idle() waits for reads under way and starts none.
    await t.enrichment.idle();
    assert.deepEqual(await contactsOf(t, added), [['meeting', 'nikol-pashinyan']]);

    // Stored as `dateline statements add` stores it: no bus, so no announcement.
    const quiet = new StatementService({ statements: t.store.statements });
    const stored = await quiet.add({
      issuer: 'Presidency of Ruritania',
      publishedAt: '2026-11-22T10:00:00.000Z',
      text: 'Putin met Ilham Aliyev in Baku on Friday.',
    });
    // The worker's periodic look for the command line's changes reads it (waits until it has).
    while ((await contactsOf(t, stored.id)).length === 0) await delay(20);
    assert.deepEqual(await contactsOf(t, stored.id), [['meeting', 'ilham-aliyev']]);

    // One stored while no server ran is read when the next one starts.
    await t.close();
    nodes.pop();
    const store = await openStore(undefined, t.dataDir);
    const offline = await new StatementService({ statements: store.statements }).add({
      issuer: 'Presidency of Ruritania',
      publishedAt: '2026-11-23T10:00:00.000Z',
      text: 'Putin met Alexander Lukashenko in Minsk on Saturday.',
    });
    await store.close();
    const restarted = await createTestApp({ enricher: 'shipped', dataDir: t.dataDir, commandLinePollMs: 0 });
    nodes.push(restarted);
    await restarted.enrichment.idle();
    assert.deepEqual(await contactsOf(restarted, offline.id), [['meeting', 'alexander-lukashenko']]);
  });
});

describe('statements announced', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it("announces each statement stored, by a feed's addOnce too, and never a duplicate it refused", async () => {
    const announced: string[] = [];
    const service = new StatementService({
      statements: t.store.statements,
      onAdded: (statement) => announced.push(statement.id),
    });
    const input = {
      issuer: 'Presidency of Ruritania',
      publishedAt: '2026-11-23T10:00:00.000Z',
      url: 'https://presidency.example/readouts/7',
      text: 'Putin met Nikol Pashinyan in Yerevan on Monday.',
    };
    const fromFeed = await service.addOnce(input);
    assert.equal(fromFeed.created, true);
    const again = await service.addOnce(input);
    assert.equal(again.created, false);
    const { url: _url, ...pastedInput } = input;
    const pasted = await service.add(pastedInput);
    assert.deepEqual(announced, [fromFeed.statement.id, pasted.id]);
  });
});

describe('pages of actors named only in statements', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ enricher: 'shipped' });
  });
  after(() => t.close());

  it('gives a person named only in a statement a page of its contacts; a name with nothing public stays 404', async () => {
    const page = async (path: string) => t.app.inject({ url: path });
    assert.equal((await page('/people/nikol-pashinyan')).statusCode, 404);
    const id = await postStatement(t, 'Putin met Nikol Pashinyan in Minsk on Thursday.');
    await t.enrichment.idle();
    const pashinyan = await page('/people/nikol-pashinyan');
    assert.equal(pashinyan.statusCode, 200);
    assert.match(pashinyan.body, /<h1>Nikol Pashinyan<\/h1>/);
    assert.match(pashinyan.body, new RegExp(`href="/statements/${id}"`));
    assert.match(pashinyan.body, /official statement/);
    assert.match(pashinyan.body, /No published update names Nikol Pashinyan yet/);
    // The other side of the contact too; not under the other kind, and not an unknown name.
    assert.equal((await page('/people/vladimir-putin')).statusCode, 200);
    assert.equal((await page('/organizations/nikol-pashinyan')).statusCode, 404);
    assert.equal((await page('/people/nobody-named-this')).statusCode, 404);
    assert.equal((await page('/people/nikol-pashinyan?before=2026-01-01T00:00:00Z')).statusCode, 404);
  });
});

async function redisUnreachable(): Promise<string | undefined> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis not reachable at ${new URL(REDIS_URL).host}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    client.disconnect();
  }
}

const missing = await redisUnreachable();
if (missing !== undefined && process.env.CI === 'true') {
  it('reaches Redis for the two-node statement test (required in CI)', () => assert.fail(missing));
} else {
  describe('statement contacts on two nodes sharing a Redis bus', { skip: missing ?? false }, () => {
    const nodes: TestApp[] = [];
    after(async () => {
      for (const node of nodes) await node.close();
    });

    it("reads a statement added on one node in the other node's worker", async () => {
      const url = new URL(REDIS_URL);
      url.searchParams.set('prefix', `test-${randomBytes(6).toString('hex')}`);
      const env = { DATELINE_BUS_URL: url.toString() };
      const a = await createTestApp({ enricher: 'shipped', env });
      nodes.push(a);
      const b = await createTestApp({ enricher: 'shipped', env, dataDir: a.dataDir });
      nodes.push(b);
      await Promise.all([a.enrichment.idle(), b.enrichment.idle()]);
      // Only B's worker listens now: what A's editor adds can reach it only over Redis.
      await a.enrichment.close();
      const id = await postStatement(a, 'Putin met Nikol Pashinyan in Yerevan on Monday.');
      const deadline = Date.now() + 10_000;
      let found = await contactsOf(b, id);
      while (found.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        found = await contactsOf(b, id);
      }
      assert.deepEqual(found, [['meeting', 'nikol-pashinyan']]);
    });
  });
}
