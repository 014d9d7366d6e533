/**
 * Updates citing official statements: the `statementIds` of an update's create, edit and approve
 * requests, checked before the update is written and stored beside it, and the cited statements added
 * to the update's JSON.
 */
import { invalid } from '../../domain/errors.ts';
import type { Statement } from '../../statements/statement.ts';
import type { Store } from '../../store/store.ts';

/** A cited statement as an update's JSON shows it. */
export interface CitedStatementJson {
  id: string;
  title: string;
  issuer: string;
  publishedAt: string;
  page: string;
}

/**
 * The statement ids a request asks an update to cite, checked to exist (a validation error names the
 * first unknown one, `statementIds.N`), without repeats; undefined when the request leaves them as they are.
 */
export async function checkCitations(
  store: Store,
  ids: readonly string[] | undefined,
): Promise<string[] | undefined> {
  if (ids === undefined) return undefined;
  const found = new Set((await store.statements.getMany(ids)).map((s) => s.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing !== -1)
    throw invalid(
      `statementIds.${missing}`,
      `statementIds.${missing}: there is no statement ${ids[missing]}`,
    );
  return [...new Set(ids)];
}

/**
 * Stores what `checkCitations` returned for the update (or submission) `id`; nothing when undefined.
 * Written after the update itself: if this write failed, the update stands without its citations and the
 * request answers 500, so the editor sees it and saves again (the ids are kept by an edit).
 */
export async function saveCitations(store: Store, id: string, ids: string[] | undefined): Promise<void> {
  if (ids !== undefined) await store.statements.setCitations(id, ids);
}

/** `items` (update or submission JSON) with `statementIds` and `statements`, the statements each cites. */
export async function withCitations<T extends { id: string }>(
  store: Store,
  items: T[],
): Promise<(T & { statementIds: string[]; statements: CitedStatementJson[] })[]> {
  const cited = await store.statements.citationsOf(items.map((item) => item.id));
  return items.map((item) => {
    const statements = (cited.get(item.id) ?? []).map(citedJson);
    return { ...item, statementIds: statements.map((s) => s.id), statements };
  });
}

/** One item's JSON with its citations (see `withCitations`). */
export async function withCitationsOne<T extends { id: string }>(store: Store, item: T) {
  const [one] = await withCitations(store, [item]);
  return one!;
}

function citedJson(statement: Statement): CitedStatementJson {
  return {
    id: statement.id,
    title: statement.title,
    issuer: statement.issuer,
    publishedAt: statement.publishedAt,
    page: `/statements/${statement.id}`,
  };
}
