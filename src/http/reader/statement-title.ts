/** What pages call a statement, shared by the statements pages and the articles that cite statements. */
import type { Statement } from '../../statements/statement.ts';
import { excerpt } from './html-text.ts';

/** The heading of a statement: its title, or its first words. */
export function statementTitle(statement: Statement): string {
  return statement.title !== '' ? statement.title : excerpt(statement.text.replace(/\s+/g, ' '), 90);
}
