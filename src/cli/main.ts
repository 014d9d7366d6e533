/** The `dateline` command: serve, token, desk. Errors are one line on stderr and a non-zero exit. */
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createApp } from '../app.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { ROLES } from '../domain/types.ts';
import { createApiToken } from '../http/auth.ts';
import { MemoryBus } from '../live/memory/memory-bus.ts';
import { LiveBlogService } from '../service/live-blog.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { registerUserCommands } from './user-commands.ts';

const program = new Command('dateline')
  .description('Dateline: live pages for conflict and foreign-affairs desks')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'data directory (default: $DATELINE_DATA_DIR or ./data)');

function configFrom(opts: { dataDir?: string; port?: string; host?: string }): Config {
  return loadConfig({
    ...process.env,
    ...(opts.dataDir !== undefined && { DATELINE_DATA_DIR: opts.dataDir }),
    ...(opts.port !== undefined && { PORT: opts.port }),
    ...(opts.host !== undefined && { HOST: opts.host }),
  });
}

async function withStore<T>(config: Config, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openSqliteStore({ filename: join(config.dataDir, 'dateline.db') });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

program
  .command('serve')
  .description('serve the reader site, the newsroom API and live streams')
  .option('--port <port>', 'port to listen on (default: $PORT or 8080)')
  .option('--host <host>', 'address to bind (default: $HOST or 127.0.0.1)')
  .addOption(dataDirOption())
  .action(async (opts: { port?: string; host?: string; dataDir?: string }) => {
    const config = configFrom(opts);
    const node = await createApp(config);
    const url = await node.listen();
    node.logger.info(
      { dataDir: config.dataDir },
      `Dateline is serving ${url.replace('127.0.0.1', 'localhost')}`,
    );
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      node.logger.info(`${signal}: closing live streams, finishing writes, closing the database`);
      node.close().then(
        () => process.exit(0),
        (error: unknown) => {
          node.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .description('create an API token; the secret is printed once and only its hash is stored')
  .requiredOption('--name <name>', 'who or what uses the token, e.g. "syria-desk"')
  .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
  .addOption(dataDirOption())
  .action(async (opts: { name: string; role: (typeof ROLES)[number]; dataDir?: string }) => {
    const name = opts.name.trim();
    if (name === '' || name.length > 100)
      throw new InvalidArgumentError('--name must be 1 to 100 characters');
    const { secret, token: created } = await withStore(configFrom(opts), (store) =>
      createApiToken(store, { name, role: opts.role }),
    );
    process.stderr.write(
      `Created ${created.role} token "${created.name}". Copy it now; it cannot be shown again:\n`,
    );
    process.stdout.write(`${secret}\n`);
  });

const desk = program.command('desk').description('manage desks');
desk
  .command('create')
  .description('create a desk (a series of daily pages)')
  .requiredOption('--name <name>', 'e.g. "Syria Daily"')
  .option('--slug <slug>', 'URL slug (default: from the name)')
  .option('--timezone <zone>', 'IANA time zone in which the desk’s days run', 'UTC')
  .option('--description <text>', 'one line about the desk', '')
  .addOption(dataDirOption())
  .action(
    async (opts: {
      name: string;
      slug?: string;
      timezone: string;
      description: string;
      dataDir?: string;
    }) => {
      const created = await withStore(configFrom(opts), (store) =>
        new LiveBlogService({ store, bus: new MemoryBus() }).createDesk({
          name: opts.name,
          slug: opts.slug,
          timezone: opts.timezone,
          description: opts.description,
        }),
      );
      process.stdout.write(`${created.slug}\n`);
    },
  );

registerUserCommands(program, {
  dataDirOption,
  withStore: (opts, run) => withStore(configFrom(opts), run),
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    process.exit(error.exitCode);
  }
  const message =
    error instanceof ConfigError || error instanceof DomainError || error instanceof InvalidArgumentError
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`dateline: ${message}\n`);
  process.exit(error instanceof ConfigError || error instanceof InvalidArgumentError ? 2 : 1);
}
