/** `dateline enrich [--published ISO-TIME] [FILE]`: prints the enrichment of a text as JSON. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function parsePublished(value: string): Promise<string> {
  // Loaded here, not at the top: registering the command must not load chrono-node for every command.
  const { parseReference } = await import('../enrich/dates/report-dates.ts');
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !parseReference(value))
    throw new Error('--published must be an ISO 8601 time, e.g. 2026-05-27T10:00:00+03:00');
  return value;
}

function parseCountries(value: string): string[] {
  const codes = value.split(',').map((c) => c.trim().toUpperCase());
  if (codes.some((c) => !/^[A-Z]{2}$/.test(c)))
    throw new Error('--countries must be ISO 3166 alpha-2 codes separated by commas, e.g. SD,TD');
  return codes;
}

/** Registers the `enrich` command on the `dateline` program. */
export function registerEnrichCommand(program: Command): void {
  program
    .command('enrich')
    .description('print the people, organisations, places, dates and events in a text as JSON')
    .argument('[file]', 'text file to read (default: standard input)')
    .option('--published <iso-time>', 'publication time relative dates resolve against (default: now)')
    .option('--countries <iso2,...>', "the story's countries, to tell places of the same name apart")
    .option('--suggestions', 'add "suggestions": capitalised names no dictionary knows')
    .action(
      async (
        file: string | undefined,
        opts: { published?: string; countries?: string; suggestions?: boolean },
      ) => {
        // Checked here rather than by option parsers so that a bad value is one `dateline: …` line.
        const published =
          opts.published === undefined ? new Date().toISOString() : await parsePublished(opts.published);
        const storyCountries = opts.countries === undefined ? [] : parseCountries(opts.countries);
        let text: string;
        try {
          text = file === undefined ? await readStdin() : await readFile(file, 'utf8');
        } catch (error) {
          throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
            cause: error,
          });
        }
        const { createEnricher } = await import('../enrich/pipeline.ts');
        const enricher = createEnricher();
        const result = enricher.enrich(text, {
          published,
          storyCountries,
        });
        const output = opts.suggestions ? { ...result, suggestions: enricher.suggest(text) } : result;
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      },
    );
}
