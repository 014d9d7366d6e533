/**
 * The statements library's use cases: add a statement (validated, fingerprinted, stored and indexed),
 * find the earlier statements that share its wording, and compare several word by word.
 */
import type { z } from 'zod';
import { conflict, DomainError, invalid, notFound } from '../domain/errors.ts';
import {
  buildTemplate,
  diffStatements,
  templateText,
  type DiffPart,
  type TemplateSegment,
} from './compare.ts';
import { fingerprint, similarityOf, type Similarity } from './shingles.ts';
import { CreateStatementSchema, SimilarOptionsSchema, type SimilarOptions } from './statement-input.ts';
import type { PartiesOf } from './statement-parties.ts';
import type { StatementFingerprints, StatementStore, StoredOnce } from './statement-store.ts';
import type { NewStatement, Statement } from './statement.ts';

/** An earlier statement found similar, with its scores. */
export interface SimilarStatement extends Similarity {
  statement: Statement;
  score: number;
}

/** Two statements compared: the word diff from the first to the second and their similarity. */
export interface PairComparison extends Similarity {
  from: string;
  to: string;
  parts: DiffPart[];
}

/** Several statements compared. */
export interface Comparison {
  statements: Statement[];
  /** The shared text with one slot per difference; variants in the order of `statements`. */
  template: TemplateSegment[];
  templateText: string;
  /** Each statement after the first against the first. */
  pairs: PairComparison[];
}

/** Most statements compared at once. */
export const MAX_COMPARED = 10;

/** Fingerprints of a text, plain and with names masked. */
export function fingerprintsOf(text: string): StatementFingerprints {
  return { plain: fingerprint(text), masked: fingerprint(text, { maskNames: true }) };
}

/** The statements use cases over a store. */
export class StatementService {
  constructor(
    private readonly deps: {
      statements: StatementStore;
      /** Fills `parties` when the input names none (enrichment, when the node has it). */
      partiesOf?: PartiesOf;
      /**
       * Told of every statement stored (not of a duplicate refused), after it is stored: the server
       * announces it on the live bus so every node's enrichment worker reads its contacts.
       */
      onAdded?: (statement: Statement) => void;
      /** Told of every statement removed and by whom, before remove() returns: the server audits it. */
      onRemoved?: (statement: Statement, by: { name: string; key: string }) => Promise<void>;
    },
  ) {}

  /** Validates and stores a statement (the same text may be pasted twice; feeds use `addOnce`). */
  async add(input: unknown, origin: { feedId?: string; guid?: string } = {}): Promise<Statement> {
    const { statement, fingerprints } = this.prepare(input, origin);
    const stored = await this.deps.statements.create(statement, fingerprints);
    this.deps.onAdded?.(stored);
    return stored;
  }

  /**
   * Validates and stores a statement unless the library already holds its GUID (in its feed), URL or
   * text, atomically across processes and nodes; `created` says which happened.
   */
  async addOnce(input: unknown, origin: { feedId?: string; guid?: string } = {}): Promise<StoredOnce> {
    const { statement, fingerprints } = this.prepare(input, origin);
    const stored = await this.deps.statements.createUnlessDuplicate(statement, fingerprints);
    if (stored.created) this.deps.onAdded?.(stored.statement);
    return stored;
  }

  /**
   * Checks that statements an update is to cite exist; throws a validation error naming the first
   * unknown one (`statementIds.N`). Returns the ids without repeats, in the order given.
   */
  async checkCitations(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = new Set((await this.deps.statements.getMany(unique)).map((s) => s.id));
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing !== -1)
      throw invalid(`statementIds.${missing}`, `statementIds.${missing}: no statement ${ids[missing]}`);
    return unique;
  }

  private prepare(
    input: unknown,
    origin: { feedId?: string; guid?: string },
  ): { statement: NewStatement; fingerprints: StatementFingerprints } {
    const parsed = parseWith(CreateStatementSchema, input);
    const textValue = parsed.text.trim();
    const fingerprints = fingerprintsOf(textValue);
    if (fingerprints.plain.length === 0) throw invalid('text', 'text must contain words');
    const statement = {
      issuer: parsed.issuer,
      title: parsed.title ?? '',
      publishedAt: parsed.publishedAt,
      url: parsed.url ?? null,
      language: parsed.language ?? 'en',
      text: textValue,
      parties: parsed.parties ?? this.partiesIn(textValue, parsed.publishedAt),
      tags: parsed.tags ?? [],
      feedId: origin.feedId ?? null,
      guid: origin.guid ?? null,
    };
    return { statement, fingerprints };
  }

  /**
   * Removes a statement and everything derived from it (its contacts too); refused with a conflict
   * naming the updates that cite it, so a published update never loses a source silently.
   */
  async remove(id: string, by: { name: string; key: string }): Promise<Statement> {
    const statement = await this.get(id);
    const { removed, citedBy } = await this.deps.statements.remove(id);
    if (citedBy.length > 0)
      throw conflict(`statement is cited by ${citedBy.length} update(s); remove the citations first`, {
        citedBy,
      });
    if (!removed) throw notFound('statement');
    await this.deps.onRemoved?.(statement, by);
    return statement;
  }

  async get(id: string): Promise<Statement> {
    const statement = await this.deps.statements.getById(id);
    if (!statement) throw notFound('statement');
    return statement;
  }

  /** Statements published up to `id`'s time that score at least the threshold against it, best first. */
  async similarTo(id: string, options: Partial<SimilarOptions> = {}): Promise<SimilarStatement[]> {
    const opts = parseWith(SimilarOptionsSchema, options, 'query');
    const statement = await this.get(id);
    const fingerprints = await this.deps.statements.fingerprintsOf(id);
    if (!fingerprints) throw notFound('statement');
    return this.resolve(
      await this.deps.statements.findSimilar({
        fingerprints,
        ...opts,
        publishedUpTo: statement.publishedAt,
        excludeId: id,
      }),
    );
  }

  /** Statements in the library that score at least the threshold against pasted `text`, best first. */
  async similarToText(text: string, options: Partial<SimilarOptions> = {}): Promise<SimilarStatement[]> {
    const opts = parseWith(SimilarOptionsSchema, options, 'query');
    return this.resolve(
      await this.deps.statements.findSimilar({ fingerprints: fingerprintsOf(text), ...opts }),
    );
  }

  /** Compares statements word by word: the template they share and each against the first. */
  async compare(ids: readonly string[]): Promise<Comparison> {
    if (ids.length < 2) throw invalid('ids', 'ids must name at least two statements');
    if (ids.length > MAX_COMPARED) throw invalid('ids', `ids must name at most ${MAX_COMPARED} statements`);
    const statements = await this.deps.statements.getMany(ids);
    const missing = ids.find((id) => !statements.some((s) => s.id === id));
    if (missing !== undefined) throw new DomainError('not_found', `statement ${missing} not found`);
    return compareStatements(statements);
  }

  private partiesIn(text: string, publishedAt: string): string[] {
    if (!this.deps.partiesOf) return [];
    try {
      return this.deps.partiesOf(text, publishedAt);
    } catch {
      // Parties are a help, not a condition: a statement is never refused because enrichment failed.
      return [];
    }
  }

  private async resolve(
    hits: Awaited<ReturnType<StatementStore['findSimilar']>>,
  ): Promise<SimilarStatement[]> {
    const statements = await this.deps.statements.getMany(hits.map((hit) => hit.statementId));
    const byId = new Map(statements.map((s) => [s.id, s]));
    return hits.flatMap(({ statementId, ...scores }) => {
      const statement = byId.get(statementId);
      return statement ? [{ statement, ...scores }] : [];
    });
  }
}

/** Compares statements already loaded (see StatementService.compare). */
export function compareStatements(statements: Statement[]): Comparison {
  const template = buildTemplate(statements.map((s) => s.text));
  const [first, ...rest] = statements;
  const firstPrint = first ? fingerprint(first.text) : [];
  return {
    statements,
    template,
    templateText: templateText(template),
    pairs: first
      ? rest.map((other) => ({
          from: first.id,
          to: other.id,
          parts: diffStatements(first.text, other.text),
          ...similarityOf(firstPrint, fingerprint(other.text)),
        }))
      : [],
  };
}

/** Parses `input`, or throws a validation error naming the first field at fault (as the API's parseInput). */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, where = 'body'): z.infer<T> {
  const result = schema.safeParse(input, {
    error: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'is required' : undefined),
  });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const path = [...issue.path, issue.keys[0] ?? ''].join('.');
    throw invalid(path, `${path} is not a known field`);
  }
  if (!issue || issue.path.length === 0) throw invalid(where, `${where} is not valid`);
  const path = issue.path.join('.');
  throw invalid(path, `${path}: ${issue.message}`);
}
