/** The `/search` page: a form that works without JavaScript, and ranked results with highlighted passages. */
import type { JSX } from 'preact';
import { storyPath, updatePath } from '../../domain/paths.ts';
import { CLAIM_LABELS, CLAIM_STATUSES } from '../../domain/types.ts';
import type { Desk } from '../../domain/types.ts';
import type { SearchFacet, SearchHit, SearchKind, SearchResults } from '../../store/search.ts';
import { formatDateTime } from '../reader/time-format.ts';
import { ENTITY_PARAMS, searchHref, type SearchParams } from './search-query.ts';

/** Everything the search page shows. */
export interface SearchView {
  params: SearchParams;
  desks: Desk[];
  /** Null when no words were given (the page shows only the form). */
  results: SearchResults | null;
  /** What was wrong with the query string, shown above the form. */
  error: string | null;
  /** People, organisations and places named by the matching updates (empty without results). */
  facets: SearchFacet[];
}

/** What each kind is called on the page. */
const KIND_LABELS: Record<SearchKind, string> = {
  update: 'Update',
  story: 'Live page',
  statement: 'Statement',
};

/** Reader path of a statement page. */
export function statementPath(id: string): string {
  return `/statements/${encodeURIComponent(id)}`;
}

/** Reader path of a hit: the update's permalink, the story page, or the statement page. */
export function hitPath(hit: SearchHit): string {
  if (hit.kind === 'statement') return statementPath(hit.id);
  const story = storyPath(hit.story.deskSlug, hit.story.slug);
  return hit.kind === 'update' ? updatePath(story, hit.id) : story;
}

/** Reader path of the story a hit belongs to (null for statements). */
export function hitStoryPath(hit: SearchHit): string | null {
  return hit.kind === 'statement' ? null : storyPath(hit.story.deskSlug, hit.story.slug);
}

/** "Syria Daily · <story headline>", or only the headline when it already names the desk ("Syria Daily, 27 May"). */
function coverageKicker(hit: Exclude<SearchHit, { kind: 'statement' }>): string {
  const desk = hit.story.deskName ?? 'Live coverage';
  if (hit.kind === 'story' || hit.story.headline === '') return desk;
  return hit.story.headline.startsWith(desk) ? hit.story.headline : `${desk} · ${hit.story.headline}`;
}

function Result(props: { hit: SearchHit }): JSX.Element {
  const { hit } = props;
  const kicker = hit.kind === 'statement' ? hit.statement.issuer : coverageKicker(hit);
  const fallbackTitle =
    hit.kind === 'statement'
      ? hit.statement.title !== ''
        ? hit.statement.title
        : `Statement by ${hit.statement.issuer}`
      : `Update on ${hit.story.headline}`;
  return (
    <li class={`search-hit search-hit-${hit.kind}`}>
      <p class="kicker">
        <span class="search-kind">{KIND_LABELS[hit.kind]}</span> {kicker}
      </p>
      <h3 class="card-title">
        {/* Title and snippet HTML come from store/sql/search-text.ts snippetHtml: escaped, with <mark> only. */}
        {hit.titleHtml !== null ? (
          <a href={hitPath(hit)} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
        ) : (
          <a href={hitPath(hit)}>{fallbackTitle}</a>
        )}
      </h3>
      <p class="search-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
      <p class="search-meta">
        {KIND_LABELS[hit.kind]} · <time dateTime={hit.at}>{formatDateTime(hit.at, 'UTC')}</time>
        {hit.claimStatus !== null && ` · ${CLAIM_LABELS[hit.claimStatus]}`}
        {hit.keyEvent && ' · Key event'}
      </p>
    </li>
  );
}

/** Names the matching updates share, as links that narrow the search to each (no JavaScript needed). */
function Facets(props: { params: SearchParams; facets: SearchFacet[] }): JSX.Element | null {
  const { params, facets } = props;
  const groups = ENTITY_PARAMS.map((entity) => ({
    ...entity,
    items: facets.filter((facet) => facet.type === entity.type),
  })).filter((group) => group.items.length > 0);
  if (groups.length === 0) return null;
  return (
    <nav class="search-facets" aria-labelledby="facets-title">
      <h2 id="facets-title">Names in these results</h2>
      {groups.map((group) => (
        <div class="search-facet-group">
          <h3>{group.plural}</h3>
          <ul>
            {group.items.map((facet) => {
              const active = (params[group.param] ?? []).some(
                (name) => name.toLowerCase() === facet.name.toLowerCase(),
              );
              const href = searchHref(
                {
                  ...params,
                  [group.param]: active
                    ? (params[group.param] ?? []).filter((n) => n.toLowerCase() !== facet.name.toLowerCase())
                    : [...(params[group.param] ?? []), facet.name],
                },
                0,
              );
              return (
                <li>
                  <a href={href} aria-current={active ? 'true' : undefined}>
                    {active ? `${facet.name} (remove)` : facet.name}
                  </a>{' '}
                  <span class="search-facet-count">
                    {facet.count} {facet.count === 1 ? 'update' : 'updates'}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** The search page's content. */
export function SearchPage(props: { view: SearchView }): JSX.Element {
  const { params, desks, results, error, facets } = props.view;
  const claims = new Set(params.claim ?? []);
  const entityFiltered = ENTITY_PARAMS.some(({ param }) => (params[param]?.length ?? 0) > 0);
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
            params.keyEvents === true ||
            params.kind !== undefined ||
            entityFiltered
          }
        >
          <summary>Filters</summary>
          <p>
            <label for="search-kind">Show</label>
            <select id="search-kind" name="kind">
              <option value="">Everything</option>
              <option value="update" selected={params.kind === 'update'}>
                Updates
              </option>
              <option value="story" selected={params.kind === 'story'}>
                Live pages
              </option>
              <option value="statement" selected={params.kind === 'statement'}>
                Official statements
              </option>
            </select>
          </p>
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
          {ENTITY_PARAMS.map(({ param, type, label }) => {
            // Offered: the names the current results share, and whatever is already chosen.
            const chosen = params[param] ?? [];
            const offered = [
              ...new Set([...chosen, ...facets.filter((f) => f.type === type).map((f) => f.name)]),
            ];
            return (
              <p>
                <label for={`search-${param}`}>{label}</label>
                <select id={`search-${param}`} name={param}>
                  <option value="">Any {label.toLowerCase()}</option>
                  {offered.map((name) => (
                    <option value={name} selected={chosen.includes(name)}>
                      {name}
                    </option>
                  ))}
                </select>
              </p>
            );
          })}
        </details>
      </form>
      {results !== null && <Facets params={params} facets={facets} />}
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
