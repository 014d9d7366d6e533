/**
 * The `dateline` command: serve, token, desk, user, …. Errors are one line on stderr and a non-zero
 * exit code. It reads and writes only through a CliIo, so tests can run it inside their own process.
 */
// Each command imports what it runs when it runs (`await import`), so `dateline user add` does not
// load the HTTP server, and `--help` loads almost nothing.
import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { COMMAND_LINE } from '../domain/actors.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { registerEnrichCommand } from './enrich-command.ts';
import { registerGazetteerCommand } from './gazetteer-command.ts';
import { registerStatementsCommand } from './statements-command.ts';
import { registerTokenCommands } from './token-commands.ts';
import { registerUserCommands } from './user-commands.ts';

/** Where a command reads and writes, and the process state it sees (main.ts gives it the process's own). */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Relative paths (`--data-dir`, the default ./var, files named) resolve against it. */
  cwd: string;
}

/** What a command module needs from the program: its I/O, the shared option, a store to work on. */
export interface CommandDeps {
  io: CliIo;
  dataDirOption(): Option;
  /** Opens the store of the data directory the options name, runs `run`, closes it. */
  withStore<T>(opts: { dataDir?: string }, run: (store: Store) => Promise<T>): Promise<T>;
}

/**
 * A bad argument found by a command's own checks. Not commander's InvalidArgumentError: that is a
 * CommanderError, which runCommand takes as already printed.
 */
class UsageError extends Error {
  override name = 'UsageError';
}

/** Runs `dateline ARGV…` (arguments only, no node or script path); resolves to its exit code. */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its message (or the help).
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`dateline: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof ConfigError || error instanceof UsageError ? 2 : 1;
  }
}

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'data directory (default: $DATELINE_DATA_DIR or ./var)');

async function withStore<T>(config: Config, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config.databaseUrl, config.dataDir);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** The program, new for each run: commander keeps the parsed options on it. */
function buildProgram(io: CliIo): Command {
  const program = new Command('dateline')
    .description('Dateline: live pages for conflict and foreign-affairs desks')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  function configFrom(opts: { dataDir?: string; port?: string; host?: string; workers?: string }): Config {
    const config = loadConfig(
      {
        ...io.env,
        ...(opts.dataDir !== undefined && { DATELINE_DATA_DIR: opts.dataDir }),
        ...(opts.port !== undefined && { PORT: opts.port }),
        ...(opts.host !== undefined && { HOST: opts.host }),
        ...(opts.workers !== undefined && { DATELINE_WORKERS: opts.workers }),
      },
      io.cwd,
    );
    // Once per start: `serve --workers` runs this again in every worker.
    if (config.dataDirNotice !== undefined && cluster.isPrimary)
      io.stderr.write(`dateline: ${config.dataDirNotice}\n`);
    return config;
  }

  program
    .command('serve')
    .description('serve the reader site, the newsroom API and live streams')
    .option('--port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('--host <host>', 'address to bind (default: $HOST or 127.0.0.1)')
    .option(
      '--workers <n>',
      'processes sharing the port, e.g. one per core (default: $DATELINE_WORKERS or 1)',
    )
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
        io.stdout.write(`${created.slug}\n`);
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
        io.stdout.write(`${d.slug}\t${d.timezone}\t${state}\t${d.name}\n`);
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
        io.stdout.write(`${updated.slug}\t${updated.timezone}\t${state}\t${updated.name}\n`);
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
      const reports = await migrateSqliteToPostgres(
        resolve(io.cwd, opts.from.slice('sqlite:'.length)),
        opts.to,
        (line) => io.stderr.write(`${line}\n`),
      );
      const width = Math.max(...reports.map((r) => r.table.length), 5);
      io.stdout.write(`${'table'.padEnd(width)}  ${'rows'.padStart(8)}  sha-256 (same in both)\n`);
      for (const r of reports) {
        io.stdout.write(`${r.table.padEnd(width)}  ${String(r.rows).padStart(8)}  ${r.checksum}\n`);
      }
      const total = reports.reduce((sum, r) => sum + r.rows, 0);
      io.stdout.write(`verified: ${total} rows in ${reports.length} tables match in SQLite and PostgreSQL\n`);
    });

  registerEnrichCommand(program, io);
  const deps: CommandDeps = { io, dataDirOption, withStore: (opts, run) => withStore(configFrom(opts), run) };
  registerStatementsCommand(program, deps);
  registerTokenCommands(program, deps);
  registerGazetteerCommand(program, deps);
  registerUserCommands(program, deps);
  return program;
}
