/**
 * `dateline gazetteer import FILE…`, `status` and `remove ISO2`: the GeoNames places a deployment
 * imports beside the built-in gazetteer (src/enrich/places/geonames-import.ts).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ImportProgress } from '../enrich/places/geonames-import.ts';
import type { CliIo, CommandDeps } from './program.ts';

/** Non-TTY progress lines come at most this often, so a log is not flooded. */
const PLAIN_EVERY_MS = 10_000;

function describe(p: ImportProgress): string {
  const percent = p.size > 0 ? Math.min(100, Math.floor((p.bytes / p.size) * 100)) : 100;
  const what = p.kind === 'places' ? 'places' : p.kind === 'alternates' ? 'spellings' : 'area names';
  const resumed = p.resumedAt > 0 ? `, resumed after line ${p.resumedAt}` : '';
  const bad = p.bad > 0 ? `, ${p.bad} unreadable lines skipped` : '';
  if (p.state === 'already imported') return `${p.source}: already imported (${p.rows} ${what})`;
  return `${p.source}: ${p.state === 'done' ? 'done' : `${percent}%`}, ${p.lines} lines, ${p.rows} ${what} kept${resumed}${bad}`;
}

/** Progress on stderr: one line rewritten in place on a terminal, plain lines now and then otherwise. */
function progressPrinter(stderr: CliIo['stderr']): (p: ImportProgress) => void {
  const tty = stderr.isTTY;
  let last = 0;
  return (p) => {
    const line = describe(p);
    const final = p.state !== 'reading';
    if (tty) stderr.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
    else if (final || Date.now() - last >= PLAIN_EVERY_MS) {
      last = Date.now();
      stderr.write(`${line}\n`);
    }
  };
}

/** Registers `gazetteer import|status|remove` on the `dateline` program. */
export function registerGazetteerCommand(program: Command, deps: CommandDeps): void {
  const { io } = deps;
  const gazetteer = program
    .command('gazetteer')
    .description('import GeoNames places into this deployment (beside the built-in gazetteer)');
  gazetteer
    .command('import')
    .description(
      'import GeoNames dumps: a country file (SD.zip), allCountries.zip, admin1CodesASCII.txt, admin2Codes.txt, alternateNamesV2.zip; resumes an interrupted import',
    )
    .argument('<files...>', 'files downloaded from https://download.geonames.org/export/dump/')
    .option('--force', 'read files again even if they were imported whole before')
    .addOption(deps.dataDirOption())
    .action(async (files: string[], opts: { dataDir?: string; force?: boolean }) => {
      const { importGeonames } = await import('../enrich/places/geonames-import.ts');
      const results = await deps.withStore(opts, (store) =>
        importGeonames(
          store.gazetteer,
          files.map((file) => resolve(io.cwd, file)),
          progressPrinter(io.stderr),
          { force: opts.force ?? false },
        ),
      );
      const places = results.filter((r) => r.kind === 'places').reduce((n, r) => n + r.rows, 0);
      io.stdout.write(`imported ${results.length} file(s): ${places} places\n`);
    });
  gazetteer
    .command('status')
    .description('list imported files and places per country')
    .addOption(deps.dataDirOption())
    .action(async (opts: { dataDir?: string }) => {
      const { imports, countries } = await deps.withStore(opts, async (store) => ({
        imports: await store.gazetteer.imports(),
        countries: await store.gazetteer.countries(),
      }));
      if (imports.length === 0) {
        io.stdout.write('nothing imported: only the built-in gazetteer is used\n');
        return;
      }
      for (const i of imports)
        io.stdout.write(
          `${i.source}\t${i.kind}\t${i.finishedAt === null ? `interrupted at line ${i.linesDone}` : `imported ${i.finishedAt}`}\t${i.rowsKept} rows\n`,
        );
      for (const c of countries) io.stdout.write(`${c.iso2}\t${c.places} places\n`);
    });
  gazetteer
    .command('remove')
    .description("remove a country's imported places (the built-in gazetteer stays)")
    .argument('<iso2>', 'the country, e.g. SD')
    .addOption(deps.dataDirOption())
    .action(async (iso2: string, opts: { dataDir?: string }) => {
      const code = iso2.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(code)) throw new Error('the country must be an ISO 3166 alpha-2 code, e.g. SD');
      const removed = await deps.withStore(opts, (store) => store.gazetteer.removeCountry(code));
      io.stdout.write(`removed ${removed} places of ${code}\n`);
    });
}
