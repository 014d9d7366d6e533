/**
 * `dateline token create|list|revoke`: API tokens. Modules are imported when a command runs, so a token
 * command loads the store and the token service, not the server.
 */
import { type Command, Option } from 'commander';
import { ROLES, type Role } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import type { CommandDeps } from './program.ts';

async function tokenService(store: Store) {
  const { TokenService } = await import('../accounts/token-service.ts');
  return new TokenService({ store });
}

/** Adds `token create|list|revoke` to `program`. */
export function registerTokenCommands(program: Command, deps: CommandDeps): void {
  const { io } = deps;
  const token = program.command('token').description('manage API tokens');

  token
    .command('create')
    .description('create an API token; the secret is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'who or what uses the token, e.g. "syria-desk"')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--expires <when>', 'a duration (30d, 12h) or an ISO date (2027-01-31); default: never')
    .addOption(deps.dataDirOption())
    .action(async (opts: { name: string; role: Role; expires?: string; dataDir?: string }) => {
      const { secret, token: created } = await deps.withStore(opts, async (store) =>
        (await tokenService(store)).create({ name: opts.name, role: opts.role, expires: opts.expires }),
      );
      const until = created.expiresAt === null ? '' : `, valid until ${created.expiresAt}`;
      io.stderr.write(
        `Created ${created.role} token "${created.name}" (id ${created.id}${until}). Copy it now; it cannot be shown again:\n`,
      );
      io.stdout.write(`${secret}\n`);
    });

  token
    .command('list')
    .description('list tokens: id, name, role, state, created, last used, expires (never the secrets)')
    .addOption(deps.dataDirOption())
    .action(async (opts: { dataDir?: string }) => {
      const { tokenState } = await import('../accounts/token-service.ts');
      const tokens = await deps.withStore(opts, async (store) => (await tokenService(store)).list());
      const now = new Date();
      io.stdout.write('id\tname\trole\tstate\tcreated\tlast used\texpires\n');
      for (const t of tokens) {
        const cells = [
          t.id,
          t.name,
          t.role,
          tokenState(t, now),
          t.createdAt,
          t.lastUsedAt ?? '-',
          t.expiresAt ?? 'never',
        ];
        io.stdout.write(`${cells.join('\t')}\n`);
      }
    });

  token
    .command('revoke')
    .description('revoke a token at once, on every running node (its open streams end within a heartbeat)')
    .argument('<id>', 'the token id, from `dateline token list`')
    .addOption(deps.dataDirOption())
    .action(async (id: string, opts: { dataDir?: string }) => {
      const revoked = await deps.withStore(opts, async (store) => (await tokenService(store)).revoke(id));
      io.stdout.write(`revoked ${revoked.role} token "${revoked.name}" (${revoked.id})\n`);
    });
}
