import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTempDir } from '../support/temp-dir.ts';
import { runCliProcess, startServer } from '../support/server-process.ts';

describe('durability', () => {
  it('keeps every acknowledged update after the server is killed with SIGKILL', async () => {
    const dataDir = createTempDir();
    const token = runCliProcess([
      'token',
      'create',
      '--name',
      'crash',
      '--role',
      'admin',
      '--data-dir',
      dataDir,
    ]).stdout.trim();
    assert.match(token, /^dl_/);
    let server = await startServer(dataDir);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const story = await fetch(`${server.url}/api/v1/stories`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ headline: 'Crash test' }),
    }).then((r) => r.json() as Promise<{ id: string }>);

    const acknowledged: string[] = [];
    const N = 25;
    await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const res = await fetch(`${server.url}/api/v1/stories/${story.id}/updates`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ body: `acknowledged ${i}` }),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
      }),
    );
    assert.equal(acknowledged.length, N);
    await server.stop('SIGKILL');

    server = await startServer(dataDir);
    try {
      const list = await fetch(`${server.url}/api/v1/stories/${story.id}/updates?limit=100`).then(
        (r) => r.json() as Promise<{ items: { id: string }[] }>,
      );
      assert.deepEqual(new Set(list.items.map((u) => u.id)), new Set(acknowledged));
    } finally {
      await server.stop();
    }
  });

  it('serves sample content from any working directory and closes cleanly on SIGTERM', async () => {
    const server = await startServer(createTempDir(), { DATELINE_SAMPLE: 'on' });
    const front = await fetch(`${server.url}/`);
    assert.equal(front.status, 200);
    assert.match(await front.text(), /Sample/);
    assert.equal(await server.stop('SIGTERM'), 0);
  });
});
