/** Configuration from the environment, validated at boot: a bad value stops start-up with one clear line. */
import { resolve } from 'node:path';
import { z } from 'zod';

/** Settings of one Dateline process. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
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
}

const EnvSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535, 'must be at most 65535'))
    .default(8080),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATELINE_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
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
  DATABASE_URL: z.string().optional(),
  DATELINE_BUS_URL: z.string().optional(),
  // Read by src/enrich/entities.ts; validated here so a bad value stops start-up.
  DATELINE_NAME_MIN_CONFIDENCE: z
    .string()
    .regex(/^(?:0(?:\.\d+)?|1(?:\.0+)?)$/, 'must be a number from 0 to 1')
    .optional(),
});

/** A configuration problem, reported as one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from `env`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(
      `invalid ${name}=${JSON.stringify(env[name] ?? '')}: ${issue?.message ?? 'not valid'}`,
    );
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATELINE_DATA_DIR),
    sample: ['on', 'true', '1'].includes(e.DATELINE_SAMPLE),
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL === '' ? undefined : e.DATABASE_URL,
    busUrl: e.DATELINE_BUS_URL === '' ? undefined : e.DATELINE_BUS_URL,
    workers: e.DATELINE_WORKERS,
    trustProxy: parseTrustProxy(e.DATELINE_TRUST_PROXY),
  };
}

/** DATELINE_TRUST_PROXY as Fastify takes it: off/on, a hop count, or the proxies' addresses. */
function parseTrustProxy(value: string): boolean | string | number {
  if (value === 'off' || value === 'false') return false;
  if (value === 'on' || value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.replace(/\s+/g, '');
}
