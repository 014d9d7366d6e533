/** The official statements an update cites, at the foot of its article: links to each statement's page. */
import type { JSX } from 'preact';
import type { Statement } from '../../../statements/statement.ts';
import { formatDateTime } from '../time-format.ts';
import { statementTitle } from '../statement-title.ts';

/** "Official statements cited:" and a link per statement (its page shows what reuses its wording). */
export function CitedStatements(props: {
  statements: readonly Statement[] | undefined;
  anchor: string;
  /** The desk's time zone: a statement's time is shown on the story's clock, as everything else. */
  timezone: string;
}): JSX.Element | null {
  const { statements, anchor, timezone } = props;
  if (!statements || statements.length === 0) return null;
  return (
    <div class="sources cited-statements">
      <span class="sources-title" id={`${anchor}-statements`}>
        Official statements cited:
      </span>
      <ul aria-labelledby={`${anchor}-statements`}>
        {statements.map((statement) => (
          <li>
            <a href={`/statements/${statement.id}`}>{statementTitle(statement)}</a>{' '}
            <span class="cited-meta">
              ({statement.issuer},{' '}
              <time dateTime={statement.publishedAt}>{formatDateTime(statement.publishedAt, timezone)}</time>)
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
