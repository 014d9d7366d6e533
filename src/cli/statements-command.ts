/**
 * `dateline statements`: add a statement from a file, list the earlier statements that share its
 * wording, and compare statements word by word.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DomainError, invalid } from '../domain/errors.ts';
import type { DiffPart } from '../statements/compare.ts';
import type { Comparison, SimilarStatement } from '../statements/statement-service.ts';
import type { Store } from '../store/store.ts';
import type { CliIo, CommandDeps } from './program.ts';

// Fields of the statement as the CLI spells them, so an error names the flag to fix. (Not commander's
// InvalidArgumentError: main.ts takes any CommanderError as already printed.)
const FLAGS: Record<string, string> = {
  issuer: '--issuer',
  publishedAt: '--published',
  title: '--title',
  url: '--url',
  language: '--language',
  tags: '--tag',
  text: 'FILE',
  threshold: '--threshold',
  metric: '--metric',
  limit: '--limit',
};

/** Registers `statements add|similar|compare` on `program`. */
export function registerStatementsCommand(program: Command, deps: CommandDeps): void {
  const { io } = deps;
  const statements = program.command('statements').description('the library of official statements');
  // Imported when a command runs; only `add` loads the enricher (it names a statement's parties).
  const service = async (store: Store, options: { parties?: boolean } = {}) => {
    const { StatementService } = await import('../statements/statement-service.ts');
    if (!options.parties) return new StatementService({ statements: store.statements });
    const { loadEnricher } = await import('../enrich/pipeline.ts');
    const { loadConfig } = await import('../config.ts');
    const { partiesFromEnricher } = await import('../statements/statement-parties.ts');
    return new StatementService({
      statements: store.statements,
      partiesOf: partiesFromEnricher(loadEnricher(loadConfig(io.env, io.cwd).referenceDir)),
    });
  };

  statements
    .command('add')
    .description('add a statement from FILE ("-" for standard input); prints its id')
    .argument('<file>', 'plain text of the statement')
    .requiredOption('--issuer <issuer>', 'who issued it, e.g. "Presidency of Ruritania"')
    .requiredOption('--published <time>', 'when, as ISO-8601 with a zone, e.g. 2026-05-27T14:30:00Z')
    .option('--title <title>', 'its title')
    .option('--url <url>', 'where it was published')
    .option('--language <tag>', 'language tag', 'en')
    .option('--tag <tag...>', 'tags')
    .addOption(deps.dataDirOption())
    .action(
      async (
        file: string,
        opts: {
          issuer: string;
          published: string;
          title?: string;
          url?: string;
          language: string;
          tag?: string[];
          dataDir?: string;
        },
      ) => {
        const text = await readText(file, io);
        const { statement, similar } = await deps.withStore(opts, async (store) => {
          const adding = await service(store, { parties: true });
          const added = await withFlags(() =>
            adding.add({
              issuer: opts.issuer,
              publishedAt: opts.published,
              text,
              ...(opts.title !== undefined && { title: opts.title }),
              ...(opts.url !== undefined && { url: opts.url }),
              language: opts.language,
              ...(opts.tag !== undefined && { tags: opts.tag }),
            }),
          );
          return {
            statement: added,
            similar: await (await service(store)).similarTo(added.id, { limit: 3 }),
          };
        });
        io.stdout.write(`${statement.id}\n`);
        for (const hit of similar) {
          io.stderr.write(
            `reuses the wording of ${hit.statement.id} (${hit.score.toFixed(2)}): ${label(hit)}\n`,
          );
        }
      },
    );

  statements
    .command('similar')
    .description('earlier statements that share the wording of ID, best first')
    .argument('<id>', 'statement id')
    .addOption(
      new Option('--metric <metric>', 'score to rank by')
        .choices(['jaccard', 'containment'])
        .default('jaccard'),
    )
    .option('--threshold <score>', 'lowest score listed, 0 to 1', '0.3')
    .option('--mask-names', 'compare with names masked, to match a template across counterparts')
    .option('--limit <n>', 'most listed', '20')
    .option('--json', 'print JSON')
    .addOption(deps.dataDirOption())
    .action(
      async (
        id: string,
        opts: {
          metric: 'jaccard' | 'containment';
          threshold: string;
          maskNames?: boolean;
          limit: string;
          json?: boolean;
          dataDir?: string;
        },
      ) => {
        const hits = await deps.withStore(opts, async (store) => {
          const statements = await service(store);
          return withFlags(() =>
            statements.similarTo(id, {
              metric: opts.metric,
              threshold: Number(opts.threshold),
              maskNames: opts.maskNames === true,
              limit: Number(opts.limit),
            }),
          );
        });
        if (opts.json) {
          io.stdout.write(`${JSON.stringify(hits.map(similarJson), null, 2)}\n`);
          return;
        }
        if (hits.length === 0) io.stderr.write(`no earlier statement scores ${opts.threshold} or more\n`);
        for (const hit of hits) {
          io.stdout.write(
            `${hit.score.toFixed(2)}  jaccard ${hit.jaccard.toFixed(2)}  containment ${hit.containment.toFixed(2)}  ${hit.statement.id}  ${label(hit)}\n`,
          );
        }
      },
    );

  statements
    .command('compare')
    .description('the template two or more statements share and what differs, word by word')
    .argument('<ids...>', 'statement ids (two to ten)')
    .option('--json', 'print JSON')
    .addOption(deps.dataDirOption())
    .action(async (ids: string[], opts: { json?: boolean; dataDir?: string }) => {
      const comparison = await deps.withStore(opts, async (store) => {
        const statements = await service(store);
        return withFlags(() => statements.compare(ids));
      });
      io.stdout.write(
        opts.json ? `${JSON.stringify(comparisonJson(comparison), null, 2)}\n` : comparisonText(comparison),
      );
    });
}

async function readText(file: string, io: CliIo): Promise<string> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of io.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw invalid('FILE', `cannot read ${file}: ${reason}`);
  }
}

/** Runs `run`, renaming a validation error's field to the flag that sets it. */
async function withFlags<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const field = error instanceof DomainError ? error.details.field : undefined;
    if (error instanceof DomainError && field !== undefined) {
      const root = field.split('.')[0] ?? field;
      const flag = FLAGS[root];
      if (flag !== undefined) throw invalid(flag, `${flag}${error.message.slice(field.length)}`);
    }
    throw error;
  }
}

function label(hit: SimilarStatement): string {
  const { statement } = hit;
  const title = statement.title !== '' ? statement.title : `${statement.text.slice(0, 60)}…`;
  return `${statement.publishedAt.slice(0, 10)}  ${statement.issuer}: ${title}`;
}

function similarJson(hit: SimilarStatement) {
  const { statement, score, jaccard, containment, overlap } = hit;
  return {
    id: statement.id,
    issuer: statement.issuer,
    title: statement.title,
    publishedAt: statement.publishedAt,
    url: statement.url,
    score,
    jaccard,
    containment,
    sharedShingles: overlap,
  };
}

/** A comparison as JSON (the CLI's and the API's shape). */
export function comparisonJson(comparison: Comparison) {
  return {
    statements: comparison.statements.map((s) => ({
      id: s.id,
      issuer: s.issuer,
      title: s.title,
      publishedAt: s.publishedAt,
    })),
    template: comparison.template,
    templateText: comparison.templateText,
    pairs: comparison.pairs.map((pair) => ({
      from: pair.from,
      to: pair.to,
      jaccard: pair.jaccard,
      containment: pair.containment,
      parts: pair.parts,
    })),
  };
}

function comparisonText(comparison: Comparison): string {
  const lines = ['Template:', comparison.templateText, ''];
  for (const pair of comparison.pairs) {
    lines.push(
      `${pair.from} → ${pair.to}: jaccard ${pair.jaccard.toFixed(2)}, containment ${pair.containment.toFixed(2)}`,
    );
    lines.push(...differences(pair.parts), '');
  }
  return `${lines.join('\n')}\n`;
}

/** "- only in the first" / "+ only in the second" lines, one per change. */
function differences(parts: DiffPart[]): string[] {
  return parts
    .filter((part) => part.kind !== 'same' && part.text.trim() !== '')
    .map((part) => `${part.kind === 'removed' ? '-' : '+'} ${part.text.trim()}`);
}
