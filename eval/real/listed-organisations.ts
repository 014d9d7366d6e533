/**
 * The organisations of Dateline's shipped list, as they were when the UCDP and Wikipedia sets were
 * annotated: their gold counts a listed organisation the text names, so reading today's list would
 * let every alias added to it (to find more) also add the span it finds to the gold. Read from git:
 * the clone must hold this commit.
 */
import { execFileSync } from 'node:child_process';

const LIST_COMMIT = '055a83c';

/** The names and aliases of the list at LIST_COMMIT that open with a capital and are 3+ long. */
export function listedOrganisations(cwd: string): string[] {
  const file = execFileSync('git', ['show', `${LIST_COMMIT}:resources/names/organizations.json`], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return (JSON.parse(file) as { organizations: { name: string; aliases: string[] }[] }).organizations
    .flatMap((o) => [o.name, ...o.aliases])
    .filter((s) => /^\p{Lu}/u.test(s) && s.length > 2);
}
