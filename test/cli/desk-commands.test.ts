/** `dateline desk list|update` on a fresh data directory: changes, archive, and one-line errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';

describe('dateline desk', () => {
  it('lists desks, renames one, sets its time zone and archives it; bad input is one clear line', async () => {
    const dataDir = createTempDir();
    const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir]);
    assert.equal((await cli('desk', 'create', '--name', 'Ukraine Daily')).status, 0);
    assert.equal(
      (await cli('desk', 'create', '--name', 'Syria Daily', '--timezone', 'Asia/Damascus')).status,
      0,
    );

    const renamed = await cli(
      'desk',
      'update',
      'ukraine-daily',
      '--name',
      'Ukraine Live',
      '--timezone',
      'Europe/Kyiv',
    );
    assert.equal(renamed.status, 0, renamed.stderr);
    assert.equal(renamed.stdout, 'ukraine-daily\tEurope/Kyiv\tactive\tUkraine Live\n');
    assert.equal((await cli('desk', 'update', 'syria-daily', '--archive')).status, 0);

    const list = await cli('desk', 'list');
    assert.equal(list.status, 0, list.stderr);
    const lines = list.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^syria-daily\tAsia\/Damascus\tarchived \d{4}-\d\d-\d\d\tSyria Daily$/);
    assert.equal(lines[1], 'ukraine-daily\tEurope/Kyiv\tactive\tUkraine Live');

    for (const [args, message] of [
      [['--timezone', 'Kyiv'], /^dateline: "Kyiv" is not an IANA time zone \(e\.g\. Europe\/Kyiv\)\n$/],
      [['--name', 'x'.repeat(5000)], /^dateline: name must be at most 100 characters\n$/],
      [['--archive', '--restore'], /^dateline: give --archive or --restore, not both\n$/],
    ] as const) {
      const res = await cli('desk', 'update', 'ukraine-daily', ...args);
      assert.notEqual(res.status, 0);
      assert.match(res.stderr, message);
    }
    const missing = await cli('desk', 'update', 'iran-daily', '--archive');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /^dateline: .*desk.*\n$/);
    // Nothing stored changed by the refused commands.
    assert.equal(
      (await cli('desk', 'list')).stdout.trim().split('\n')[1],
      'ukraine-daily\tEurope/Kyiv\tactive\tUkraine Live',
    );
  });
});
