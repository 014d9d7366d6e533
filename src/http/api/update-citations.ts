/**
 * The statements an update cites, added to its JSON. They are checked and stored by the publishing
 * service (src/service/publishing.ts), in the transaction that stores the update.
 */
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
