/** Configuration from the environment, validated at boot: a bad value stops start-up with one clear line. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { defaultStreamTotal } from './ops/open-files.ts';

import { outboundAllowEntryKind } from './outbound/outbound-policy.ts';

/** Settings of one Dateline process. */
export interface Config {
  port: number;
  host: string;
  /** Where this deployment's database (SQLite) and media live: `./var` unless told (see dataDirFrom). */
  dataDir: string;
  /** Said once at start when the data directory was chosen for the operator (an older `./data`). */
  dataDirNotice: string | undefined;
  /** Reference data the enricher reads (gazetteer, names); unset means the package's `resources/`. */
  referenceDir: string | undefined;
  /** Seed a fresh data directory with the sample desk and story. */
  sample: boolean;
  logLevel: string;
  /** `postgres://…` or `sqlite:PATH`; unset means SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** `redis://…` to share live events between nodes; unset means in-process (one node). */
  busUrl: string | undefined;
  /** Processes `serve` runs, sharing the port. */
  workers: number;
  /**
   * Which proxies' X-Forwarded-* headers to believe (Fastify's `trustProxy`): false (none), true (any),
   * a list of addresses/CIDRs, or a number of hops. Behind a TLS-terminating proxy this is what makes
   * the session cookie Secure and the sign-in throttle count the reader's address, not the proxy's.
   */
  trustProxy: boolean | string | number;
  /** Live streams: open at once per client address and in this process; events a replay may cover. */
  streams: { perAddress: number; opensPerMinute: number; total: number; replayMax: number };

  /**
   * Hosts, addresses and CIDR ranges that feeds and webhooks may reach although they are not public
   * (an intranet feed); everything else private is refused. Empty by default.
   */
  outboundAllow: string[];
  /**
   * The public origin (`https://news.example`) every absolute URL is written with: canonical links,
   * feeds, sitemaps, oEmbed, JSON-LD, webhooks. Unset: the address the node listens on. A request's
   * Host header is never used, so a forged one cannot reach a cached page.
   */
  siteUrl: string | undefined;
  /** When set, `/metrics` answers only `Authorization: Bearer <it>`. */
  metricsToken: string | undefined;
}

const EnvSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535, 'must be at most 65535'))
    .default(8080),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATELINE_DATA_DIR: z.string().min(1, 'must not be empty').optional(),
  DATELINE_REFERENCE_DIR: z.string().min(1, 'must not be empty').optional(),
  DATELINE_SAMPLE: z.enum(['on', 'off', 'true', 'false', '1', '0'], 'must be on or off').default('on'),
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be a pino level (info, warn, …)',
    )
    .default('info'),
  DATELINE_WORKERS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(64, 'must be at most 64'))
    .default(1),
  DATELINE_TRUST_PROXY: z
    .string()
    .regex(
      /^(on|off|true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
      'must be off, on, a number of proxy hops, or proxy addresses/CIDRs separated by commas',
    )
    .default('off'),
  DATELINE_OUTBOUND_ALLOW: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine(
      (entries) => entries.every((entry) => outboundAllowEntryKind(entry) !== null),
      'must be host names, IP addresses or CIDR ranges separated by commas',
    )
    .default([]),
  DATABASE_URL: z.string().optional(),
  DATELINE_BUS_URL: z.string().optional(),
  DATELINE_STREAMS_PER_ADDRESS: positiveInt().default(100),
  DATELINE_STREAM_OPENS_PER_MINUTE: positiveInt().default(20),
  /** Default: the open-file limit minus a reserve for ordinary requests (stream-slots.ts). */
  DATELINE_STREAMS_MAX: positiveInt().optional(),
  DATELINE_STREAM_REPLAY_MAX: positiveInt().default(256),
  DATELINE_SITE_URL: z
    .string()
    .refine(isSiteOrigin, 'must be an http(s) origin such as https://news.example, with no path or query')
    .or(z.literal(''))
    .optional(),
  DATELINE_METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,200}$/, 'must be 16 to 200 visible ASCII characters, no spaces')
    .or(z.literal(''))
    .optional(),
  // Read by src/enrich/entities.ts; validated here so a bad value stops start-up.
  DATELINE_NAME_MIN_CONFIDENCE: z
    .string()
    .regex(/^(?:0(?:\.\d+)?|1(?:\.0+)?)$/, 'must be a number from 0 to 1')
    .optional(),
});

/** Whether `value` is an http(s) URL with nothing after the host but an optional `/`. */
function isSiteOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.username === '' &&
      url.password === '' &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '' &&
      !value.endsWith('?') &&
      !value.endsWith('#')
    );
  } catch {
    return false;
  }
}

/** A whole number from 1 to 10,000,000, from its decimal text. */
function positiveInt() {
  return z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(10_000_000, 'must be at most 10000000'));
}

const SECRET_VARIABLES = new Set(['DATELINE_METRICS_TOKEN']);

/** A configuration problem, reported as one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from `env`; relative paths in it resolve against `cwd`. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    // A secret is not echoed into the logs, even a bad one.
    const shown = SECRET_VARIABLES.has(name) ? '(hidden)' : JSON.stringify(env[name] ?? '');
    throw new ConfigError(`invalid ${name}=${shown}: ${issue?.message ?? 'not valid'}`);
  }
  const e = result.data;
  const trustProxy = parseTrustProxy(e.DATELINE_TRUST_PROXY);
  const siteUrl = e.DATELINE_SITE_URL ? new URL(e.DATELINE_SITE_URL).origin : undefined;
  // Behind a proxy the listening address is not the one readers use, and the Host header is theirs
  // to forge: without the site URL, canonical links and feeds would be wrong or poisonable.
  if (trustProxy !== false && siteUrl === undefined)
    throw new ConfigError(
      'DATELINE_SITE_URL is required when DATELINE_TRUST_PROXY is set: the public address readers use, e.g. https://news.example',
    );
  const { dataDir, notice } = dataDirFrom(e.DATELINE_DATA_DIR, cwd);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dataDirNotice: notice,
    referenceDir: e.DATELINE_REFERENCE_DIR === undefined ? undefined : resolve(cwd, e.DATELINE_REFERENCE_DIR),
    sample: ['on', 'true', '1'].includes(e.DATELINE_SAMPLE),
    logLevel: e.LOG_LEVEL,
    databaseUrl: databaseUrlFrom(e.DATABASE_URL, cwd),
    busUrl: e.DATELINE_BUS_URL === '' ? undefined : e.DATELINE_BUS_URL,
    workers: e.DATELINE_WORKERS,
    streams: {
      perAddress: e.DATELINE_STREAMS_PER_ADDRESS,
      opensPerMinute: e.DATELINE_STREAM_OPENS_PER_MINUTE,
      total: e.DATELINE_STREAMS_MAX ?? defaultStreamTotal(),
      replayMax: e.DATELINE_STREAM_REPLAY_MAX,
    },

    outboundAllow: e.DATELINE_OUTBOUND_ALLOW,
    trustProxy,
    siteUrl,
    metricsToken: e.DATELINE_METRICS_TOKEN || undefined,
  };
}

/**
 * The data directory: the one named, else `./var`. Deployments from before `./var` kept their database
 * and media in `./data` (beside the reference data, which now ships in `resources/`): one that is
 * still there is used where it is, with a notice, so an upgrade never starts on an empty database.
 */
function dataDirFrom(
  named: string | undefined,
  cwd: string,
): { dataDir: string; notice: string | undefined } {
  if (named !== undefined) return { dataDir: resolve(cwd, named), notice: undefined };
  const older = resolve(cwd, 'data');
  if (['dateline.db', 'media'].some((entry) => existsSync(join(older, entry))))
    return {
      dataDir: older,
      notice: `using the existing data directory ${older}; move it to ./var or set DATELINE_DATA_DIR=./data to silence this notice`,
    };
  return { dataDir: resolve(cwd, 'var'), notice: undefined };
}

/** DATABASE_URL, unset when empty; a relative `sqlite:PATH` made absolute, like the data directory. */
function databaseUrlFrom(url: string | undefined, cwd: string): string | undefined {
  if (url === '') return undefined;
  const path = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : '';
  return path === '' ? url : `sqlite:${resolve(cwd, path)}`;
}

/** DATELINE_TRUST_PROXY as Fastify takes it: off/on, a hop count, or the proxies' addresses. */
function parseTrustProxy(value: string): boolean | string | number {
  if (value === 'off' || value === 'false') return false;
  if (value === 'on' || value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.replace(/\s+/g, '');
}
