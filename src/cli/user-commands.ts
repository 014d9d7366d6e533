/** `dateline user …`: newsroom accounts. Passwords come on standard input, never as arguments (ps, shell history). */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, type Role } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { CliIo, CommandDeps } from './program.ts';

/** Reads the whole of standard input; the password is its first line. */
async function readPassword(stdin: CliIo['stdin']): Promise<string> {
  if (stdin.isTTY)
    throw new InvalidArgumentError(
      '--password-stdin reads the password from a pipe, e.g. `read -s P; echo "$P" |`',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (password === '') throw new InvalidArgumentError('no password on standard input');
  return password;
}

const roleOption = () =>
  new Option('--role <role>', 'contributor, editor or admin').choices(ROLES).makeOptionMandatory();

/** Adds `user add|passwd|role|desks|disable|enable|list` to `program`. */
export function registerUserCommands(program: Command, deps: CommandDeps): void {
  const { io } = deps;
  const user = program.command('user').description('manage newsroom accounts');
  const accounts = async (store: Store) => {
    const { AccountService } = await import('../accounts/account-service.ts');
    return new AccountService({ store });
  };

  user
    .command('add')
    .description('create an account; there is no default password, so this is how the first admin is made')
    .requiredOption('--email <email>', 'sign-in address')
    .requiredOption('--name <name>', 'shown as the author of their updates')
    .addOption(roleOption())
    .requiredOption('--password-stdin', 'read the password from standard input')
    .addOption(deps.dataDirOption())
    .action(async (opts: { email: string; name: string; role: Role; dataDir?: string }) => {
      const password = await readPassword(io.stdin);
      const created = await deps.withStore(opts, async (store) =>
        (await accounts(store)).addUser({ email: opts.email, name: opts.name, role: opts.role, password }),
      );
      io.stdout.write(`${created.email} (${created.role})\n`);
    });

  user
    .command('passwd')
    .description('set a new password (read from standard input); ends the user’s sessions')
    .requiredOption('--email <email>')
    .requiredOption('--password-stdin', 'read the password from standard input')
    .addOption(deps.dataDirOption())
    .action(async (opts: { email: string; dataDir?: string }) => {
      const password = await readPassword(io.stdin);
      const changed = await deps.withStore(opts, async (store) =>
        (await accounts(store)).setPassword(opts.email, password),
      );
      io.stdout.write(`${changed.email}: password changed, signed out everywhere\n`);
    });

  user
    .command('role')
    .description('change a user’s role')
    .requiredOption('--email <email>')
    .addOption(roleOption())
    .addOption(deps.dataDirOption())
    .action(async (opts: { email: string; role: Role; dataDir?: string }) => {
      const changed = await deps.withStore(opts, async (store) =>
        (await accounts(store)).setRole(opts.email, opts.role),
      );
      io.stdout.write(`${changed.email} (${changed.role})\n`);
    });

  user
    .command('desks')
    .description('limit a user to some desks (comma-separated slugs), or "all"')
    .requiredOption('--email <email>')
    .requiredOption('--desks <slugs>', 'e.g. syria-daily,iran-daily, or all')
    .addOption(deps.dataDirOption())
    .action(async (opts: { email: string; desks: string; dataDir?: string }) => {
      const slugs =
        opts.desks.trim() === 'all'
          ? null
          : opts.desks
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
      const changed = await deps.withStore(opts, async (store) =>
        (await accounts(store)).setDesks(opts.email, slugs),
      );
      io.stdout.write(`${changed.email}: ${slugs === null ? 'all desks' : slugs.join(', ')}\n`);
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(
        disabled ? 'stop a user signing in and end their sessions' : 'let a disabled user sign in again',
      )
      .requiredOption('--email <email>')
      .addOption(deps.dataDirOption())
      .action(async (opts: { email: string; dataDir?: string }) => {
        const changed = await deps.withStore(opts, async (store) =>
          (await accounts(store)).setDisabled(opts.email, disabled),
        );
        io.stdout.write(`${changed.email}: ${disabled ? 'disabled' : 'enabled'}\n`);
      });
  }

  user
    .command('list')
    .description('list accounts: email, role, desks, state')
    .addOption(deps.dataDirOption())
    .action(async (opts: { dataDir?: string }) => {
      const users = await deps.withStore(opts, (store) => store.accounts.listUsers());
      for (const u of users) {
        const desks = u.desks === null ? 'all desks' : `${u.desks.length} desk(s)`;
        io.stdout.write(
          `${u.email}\t${u.role}\t${u.name}\t${desks}\t${u.disabledAt === null ? 'active' : 'disabled'}\n`,
        );
      }
    });
}
