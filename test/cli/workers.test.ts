/**
 * `dateline serve --workers 2`: two processes share the port and pass live events to each other
 * through the primary, so every reader gets every update whichever worker took the write.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, it } from 'node:test';
import { pollUntil } from '../live/live-fixtures.ts';
import { SseTestClient } from '../live/sse-client.ts';
import { runCliProcess, startServer } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';

/** Pids of the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces; fields after its closing parenthesis are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process exited while we looked.
    }
  }
  return children;
}

describe('dateline serve --workers', () => {
  it('runs two workers on one port; every reader gets every update in order, whichever worker wrote it', async () => {
    const dataDir = createTempDir();
    const token = runCliProcess([
      'token',
      'create',
      '--name',
      'w',
      '--role',
      'admin',
      '--data-dir',
      dataDir,
    ]).stdout.trim();
    const server = await startServer(dataDir, { DATELINE_WORKERS: '2', DATELINE_SAMPLE: 'on' });
    const clients: SseTestClient[] = [];
    try {
      const workers = childrenOf(server.child.pid!);
      assert.equal(workers.length, 2, 'two worker processes');
      // The sample was seeded once, by the primary, not once per worker.
      const desks = (await (await fetch(`${server.url}/api/v1/desks`)).json()) as { items: unknown[] };
      assert.equal(desks.items.length, 1);

      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const story = (await (
        await fetch(`${server.url}/api/v1/stories`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ headline: 'Across workers' }),
        })
      ).json()) as { id: string };
      // New connections are handed to the workers in turn, so these readers sit on both.
      for (let i = 0; i < 8; i++)
        clients.push(new SseTestClient(`${server.url}/api/v1/stories/${story.id}/live`));
      await Promise.all(clients.map((c) => c.connected()));
      for (let i = 1; i <= 6; i++) {
        const res = await fetch(`${server.url}/api/v1/stories/${story.id}/updates`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ body: `update ${i}` }),
        });
        assert.equal(res.status, 201);
      }
      await Promise.all(clients.map((c) => c.waitForEvents(6)));
      for (const client of clients) assert.deepEqual(client.ids(), [1, 2, 3, 4, 5, 6]);

      for (const client of clients) await client.close();
      assert.equal(await server.stop('SIGTERM'), 0, 'SIGTERM stops the workers and the primary cleanly');
      for (const pid of workers) assert.throws(() => process.kill(pid, 0), 'worker gone');
    } finally {
      for (const client of clients) await client.close();
      await server.stop('SIGKILL');
    }
  });

  it('workers do not outlive a primary killed with SIGKILL', async () => {
    const dataDir = createTempDir();
    const server = await startServer(dataDir, { DATELINE_WORKERS: '2' });
    const workers = childrenOf(server.child.pid!);
    assert.equal(workers.length, 2);
    await server.stop('SIGKILL');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await pollUntil('workers gone', () => workers.every((pid) => !alive(pid)));
  });

  it('exits with status 1 when the workers cannot start, instead of restarting them for ever', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const run = runCliProcess([
        'serve',
        '--workers',
        '2',
        '--port',
        String(port),
        '--data-dir',
        createTempDir(),
      ]);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /^dateline: (listen|bind) EADDRINUSE/m);
    } finally {
      taken.close();
    }
  });

  it('refuses a worker count that is not a whole number from 1 to 64 in one line', () => {
    const run = runCliProcess(['serve', '--workers', 'many', '--data-dir', createTempDir()]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'dateline: invalid DATELINE_WORKERS="many": must be a whole number\n');
  });
});
