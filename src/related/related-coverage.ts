/**
 * Related coverage for the composer: from a draft's names, places and distinctive terms, earlier
 * stories and updates that share them, each with a ready cross-link ("See Iran Daily, 24 May: …") the
 * editor can insert as Markdown.
 *
 * Two signals, combined: the enrichment pipeline runs on the unsaved draft, and its canonical people,
 * organisations and places (so "Tadmur" in the draft also looks for "Palmyra") join the draft's own
 * terms in an "any word" search; the candidates are then ranked first by how many canonical entities
 * their stored enrichment shares with the draft, then by the search rank (shared terms).
 */
import { storyPath, updatePath } from '../domain/paths.ts';
import type { Enricher } from '../enrich/pipeline.ts';
import { markdownToText } from '../render/markdown.ts';
import type { CoverageHit, SearchStore } from '../store/search.ts';
import { entityNames } from '../store/sql/sql-search.ts';
import type { EnrichmentStore } from '../store/store.ts';

/** A suggestion the editor can insert. */
export interface RelatedSuggestion {
  kind: CoverageHit['kind'];
  id: string;
  /** Canonical people, organisations and places the draft and this update both name. */
  shared: string[];
  url: string;
  /** "See Iran Daily, 24 May: Talks resume in Muscat" */
  label: string;
  snippetHtml: string;
  at: string;
  /** The cross-link as Markdown; the renderer styles links to the site's stories and updates. */
  markdown: string;
}

// Words too common in news copy to say two texts are about the same thing.
const STOPWORDS = new Set(
  (
    'the a an and or but of in on at to for from with by as is are was were be been has have had it its this that these those ' +
    'said says say will would could should may might not no new also after before over under into about against between during ' +
    'there their they them he she his her we our you your who whom which what when where while than then more most some such ' +
    'one two three first last today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december update updates report reported reports ' +
    'according official officials people government'
  ).split(' '),
);
const MAX_TERMS = 12;

/**
 * The draft's terms, most telling first: capitalised words (names and places, wherever they stand
 * in a sentence), then longer lower-case words, without stopwords or repeats.
 */
export function relatedTerms(text: string): string[] {
  const words = text.match(/[\p{L}][\p{L}\p{N}'’-]*/gu) ?? [];
  const names: string[] = [];
  const others: string[] = [];
  for (const word of words) {
    const lower = word.toLowerCase().replace(/['’].*$/, '');
    if (lower.length < 3 || STOPWORDS.has(lower)) continue;
    if (/^\p{Lu}/u.test(word)) names.push(lower);
    else if (lower.length >= 6) others.push(lower);
  }
  return [...new Set([...names, ...others])].slice(0, MAX_TERMS);
}

/** "Syria Daily, 24 May" pages are labelled by headline; an update adds its own title. */
function labelOf(hit: CoverageHit): string {
  const title = decodeEntities((hit.titleHtml ?? '').replace(/<\/?mark>/g, ''));
  if (hit.kind === 'story') return `See ${hit.story.headline}`;
  if (title !== '' && title !== hit.story.headline) return `See ${hit.story.headline}: ${title}`;
  // An update without a headline is named by the start of its passage, so two differ at a glance.
  const excerpt = shorten(decodeEntities(hit.snippetHtml.replace(/<\/?mark>/g, '')).replace(/^…\s*/, ''));
  return excerpt === '' ? `See ${hit.story.headline}` : `See ${hit.story.headline}: ${excerpt}`;
}

const EXCERPT_CHARS = 60;

/** `text` cut at a word boundary to about EXCERPT_CHARS characters, with an ellipsis if cut. */
function shorten(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.slice(0, EXCERPT_CHARS).replace(/\s+\S*$/, '');
  return `${cut}…`;
}

function decodeEntities(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

/** Markdown link text with the characters that would end or break it escaped. */
function markdownText(text: string): string {
  return text.replace(/[[\]\\*_`<]/g, (c) => `\\${c}`);
}

/** What suggestions are made from. */
export interface RelatedDeps {
  search: SearchStore;
  /** Stored enrichments of earlier updates, to count shared entities. */
  enrichments: Pick<EnrichmentStore, 'get'>;
  /** Runs on the draft; without one, suggestions rest on shared terms alone. */
  enricher?: Pick<Enricher, 'enrich'> | undefined;
}

/** The draft's canonical entities (people, organisations, places and countries), most specific first. */
function draftEntities(enricher: RelatedDeps['enricher'], text: string, now: Date): string[] {
  if (!enricher || text.trim() === '') return [];
  const names = entityNames(enricher.enrich(text, { published: now }));
  return [...new Set([...names.person, ...names.organization, ...names.place])];
}

/** Suggests up to `limit` earlier stories and updates related to `text`, outside `storyId`. */
export async function suggestRelated(
  deps: RelatedDeps,
  input: { text: string; storyId?: string | undefined; limit: number; now?: Date },
): Promise<RelatedSuggestion[]> {
  // The draft is Markdown: its link targets (an inserted cross-link's path) are not words of the story.
  const text = markdownToText(input.text);
  const entities = draftEntities(deps.enricher, text.slice(0, 5000), input.now ?? new Date());
  const entityWords = entities.flatMap((name) =>
    relatedTerms(name.replace(/^\p{Ll}/u, (c) => c.toUpperCase())),
  );
  const terms = [...new Set([...entityWords, ...relatedTerms(text)])].slice(0, 16);
  if (terms.length === 0) return [];
  const { hits } = await deps.search.search({
    text: terms.join(' '),
    match: 'any',
    kinds: ['update', 'story'],
    limit: input.limit * 4,
    offset: 0,
  });
  const wanted = new Set(entities.map((name) => name.toLowerCase()));
  const candidates = hits.filter(
    (hit): hit is CoverageHit => hit.kind !== 'statement' && hit.story.id !== input.storyId,
  );
  const scored = await Promise.all(
    candidates.map(async (hit, rank) => {
      const stored = hit.kind === 'update' && wanted.size > 0 ? await deps.enrichments.get(hit.id) : null;
      const names = stored ? entityNames(stored.enrichment) : null;
      const shared = names
        ? [...names.person, ...names.organization, ...names.place].filter((name) =>
            wanted.has(name.toLowerCase()),
          )
        : [];
      return { hit, rank, shared: [...new Set(shared)] };
    }),
  );
  scored.sort((a, b) => b.shared.length - a.shared.length || a.rank - b.rank);
  return scored.slice(0, input.limit).map(({ hit, shared }) => {
    const page = storyPath(hit.story.deskSlug, hit.story.slug);
    const url = hit.kind === 'update' ? updatePath(page, hit.id) : page;
    const label = labelOf(hit);
    return {
      kind: hit.kind,
      id: hit.id,
      shared,
      url,
      label,
      snippetHtml: hit.snippetHtml,
      at: hit.at,
      markdown: `[${markdownText(label)}](${url})`,
    };
  });
}
