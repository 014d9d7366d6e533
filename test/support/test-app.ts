/** A Dateline node on a temporary data directory, for tests. */
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadEnricher } from '../../src/enrich/pipeline.ts';
import { createApiToken } from '../../src/accounts/token-service.ts';
import type { Role } from '../../src/domain/types.ts';
import type { MediaOptions } from '../../src/media/media-service.ts';
import type { DispatcherOptions } from '../../src/webhooks/webhook-dispatcher.ts';
import { builtAssets, seedMigratedDatabase } from './cached-build.ts';
import { FIXTURE_REFERENCE_DIR } from './server-process.ts';
import { createTempDir } from './temp-dir.ts';

/** A test node and tokens for each role. */
export interface TestApp extends App {
  dataDir: string;
  contributorToken: string;
  editorToken: string;
  adminToken: string;
  /** Authorization header for `token`. */
  auth(token: string): { authorization: string };
}

/**
 * Starts a node (not listening unless `listen` is set) with an empty store unless `sample` is set.
 * It enriches with the small fixture data unless `enricher: 'shipped'` is set, as tests of what
 * enrichment finds must.
 */
export async function createTestApp(
  options: {
    enricher?: 'fixture' | 'shipped';
    sample?: boolean;
    dataDir?: string;
    env?: Record<string, string>;
    webhooks?: Partial<DispatcherOptions>;
    media?: MediaOptions;
    /** 0: the enrichment worker looks for the command line's changes (gazetteer imports, statements) only at start and when the test asks. */
    commandLinePollMs?: number;
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? createTempDir();
  const config = loadConfig({
    DATELINE_DATA_DIR: dataDir,
    DATELINE_SAMPLE: options.sample ? 'on' : 'off',
    PORT: '0',
    LOG_LEVEL: 'silent',
    // Tests open many streams from 127.0.0.1; test/security/stream-limits.test.ts sets its own rate.
    DATELINE_STREAM_OPENS_PER_MINUTE: '100000',
    ...options.env,
  });
  if (config.databaseUrl === undefined) await seedMigratedDatabase(dataDir);
  const node = await createApp(config, {
    assets: await builtAssets(),
    logger: pino({ level: 'silent' }),
    webhooks: options.webhooks ?? {},
    enricher: loadEnricher(options.enricher === 'shipped' ? undefined : FIXTURE_REFERENCE_DIR),
    ...(options.media && { media: options.media }),
    ...(options.commandLinePollMs !== undefined && { commandLinePollMs: options.commandLinePollMs }),
  });
  const token = async (role: Role) =>
    (await createApiToken(node.store, { name: `test-${role}`, role })).secret;
  return {
    ...node,
    dataDir,
    contributorToken: await token('contributor'),
    editorToken: await token('editor'),
    adminToken: await token('admin'),
    auth: (t: string) => ({ authorization: `Bearer ${t}` }),
  };
}
