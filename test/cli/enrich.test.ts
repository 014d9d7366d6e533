import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, runCliProcess } from '../support/server-process.ts';
import { createTempDir } from '../support/temp-dir.ts';
import { zipOf } from '../support/zip.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'dateline.js');
const TEXT = 'Russian Foreign Minister Sergei Lavrov met Hakan Fidan in Ankara on Monday.';

describe('dateline enrich', () => {
  it('prints one JSON object for a text on standard input, dates resolved against --published', async () => {
    const result = await runCli(['enrich', '--published', '2026-05-27T10:00:00+03:00'], {}, TEXT);
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout) as Record<string, unknown[]>;
    assert.deepEqual(Object.keys(output), [
      'people',
      'organizations',
      'countries',
      'places',
      'dates',
      'events',
      'contacts',
    ]);
    assert.deepEqual(
      (output.people as { name: string }[]).map((p) => p.name),
      ['Sergei Lavrov', 'Hakan Fidan'],
    );
    assert.deepEqual(output.dates, [
      { text: 'on Monday', start: '2026-05-25', end: '2026-05-25', granularity: 'day' },
    ]);
    assert.equal((output.events as { type: string }[])[0]?.type, 'meet');
  });

  it('reads a file, and adds name suggestions when asked', async () => {
    const file = join(createTempDir(), 'update.txt');
    writeFileSync(file, 'Militia leader Abu Khalil Zeidan said his men left the town.');
    const result = await runCli(['enrich', '--suggestions', '--published', '2026-05-27T10:00:00Z', file]);
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout) as { suggestions: unknown[]; events: { type: string }[] };
    assert.deepEqual(output.suggestions, [{ text: 'Abu Khalil Zeidan', title: 'leader' }]);
    assert.equal(output.events[0]?.type, 'withdraw');
  });

  it('refuses a bad publication time, bad country codes and a missing file with one line', async () => {
    const time = await runCli(['enrich', '--published', 'yesterday'], {}, TEXT);
    assert.notEqual(time.status, 0);
    assert.equal(
      time.stderr.trim(),
      'dateline: --published must be an ISO 8601 time, e.g. 2026-05-27T10:00:00+03:00',
    );
    const countries = await runCli(['enrich', '--countries', 'Syria'], {}, TEXT);
    assert.notEqual(countries.status, 0);
    assert.match(countries.stderr.trim(), /^dateline: --countries must be ISO 3166 alpha-2 codes/);
    const missing = await runCli(['enrich', join(createTempDir(), 'none.txt')]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr.trim(), /^dateline: cannot read .*none\.txt: ENOENT$/);
  });

  it('enriches one JSON object per line with --jsonl, answering bad lines by number and going on', async () => {
    const dataDir = createTempDir();
    const lines = [
      JSON.stringify({ id: 'a', text: TEXT, published: '2026-05-27T10:00:00+03:00' }),
      '{"id": "b", "text": ',
      JSON.stringify({ id: 'c', text: 42 }),
      '',
      JSON.stringify({ id: 7, text: 'Shelling hit Kutum.', countries: ['sd'] }),
    ];
    const result = await runCli(
      ['enrich', '--jsonl'],
      { DATELINE_DATA_DIR: dataDir },
      `${lines.join('\n')}\n`,
    );
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      out.map((o) => o.id ?? null),
      ['a', null, 'c', 7],
    );
    assert.deepEqual(
      (out[0]?.people as { name: string }[]).map((p) => p.name),
      ['Sergei Lavrov', 'Hakan Fidan'],
    );
    assert.deepEqual((out[0]?.dates as { start: string }[])[0]?.start, '2026-05-25');
    assert.deepEqual(out[1], { line: 2, error: 'not JSON' });
    assert.deepEqual(out[2], {
      line: 3,
      id: 'c',
      error: 'text: Invalid input: expected string, received number',
    });
    assert.equal((out[3]?.places as { name: string }[])[0]?.name, 'Kutum');
    assert.equal(result.stderr, 'dateline: 2 of 5 lines could not be read\n');
    assert.ok(!existsSync(join(dataDir, 'dateline.db')), 'enriching creates no database');
  });

  it('tells the lines of one story the people its earlier lines named', async () => {
    const lines = [
      { id: 1, story: 's1', text: 'Gen. Maren Holloway, the task force commander, briefed reporters.' },
      { id: 2, story: 's1', text: 'Holloway said the strikes would go on.' },
      { id: 3, story: 's2', text: 'Holloway said the strikes would go on.' },
      { id: 4, text: 'Holloway said the strikes would go on.' },
    ];
    const result = await runCli(
      ['enrich', '--jsonl'],
      { DATELINE_DATA_DIR: createTempDir() },
      `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
    );
    assert.equal(result.status, 0, result.stderr);
    const people = result.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { people: { name: string }[] }).people.map((p) => p.name));
    assert.deepEqual(people, [['Maren Holloway'], ['Maren Holloway'], [], []]);
  });

  it('uses the places the deployment imported', async () => {
    const dataDir = createTempDir();
    const zip = join(createTempDir(), 'UA.zip');
    const slice = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'geonames', 'UA.txt'), 'utf8');
    writeFileSync(zip, zipOf({ 'UA.txt': slice }));
    assert.equal((await runCli(['gazetteer', 'import', '--data-dir', dataDir, zip])).status, 0);
    const line = JSON.stringify({ id: 1, text: 'Ukrainian troops advanced near Rabotino and Robotyne.' });
    const result = await runCli(['enrich', '--jsonl', '--data-dir', dataDir, '--countries', 'UA'], {}, line);
    assert.equal(result.status, 0, result.stderr);
    const places = (
      JSON.parse(result.stdout) as { places: { name: string; matched: string; geonameId?: number }[] }
    ).places;
    assert.deepEqual(
      places.map((p) => [p.name, p.matched, p.geonameId]),
      [['Robotyne', 'Robotyne', 99000001]],
    );
  });

  it('ends quietly when its reader closes the pipe early (`| head -1`)', async () => {
    const child = spawn(process.execPath, [BIN, 'enrich', '--jsonl'], {
      env: { ...process.env, DATELINE_DATA_DIR: createTempDir() },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: i, text: TEXT })).join('\n');
    child.stdin.on('error', () => {}); // the child may be gone before all lines are written
    child.stdin.end(`${lines}\n`);
    // Read the first result, then close the pipe as `head -1` does.
    const first = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', function read(d: Buffer) {
        out += d.toString();
        if (out.includes('\n')) {
          child.stdout.off('data', read);
          child.stdout.destroy();
          resolve(out.slice(0, out.indexOf('\n')));
        }
      });
    });
    assert.equal((JSON.parse(first) as { id: number }).id, 0);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
  });

  it('does not load the HTTP server', () => {
    const hook = join(import.meta.dirname, '..', 'support', 'report-http-imports.mjs');
    const env = { NODE_OPTIONS: `--import ${hook}`, DATELINE_DATA_DIR: createTempDir() };
    const result = runCliProcess(['enrich', '--jsonl'], env, JSON.stringify({ id: 1, text: TEXT }));
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /http module loaded/);
    // The hook does report: a process that loads an HTTP module is told so.
    const control = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', hook, '-e', "await import('./src/http/problem.ts')"],
      { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' },
    );
    assert.match(control.stderr, /http module loaded: .*\/src\/http\/problem\.ts/);
  });
});
