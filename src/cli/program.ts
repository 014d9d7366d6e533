/** The `dateline` command: serve, token, desk, user, …. Errors are one line on stderr and a non-zero exit. */
// Each command imports what it runs when it runs (`await import`), so `dateline user add` does not
// load the HTTP server, and `--help` loads almost nothing.
import cluster from 'node:cluster';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { COMMAND_LINE } from '../domain/actors.ts';
import { DomainError } from '../domain/errors.ts';
import { registerStatementsCommand } from './statements-command.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { registerEnrichCommand } from './enrich-command.ts';
import { registerGazetteerCommand } from './gazetteer-command.ts';

/**
 * A bad argument found by a command's own checks. Not commander's InvalidArgumentError: that is a
 * CommanderError, which the handler below treats as already printed.
 */
class UsageError extends Error {
  override name = 'UsageError';
}
import { registerTokenCommands } from './token-commands.ts';
import { registerUserCommands } from './user-commands.ts';

const program = new Command('dateline')
  .description('Dateline: live pages for conflict and foreign-affairs desks')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'data directory (default: $DATELINE_DATA_DIR or ./var)');

function configFrom(opts: { dataDir?: string; port?: string; host?: string; workers?: string }): Config {
  const config = loadConfig({
    ...process.env,
    ...(opts.dataDir !== undefined && { DATELINE_DATA_DIR: opts.dataDir }),
    ...(opts.port !== undefined && { PORT: opts.port }),
    ...(opts.host !== undefined && { HOST: opts.host }),
    ...(opts.workers !== undefined && { DATELINE_WORKERS: opts.workers }),
  });
  // Once per start: `serve --workers` runs this again in every worker.
  if (config.dataDirNotice !== undefined && cluster.isPrimary)
    process.stderr.write(`dateline: ${config.dataDirNotice}\n`);
  return config;
}

async function withStore<T>(config: Config, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config.databaseUrl, config.dataDir);
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
  .option('--workers <n>', 'processes sharing the port, e.g. one per core (default: $DATELINE_WORKERS or 1)')
  .addOption(dataDirOption())
  .action(async (opts: { port?: string; host?: string; dataDir?: string; workers?: string }) => {
    const config = configFrom(opts);
    const { serve } = await import('./serve.ts');
    await serve(config, config.workers);
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
      const { LiveBlogService } = await import('../service/live-blog.ts');
      const { PublishingService } = await import('../service/publishing.ts');
      const { MemoryBus } = await import('../live/memory/memory-bus.ts');
      const created = await withStore(configFrom(opts), (store) => {
        const liveBlog = new LiveBlogService({ store, bus: new MemoryBus() });
        // Audited as the command line's, like the user and token commands.
        return new PublishingService({ store, liveBlog }).createDesk(COMMAND_LINE, {
          name: opts.name,
          slug: opts.slug,
          timezone: opts.timezone,
          description: opts.description,
        });
      });
      process.stdout.write(`${created.slug}\n`);
    },
  );

desk
  .command('list')
  .description('list desks: slug, time zone, name, and whether archived')
  .addOption(dataDirOption())
  .action(async (opts: { dataDir?: string }) => {
    const desks = await withStore(configFrom(opts), (store) => store.desks.list({ includeArchived: true }));
    for (const d of desks) {
      const state = d.archivedAt === null ? 'active' : `archived ${d.archivedAt.slice(0, 10)}`;
      process.stdout.write(`${d.slug}\t${d.timezone}\t${state}\t${d.name}\n`);
    }
  });

desk
  .command('update')
  .description('rename a desk, set its time zone or description, archive or restore it')
  .argument('<slug>', 'the desk, e.g. ukraine-live')
  .option('--name <name>', 'new name')
  .option('--timezone <zone>', 'IANA time zone, e.g. Europe/Kyiv')
  .option('--description <text>', 'one line about the desk')
  .option('--archive', 'take it off reader listings; its pages stay readable')
  .option('--restore', 'bring an archived desk back to reader listings')
  .addOption(dataDirOption())
  .action(
    async (
      slug: string,
      opts: {
        name?: string;
        timezone?: string;
        description?: string;
        archive?: boolean;
        restore?: boolean;
        dataDir?: string;
      },
    ) => {
      if (opts.archive && opts.restore) throw new UsageError('give --archive or --restore, not both');
      const { LiveBlogService } = await import('../service/live-blog.ts');
      const { PublishingService } = await import('../service/publishing.ts');
      const { COMMAND_LINE } = await import('../domain/actors.ts');
      const { MemoryBus } = await import('../live/memory/memory-bus.ts');
      const updated = await withStore(configFrom(opts), (store) =>
        new PublishingService({
          store,
          liveBlog: new LiveBlogService({ store, bus: new MemoryBus() }),
        }).updateDesk(COMMAND_LINE, slug, {
          name: opts.name,
          timezone: opts.timezone,
          description: opts.description,
          archived: opts.archive ? true : opts.restore ? false : undefined,
        }),
      );
      const state = updated.archivedAt === null ? 'active' : 'archived';
      process.stdout.write(`${updated.slug}\t${updated.timezone}\t${state}\t${updated.name}\n`);
    },
  );

program
  .command('migrate-data')
  .description(
    'copy an embedded (SQLite) deployment into an empty PostgreSQL database, verified by checksums',
  )
  .requiredOption('--from <url>', 'sqlite:PATH of the source database, e.g. sqlite:./var/dateline.db')
  .requiredOption('--to <url>', 'postgres://… of the target (add ?schema=NAME to use a schema)')
  .action(async (opts: { from: string; to: string }) => {
    if (!opts.from.startsWith('sqlite:') || opts.from.length === 'sqlite:'.length)
      throw new UsageError('--from must be sqlite:PATH');
    if (!/^postgres(ql)?:\/\//.test(opts.to)) throw new UsageError('--to must be a postgres:// URL');
    const { migrateSqliteToPostgres } = await import('../store/migrate/sqlite-to-postgres.ts');
    const reports = await migrateSqliteToPostgres(opts.from.slice('sqlite:'.length), opts.to, (line) =>
      process.stderr.write(`${line}\n`),
    );
    const width = Math.max(...reports.map((r) => r.table.length), 5);
    process.stdout.write(`${'table'.padEnd(width)}  ${'rows'.padStart(8)}  sha-256 (same in both)\n`);
    for (const r of reports) {
      process.stdout.write(`${r.table.padEnd(width)}  ${String(r.rows).padStart(8)}  ${r.checksum}\n`);
    }
    const total = reports.reduce((sum, r) => sum + r.rows, 0);
    process.stdout.write(
      `verified: ${total} rows in ${reports.length} tables match in SQLite and PostgreSQL\n`,
    );
  });

registerEnrichCommand(program);
registerStatementsCommand(program, {
  withStore: (opts, run) => withStore(configFrom(opts), run),
  dataDirOption,
});
registerTokenCommands(program, {
  dataDirOption,
  withStore: (opts, run) => withStore(configFrom(opts), run),
});
registerGazetteerCommand(program, {
  withStore: (opts, run) => withStore(configFrom(opts), run),
  dataDirOption,
});
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
    error instanceof ConfigError || error instanceof DomainError || error instanceof UsageError
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`dateline: ${message}\n`);
  process.exit(error instanceof ConfigError || error instanceof UsageError ? 2 : 1);
}
