/** The `/search` page: a form that works without JavaScript, and ranked results with highlighted passages. */
import type { JSX } from 'preact';
import { storyPath, updatePath } from '../../domain/paths.ts';
import { CLAIM_LABELS, CLAIM_STATUSES } from '../../domain/types.ts';
import type { Desk } from '../../domain/types.ts';
import type { SearchHit, SearchResults } from '../../store/search.ts';
import { formatDateTime } from '../reader/time-format.ts';
import { searchHref, type SearchParams } from './search-query.ts';

/** Everything the search page shows. */
export interface SearchView {
  params: SearchParams;
  desks: Desk[];
  /** Null when no words were given (the page shows only the form). */
  results: SearchResults | null;
  /** What was wrong with the query string, shown above the form. */
  error: string | null;
}

/** Reader path of a hit: the update's permalink, or the story page. */
export function hitPath(hit: SearchHit): string {
  const story = storyPath(hit.story.deskSlug, hit.story.slug);
  return hit.kind === 'update' ? updatePath(story, hit.id) : story;
}

function Result(props: { hit: SearchHit }): JSX.Element {
  const { hit } = props;
  const kicker = [hit.story.deskName ?? 'Live coverage', hit.kind === 'update' ? hit.story.headline : null]
    .filter((part) => part !== null)
    .join(' · ');
  return (
    <li class="search-hit">
      <p class="kicker">{kicker}</p>
      <h3 class="card-title">
        {/* Title and snippet HTML come from store/sql/search-text.ts snippetHtml: escaped, with <mark> only. */}
        {hit.titleHtml !== null ? (
          <a href={hitPath(hit)} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
        ) : (
          <a href={hitPath(hit)}>Update on {hit.story.headline}</a>
        )}
      </h3>
      <p class="search-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
      <p class="search-meta">
        {hit.kind === 'update' ? 'Update' : 'Live page'} ·{' '}
        <time dateTime={hit.at}>{formatDateTime(hit.at, 'UTC')}</time>
        {hit.claimStatus !== null && ` · ${CLAIM_LABELS[hit.claimStatus]}`}
        {hit.keyEvent && ' · Key event'}
      </p>
    </li>
  );
}

/** The search page's content. */
export function SearchPage(props: { view: SearchView }): JSX.Element {
  const { params, desks, results, error } = props.view;
  const claims = new Set(params.claim ?? []);
  return (
    <div class="search">
      <h1>Search</h1>
      {error !== null && (
        <p class="search-error" role="alert">
          {error}
        </p>
      )}
      <form class="search-form" method="get" action="/search" role="search">
        <p class="search-box">
          <label for="search-q">Words to find</label>
          <input id="search-q" type="search" name="q" value={params.q} maxLength={200} />
          <button class="button" type="submit">
            Search
          </button>
        </p>
        <details
          class="search-filters"
          open={
            params.desk !== undefined ||
            params.from !== undefined ||
            params.to !== undefined ||
            claims.size > 0 ||
            params.keyEvents === true
          }
        >
          <summary>Filters</summary>
          <p>
            <label for="search-desk">Desk</label>
            <select id="search-desk" name="desk">
              <option value="">All desks</option>
              {desks.map((desk) => (
                <option value={desk.slug} selected={params.desk === desk.slug}>
                  {desk.name}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="search-from">From</label>
            <input id="search-from" type="date" name="from" value={params.from ?? ''} />
            <label for="search-to">To</label>
            <input id="search-to" type="date" name="to" value={params.to ?? ''} />
          </p>
          <fieldset>
            <legend>Claim status</legend>
            {CLAIM_STATUSES.map((status) => (
              <label class="search-check">
                <input type="checkbox" name="claim" value={status} checked={claims.has(status)} />{' '}
                {CLAIM_LABELS[status]}
              </label>
            ))}
          </fieldset>
          <p>
            <label class="search-check">
              <input type="checkbox" name="keyEvents" value="on" checked={params.keyEvents === true} /> Key
              events only
            </label>
          </p>
        </details>
      </form>
      {results !== null && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">
            {results.hits.length === 0 && params.offset === 0
              ? `No results for “${params.q}”`
              : `Results for “${params.q}”`}
          </h2>
          <ol class="search-results" start={params.offset + 1}>
            {results.hits.map((hit) => (
              <Result hit={hit} />
            ))}
          </ol>
          <p class="pager">
            {params.offset > 0 && (
              <a href={searchHref(params, Math.max(0, params.offset - params.limit))}>Previous results</a>
            )}
            {results.more && (
              <a class="button" rel="next" href={searchHref(params, params.offset + params.limit)}>
                More results
              </a>
            )}
          </p>
        </section>
      )}
    </div>
  );
}
