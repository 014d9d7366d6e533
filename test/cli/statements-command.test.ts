import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { CALL_ESTMARK, CALL_NORLAND, MINISTRY_CEASEFIRE } from '../statements/readouts.ts';

describe('dateline statements', () => {
  const dataDir = createTempDir();
  const file = (name: string, text: string) => {
    const path = join(dataDir, name);
    writeFileSync(path, text);
    return path;
  };
  const add = (path: string, published: string, ...extra: string[]) =>
    runCli([
      'statements',
      'add',
      '--issuer',
      'Presidency of Valdoria',
      '--published',
      published,
      ...extra,
      path,
      '--data-dir',
      dataDir,
    ]);

  it('adds statements, names the earlier one a new readout reuses, and lists it with scores', async () => {
    const first = await add(
      file('norland.txt', CALL_NORLAND),
      '2026-03-12T16:05:00Z',
      '--title',
      'Call with the President of Norland',
    );
    assert.equal(first.status, 0, first.stderr);
    const norland = first.stdout.trim();
    assert.match(norland, /^[0-9a-z]{26}$/);
    assert.equal((await add(file('ceasefire.txt', MINISTRY_CEASEFIRE), '2026-03-14T08:00:00Z')).status, 0);
    // Standard input works too.
    const second = await runCli(
      [
        'statements',
        'add',
        '--issuer',
        'Presidency of Valdoria',
        '--published',
        '2026-03-19T12:30:00+01:00',
        '-',
        '--data-dir',
        dataDir,
      ],
      {},
      CALL_ESTMARK,
    );
    assert.equal(second.status, 0, second.stderr);
    const estmark = second.stdout.trim();
    assert.match(second.stderr, new RegExp(`reuses the wording of ${norland} \\(0\\.\\d\\d\\)`));

    const similar = await runCli(['statements', 'similar', estmark, '--data-dir', dataDir]);
    assert.equal(similar.status, 0, similar.stderr);
    const lines = similar.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'the unrelated ministry statement is not listed');
    assert.match(lines[0]!, new RegExp(`^0\\.\\d\\d .*${norland}.*Call with the President of Norland`));

    const json = JSON.parse(
      (await runCli(['statements', 'similar', estmark, '--json', '--mask-names', '--data-dir', dataDir]))
        .stdout,
    );
    assert.equal(json[0].id, norland);
    assert.ok(json[0].jaccard > 0.4 && json[0].score === json[0].jaccard);

    // The earlier statement has nothing earlier to reuse.
    const none = await runCli(['statements', 'similar', norland, '--json', '--data-dir', dataDir]);
    assert.deepEqual(JSON.parse(none.stdout), []);

    const compare = await runCli(['statements', 'compare', norland, estmark, '--data-dir', dataDir]);
    assert.equal(compare.status, 0, compare.stderr);
    assert.match(compare.stdout, /\[Norland Henrik Aasveen \| Estmark Lotte Brauner\]/);
    assert.match(compare.stdout, /^- invitation to the summit in Ostrava$/m);
    assert.match(compare.stdout, /^\+ humanitarian assistance$/m);
    const compareJson = JSON.parse(
      (await runCli(['statements', 'compare', norland, estmark, '--json', '--data-dir', dataDir])).stdout,
    );
    assert.deepEqual(
      compareJson.statements.map((s: { id: string }) => s.id),
      [norland, estmark],
    );
    assert.ok(compareJson.template.some((s: { kind: string }) => s.kind === 'slot'));
  });

  it('refuses bad input with one line naming the flag, and stores nothing', async () => {
    const path = file('x.txt', 'Some words of a statement.');
    const badTime = await add(path, 'last Tuesday');
    assert.equal(badTime.status, 1);
    assert.match(badTime.stderr, /^dateline: --published: must be an ISO-8601 time/);
    assert.equal(badTime.stderr.trim().split('\n').length, 1);
    const missing = await add(join(dataDir, 'missing.txt'), '2026-03-19T12:30:00Z');
    assert.match(missing.stderr, /^dateline: cannot read .*missing\.txt: ENOENT/);
    const badUrl = await add(path, '2026-03-19T12:30:00Z', '--url', 'ftp://x');
    assert.match(badUrl.stderr, /^dateline: --url: must be an absolute http\(s\) URL/);
    const unknown = await runCli(['statements', 'compare', 'a', 'b', '--data-dir', dataDir]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /^dateline: statement a not found/);
    const notFound = await runCli(['statements', 'similar', 'nope', '--data-dir', dataDir]);
    assert.equal(notFound.status, 1);
    assert.match(notFound.stderr, /^dateline: statement not found/);
  });
});
