/**
 * Several `dateline serve` processes sharing a fresh PostgreSQL schema and a Redis bus prefix, for the
 * scale-out tests. `clusterUnavailable()` says why they cannot run here (PostgreSQL or Redis down).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { runCliProcess, startServer, type ServerProcess } from './server-process.ts';
import { createTempDir } from './temp-dir.ts';

export const POSTGRES_URL =
  process.env.DATELINE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.DATELINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Runs one statement on a connection of its own. */
export async function postgresAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Why a cluster cannot be run here, or null. */
export async function clusterUnavailable(): Promise<string | null> {
  try {
    await postgresAdmin('select 1');
  } catch (error) {
    return `PostgreSQL unreachable: ${error instanceof Error ? error.message : String(error)}`;
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis unreachable: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    redis.disconnect();
  }
  return null;
}

/** Running nodes and an admin token's headers. */
export interface Cluster {
  nodes: ServerProcess[];
  headers: Record<string, string>;
  /** Kills every node and drops the schema. */
  close(): Promise<void>;
}

/** Starts `count` nodes on free ports; the first applies the migrations. */
export async function startCluster(count: number): Promise<Cluster> {
  const schema = `dl_cluster_${randomBytes(5).toString('hex')}`;
  await postgresAdmin(`create schema ${schema}`);
  const env = {
    DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`,
    DATELINE_BUS_URL: `${REDIS_URL}/?prefix=${schema}`,
  };
  const nodes: ServerProcess[] = [];
  const close = async () => {
    for (const node of nodes) await node.stop('SIGKILL');
    await postgresAdmin(`drop schema ${schema} cascade`);
  };
  try {
    const created = runCliProcess(
      ['token', 'create', '--name', 'cluster', '--role', 'admin', '--data-dir', createTempDir()],
      env,
    );
    assert.equal(created.status, 0, created.stderr);
    for (let i = 0; i < count; i++) nodes.push(await startServer(createTempDir(), env));
    const headers = { authorization: `Bearer ${created.stdout.trim()}`, 'content-type': 'application/json' };
    return { nodes, headers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** POSTs JSON to `base` + /api/v1 + `path`, expecting 201. */
export async function postJson<T>(
  base: string,
  headers: Record<string, string>,
  path: string,
  body: unknown,
): Promise<T> {
  const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as T;
}
