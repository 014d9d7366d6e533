/**
 * Related coverage for the composer: from a draft's names, places and distinctive terms, earlier
 * stories and updates that share them, each with a ready cross-link ("See Iran Daily, 24 May: …") the
 * editor can insert as Markdown. Runs on the search index ("any word" matching, best shared first).
 */
import { storyPath, updatePath } from '../domain/paths.ts';
import type { SearchHit, SearchStore } from '../store/search.ts';

/** A suggestion the editor can insert. */
export interface RelatedSuggestion {
  kind: SearchHit['kind'];
  id: string;
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
function labelOf(hit: SearchHit): string {
  const title = (hit.titleHtml ?? '').replace(/<\/?mark>/g, '');
  const text = title !== '' ? decodeEntities(title) : null;
  if (hit.kind === 'story') return `See ${hit.story.headline}`;
  return text !== null && text !== hit.story.headline
    ? `See ${hit.story.headline}: ${text}`
    : `See ${hit.story.headline}`;
}

function decodeEntities(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

/** Markdown link text with the characters that would end or break it escaped. */
function markdownText(text: string): string {
  return text.replace(/[[\]\\*_`]/g, (c) => `\\${c}`);
}

/** Suggests up to `limit` earlier stories and updates related to `text`, outside `storyId`. */
export async function suggestRelated(
  search: SearchStore,
  input: { text: string; storyId?: string | undefined; limit: number },
): Promise<RelatedSuggestion[]> {
  const terms = relatedTerms(input.text);
  if (terms.length === 0) return [];
  const { hits } = await search.search({
    text: terms.join(' '),
    match: 'any',
    limit: input.limit * 3,
    offset: 0,
  });
  return hits
    .filter((hit) => hit.story.id !== input.storyId)
    .slice(0, input.limit)
    .map((hit) => {
      const page = storyPath(hit.story.deskSlug, hit.story.slug);
      const url = hit.kind === 'update' ? updatePath(page, hit.id) : page;
      const label = labelOf(hit);
      return {
        kind: hit.kind,
        id: hit.id,
        url,
        label,
        snippetHtml: hit.snippetHtml,
        at: hit.at,
        markdown: `[${markdownText(label)}](${url})`,
      };
    });
}
