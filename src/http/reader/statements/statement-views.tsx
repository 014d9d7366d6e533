/**
 * Reader views of the statements library: one statement with the earlier ones that share its wording,
 * and statements side by side with shared wording and differences marked word by word. Differences are
 * struck through or underlined and announced to screen readers, never shown by colour alone.
 */
import type { JSX } from 'preact';
import type { DiffPart, TemplateSegment } from '../../../statements/compare.ts';
import type { Comparison, SimilarStatement } from '../../../statements/statement-service.ts';
import type { Statement } from '../../../statements/statement.ts';
import { excerpt } from '../html-text.ts';
import { statementTitle } from '../statement-title.ts';
import { formatDateTime } from '../time-format.ts';

const percent = (score: number) => `${Math.round(score * 100)}%`;

function Byline(props: { statement: Statement }): JSX.Element {
  const { statement } = props;
  return (
    <p class="statement-byline">
      {statement.issuer} ·{' '}
      <time dateTime={statement.publishedAt}>{formatDateTime(statement.publishedAt, 'UTC')}</time>
      {statement.url !== null && /^https?:\/\//i.test(statement.url) && (
        <>
          {' · '}
          <a href={statement.url} rel="noopener noreferrer nofollow">
            Original
          </a>
        </>
      )}
    </p>
  );
}

/** One statement and the earlier statements that reuse its wording. */
export function StatementPage(props: { statement: Statement; similar: SimilarStatement[] }): JSX.Element {
  const { statement, similar } = props;
  return (
    <article class="statement">
      <p class="kicker">Official statement</p>
      <h1>{statementTitle(statement)}</h1>
      <Byline statement={statement} />
      <div class="statement-text" lang={statement.language}>
        {statement.text}
      </div>
      <section class="statement-similar" aria-labelledby="similar-heading">
        <h2 id="similar-heading">Earlier statements with the same wording</h2>
        {similar.length === 0 ? (
          <p>No earlier statement in the library shares much of this wording.</p>
        ) : (
          <ol>
            {similar.map((hit) => (
              <li key={hit.statement.id}>
                <a href={`/statements/${hit.statement.id}`}>{statementTitle(hit.statement)}</a>
                <span class="statement-meta">
                  {' '}
                  {hit.statement.issuer}, {formatDateTime(hit.statement.publishedAt, 'UTC')}. Shares{' '}
                  {percent(hit.jaccard)} of its wording.{' '}
                </span>
                <a class="button" href={`/statements/compare?ids=${hit.statement.id},${statement.id}`}>
                  Compare<span class="sr-only"> with this statement</span>
                </a>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

/** Text of one side of a diff: shared words plain, this side's own words marked. */
function DiffText(props: { parts: DiffPart[]; side: 'removed' | 'added'; lang: string }): JSX.Element {
  return (
    <div class="statement-text compare-text" lang={props.lang}>
      {props.parts.map((part, i) => {
        if (part.kind === 'same') return part.text;
        if (part.kind !== props.side) return null;
        const Tag = props.side === 'removed' ? 'del' : 'ins';
        return (
          <Tag key={i} class="diff-only">
            <span class="sr-only">[only in this statement: </span>
            {part.text}
            <span class="sr-only">]</span>
          </Tag>
        );
      })}
    </div>
  );
}

function TemplateText(props: { segments: TemplateSegment[]; labels: string[] }): JSX.Element {
  return (
    <p class="template">
      {props.segments.map((segment, i) =>
        segment.kind === 'text' ? (
          <span key={i}>{`${/^[,.;:!?)]/.test(segment.text) ? '' : ' '}${segment.text} `}</span>
        ) : (
          <span key={i} class="slot">
            <span class="sr-only">varies: </span>[
            {segment.variants.map((variant, v) => (
              <span key={v}>
                {v > 0 && (
                  <>
                    <span aria-hidden="true"> | </span>
                    <span class="sr-only">, </span>
                  </>
                )}
                <span class="slot-variant">
                  <span class="sr-only">{props.labels[v]}: </span>
                  {variant === '' ? <em>nothing</em> : variant}
                </span>
              </span>
            ))}
            ]
          </span>
        ),
      )}
    </p>
  );
}

/** Statements compared: the shared template with its slots, then each against the first, side by side. */
export function ComparePage(props: {
  comparison: Comparison;
  /** Ids of statements with no page to link to (an unsaved draft). */
  unlinked?: string[];
}): JSX.Element {
  const { comparison } = props;
  const { statements } = comparison;
  const labels = statements.map((_, i) => `statement ${i + 1}`);
  const byId = new Map(statements.map((s) => [s.id, s]));
  return (
    <article class="statement-compare">
      <p class="kicker">Official statements compared</p>
      <h1>What changed between {statements.length} statements</h1>
      <ol class="compare-list">
        {statements.map((s, i) => (
          <li key={s.id}>
            <span class="compare-label">Statement {i + 1}:</span>{' '}
            {props.unlinked?.includes(s.id) ? (
              statementTitle(s)
            ) : (
              <a href={`/statements/${s.id}`}>{statementTitle(s)}</a>
            )}{' '}
            — {s.issuer}, {formatDateTime(s.publishedAt, 'UTC')}
          </li>
        ))}
      </ol>
      <section aria-labelledby="template-heading">
        <h2 id="template-heading">The shared template</h2>
        <p class="legend">
          Wording all {statements.length} statements share is plain; where they differ, each statement’s words
          are shown in brackets, in order, separated by “|”.
        </p>
        <TemplateText segments={comparison.template} labels={labels} />
      </section>
      {comparison.pairs.map((pair) => {
        const from = byId.get(pair.from)!;
        const to = byId.get(pair.to)!;
        const fromIndex = statements.indexOf(from) + 1;
        const toIndex = statements.indexOf(to) + 1;
        return (
          <section key={pair.to} class="compare-pair" aria-labelledby={`pair-${pair.to}`}>
            <h2 id={`pair-${pair.to}`}>
              Statement {fromIndex} and statement {toIndex}, word by word
            </h2>
            <p class="compare-score">
              They share {percent(pair.jaccard)} of their wording (Jaccard {pair.jaccard.toFixed(2)} over
              three-word phrases); {percent(pair.containment)} of statement {fromIndex} reappears in statement{' '}
              {toIndex}.
            </p>
            <p class="legend">
              Words only in statement {fromIndex} are <del class="diff-only">struck through</del>; words only
              in statement {toIndex} are <ins class="diff-only">underlined</ins>. Everything else is shared.
            </p>
            <div class="compare-columns">
              <section aria-label={`Statement ${fromIndex}`}>
                <h3>
                  Statement {fromIndex}: {from.issuer}, {formatDateTime(from.publishedAt, 'UTC')}
                </h3>
                <DiffText parts={pair.parts} side="removed" lang={from.language} />
              </section>
              <section aria-label={`Statement ${toIndex}`}>
                <h3>
                  Statement {toIndex}: {to.issuer}, {formatDateTime(to.publishedAt, 'UTC')}
                </h3>
                <DiffText parts={pair.parts} side="added" lang={to.language} />
              </section>
            </div>
          </section>
        );
      })}
    </article>
  );
}

/** One page of the library: newest first, optionally one issuer's, with a link to older ones. */
export interface StatementListView {
  statements: Statement[];
  issuers: { issuer: string; count: number }[];
  issuer: string | null;
  /** Query string of the next (older) page, or null on the last. */
  olderHref: string | null;
  /** Whether this is a later page (so "Newest" leads back to the first). */
  later: boolean;
}

/** The statements library: the filter by issuer, then each statement with links to it and its similar ones. */
export function StatementListPage(props: { view: StatementListView }): JSX.Element {
  const { statements, issuers, issuer, olderHref, later } = props.view;
  const firstHref = issuer === null ? '/statements' : `/statements?issuer=${encodeURIComponent(issuer)}`;
  return (
    <div class="statement-list-page">
      <p class="kicker">Official statements</p>
      <h1>{issuer === null ? 'Statements library' : `Statements by ${issuer}`}</h1>
      <p>
        Readouts and statements by governments and officials, newest first. Each statement’s page lists the
        earlier statements that share its wording and compares them word by word.
      </p>
      <form class="statement-filter" method="get" action="/statements">
        <label for="issuer-filter">Issuer</label>{' '}
        <select id="issuer-filter" name="issuer">
          <option value="" selected={issuer === null}>
            All issuers
          </option>
          {issuers.map((i) => (
            <option value={i.issuer} selected={i.issuer === issuer}>
              {i.issuer} ({i.count})
            </option>
          ))}
        </select>{' '}
        <button type="submit">Show</button>
      </form>
      {statements.length === 0 ? (
        <p>No statements{issuer === null ? '' : ` by ${issuer}`} here.</p>
      ) : (
        <ol class="statement-list">
          {statements.map((statement) => (
            <li key={statement.id}>
              <h2 class="statement-list-title">
                <a href={`/statements/${statement.id}`}>{statementTitle(statement)}</a>
              </h2>
              <p class="statement-meta">
                {statement.issuer} ·{' '}
                <time dateTime={statement.publishedAt}>{formatDateTime(statement.publishedAt, 'UTC')}</time> ·{' '}
                <a href={`/statements/${statement.id}#similar-heading`}>
                  Similar statements<span class="sr-only"> to {statementTitle(statement)}</span>
                </a>
              </p>
              <p class="statement-excerpt">{excerpt(statement.text.replace(/\s+/g, ' '), 240)}</p>
            </li>
          ))}
        </ol>
      )}
      {(olderHref !== null || later) && (
        <nav class="pager" aria-label="More statements">
          {later && <a href={firstHref}>Newest statements</a>}
          {later && olderHref !== null && ' · '}
          {olderHref !== null && (
            <a href={olderHref} rel="next">
              Older statements
            </a>
          )}
        </nav>
      )}
    </div>
  );
}
