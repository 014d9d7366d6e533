/**
 * `dateline enrich [--published ISO-TIME] [--countries XX,YY] [--jsonl] [FILE]`: prints the enrichment
 * of a text as JSON, or of one JSON object per line (`--jsonl`), with the data loaded once.
 */
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import type * as ReportDates from '../enrich/dates/report-dates.ts';
import type { Lexicon } from '../enrich/lexicon.ts';
import type { Store } from '../store/store.ts';
import type { CliIo } from './program.ts';

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// Loaded when the command runs, not when it is registered: other commands must not load chrono-node.
let parseReference: typeof ReportDates.parseReference;

function isIsoTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(value) && parseReference(value) !== undefined;
}

function parsePublished(value: string): string {
  if (!isIsoTime(value))
    throw new Error('--published must be an ISO 8601 time, e.g. 2026-05-27T10:00:00+03:00');
  return value;
}

const ISO2 = /^[A-Z]{2}$/;

function parseCountries(value: string): string[] {
  const codes = value.split(',').map((c) => c.trim().toUpperCase());
  if (codes.some((c) => !ISO2.test(c)))
    throw new Error('--countries must be ISO 3166 alpha-2 codes separated by commas, e.g. SD,TD');
  return codes;
}

/** One line of `--jsonl` input. */
const JsonlItem = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  published: z.string().refine(isIsoTime, 'must be an ISO 8601 time').optional(),
  countries: z
    .array(z.string().transform((c) => c.trim().toUpperCase()))
    .refine((cs) => cs.every((c) => ISO2.test(c)), 'must be ISO 3166 alpha-2 codes')
    .optional(),
  /** Lines with the same story are its updates, in order: a later one's surnames find earlier people. */
  story: z.union([z.string(), z.number()]).optional(),
});

/** The stories whose people a `--jsonl` run remembers: the most recently seen ones. */
const STORIES_REMEMBERED = 10_000;
/** The people remembered per story, latest first. */
const PEOPLE_PER_STORY = 200;

/** The first problem of a line, as "field: message". */
function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'invalid';
}

interface EnrichOpts {
  published?: string;
  countries?: string;
  suggestions?: boolean;
  jsonl?: boolean;
  dataDir?: string;
}

/**
 * The deployment's store, when it may hold imported places: `--data-dir` or DATABASE_URL given, or a
 * database already in the default data directory. Never creates one just to enrich a text.
 */
async function openImportsStore(opts: EnrichOpts, io: CliIo): Promise<Store | undefined> {
  const config = loadConfig(
    { ...io.env, ...(opts.dataDir !== undefined && { DATELINE_DATA_DIR: opts.dataDir }) },
    io.cwd,
  );
  const hasDatabase = existsSync(join(config.dataDir, 'dateline.db'));
  if (opts.dataDir === undefined && !config.databaseUrl && !hasDatabase) return undefined;
  const { openStore } = await import('../store/open-store.ts');
  return openStore(config.databaseUrl, config.dataDir);
}

/** Writes a line to stdout, waiting when the pipe is full (a million-line export must not buffer). */
async function writeLine(out: NodeJS.WritableStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await new Promise<void>((done) => out.once('drain', () => done()));
}

/** Registers the `enrich` command on the `dateline` program. */
export function registerEnrichCommand(program: Command, io: CliIo): void {
  program
    .command('enrich')
    .description('print the people, organisations, places, dates and events in a text as JSON')
    .argument('[file]', 'text file to read (default: standard input)')
    .option('--published <iso-time>', 'publication time relative dates resolve against (default: now)')
    .option('--countries <iso2,...>', "the story's countries, to tell places of the same name apart")
    .option('--suggestions', 'add "suggestions": capitalised names no dictionary knows')
    .option(
      '--jsonl',
      'read one JSON object per line ({id, text, published?, countries?, story?}) and print one result per line',
    )
    .addOption(
      new Option(
        '--data-dir <dir>',
        'deployment whose imported places to use (default: $DATELINE_DATA_DIR or ./var, if it has a database)',
      ),
    )
    .action(async (file: string | undefined, opts: EnrichOpts) => {
      ({ parseReference } = await import('../enrich/dates/report-dates.ts'));
      const { loadEnricher } = await import('../enrich/pipeline.ts');
      // Checked here rather than by option parsers so that a bad value is one `dateline: …` line.
      const published =
        opts.published === undefined ? new Date().toISOString() : parsePublished(opts.published);
      const storyCountries = opts.countries === undefined ? [] : parseCountries(opts.countries);
      const cannotRead = (error: unknown) =>
        new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
          cause: error,
        });
      let text = '';
      if (!opts.jsonl) {
        try {
          text = file === undefined ? await readAll(io.stdin) : await readFile(resolve(io.cwd, file), 'utf8');
        } catch (error) {
          throw cannotRead(error);
        }
      }
      const store = await openImportsStore(opts, io);
      try {
        const { ImportedPlaces } = await import('../enrich/places/imported-places.ts');
        const imported = store ? new ImportedPlaces(store.gazetteer) : undefined;
        const enricher = loadEnricher(loadConfig(io.env, io.cwd).referenceDir);
        const enrichOne = async (
          body: string,
          when: string,
          countries: string[],
          storyPeople: readonly string[] = [],
        ) => {
          const importedPlaces: Lexicon | undefined = await imported?.lexiconFor(body);
          const result = enricher.enrich(body, {
            published: when,
            storyCountries: countries,
            ...(importedPlaces && { importedPlaces }),
            storyPeople,
          });
          return opts.suggestions ? { ...result, suggestions: enricher.suggest(body) } : result;
        };
        if (!opts.jsonl) {
          io.stdout.write(`${JSON.stringify(await enrichOne(text, published, storyCountries), null, 2)}\n`);
          return;
        }
        let input: NodeJS.ReadableStream = io.stdin;
        if (file !== undefined) {
          try {
            input = (await open(resolve(io.cwd, file))).createReadStream();
          } catch (error) {
            throw cannotRead(error);
          }
        }
        let lineNumber = 0;
        let failed = 0;
        const peopleOfStory = new Map<string, string[]>();
        for await (const line of createInterface({ input, crlfDelay: Infinity })) {
          lineNumber++;
          if (line.trim() === '') continue;
          let item: z.infer<typeof JsonlItem>;
          let id: unknown;
          try {
            const raw: unknown = JSON.parse(line);
            id = (raw as { id?: unknown } | null)?.id;
            item = JsonlItem.parse(raw);
          } catch (error) {
            failed++;
            const problem = error instanceof z.ZodError ? problemOf(error) : 'not JSON';
            await writeLine(
              io.stdout,
              JSON.stringify({
                line: lineNumber,
                ...((typeof id === 'string' || typeof id === 'number') && { id }),
                error: problem,
              }),
            );
            continue;
          }
          const story = item.story === undefined ? undefined : String(item.story);
          const before = (story !== undefined && peopleOfStory.get(story)) || [];
          const result = await enrichOne(
            item.text,
            item.published ?? published,
            item.countries ?? storyCountries,
            before,
          );
          if (story !== undefined) {
            peopleOfStory.delete(story);
            const names = [...new Set([...result.people.map((p) => p.name).reverse(), ...before])];
            peopleOfStory.set(story, names.slice(0, PEOPLE_PER_STORY));
            const oldest = peopleOfStory.keys().next().value;
            if (peopleOfStory.size > STORIES_REMEMBERED && oldest !== undefined) peopleOfStory.delete(oldest);
          }
          await writeLine(io.stdout, JSON.stringify({ id: item.id, ...result }));
        }
        if (failed > 0) io.stderr.write(`dateline: ${failed} of ${lineNumber} lines could not be read\n`);
      } finally {
        await store?.close();
      }
    });
}
