/**
 * Field-by-field three-way merge of an update, for when a colleague saved while you were editing.
 * `base` is the version you loaded, `mine` the form, `theirs` the version now stored. A field only one
 * side changed takes that side's value; a field both changed to different values is a conflict the
 * editor resolves. Values are compared as the form shows them (strings and booleans).
 */

import { photosText } from './photo-list.ts';

/** The editable fields of an update, as the compose form holds them. */
export const MERGE_FIELDS = [
  'headline',
  'body',
  'claimStatus',
  'claimNote',
  'sources',
  'videoUrl',
  'pinned',
  'keyEvent',
  'authors',
  'photos',
] as const;
/** One editable field. */
export type MergeField = (typeof MERGE_FIELDS)[number];
/** An update's editable fields. */
export type FieldValues = Record<MergeField, string | boolean>;

/** What each field is called in the merge view. */
export const FIELD_LABELS: Record<MergeField, string> = {
  headline: 'Headline',
  body: 'Body',
  claimStatus: 'Claim status',
  claimNote: 'Evidence note',
  sources: 'Sources',
  videoUrl: 'Video or social link',
  pinned: 'Pinned',
  keyEvent: 'Key event',
  authors: 'Authors',
  photos: 'Photos',
};

/** The outcome: values for every field that is not a conflict, and which field went which way. */
export interface MergeResult<F extends string = MergeField> {
  merged: Record<F, string | boolean>;
  /** Changed only by them: their value is kept. */
  theirs: F[];
  /** Changed only by you (or both to the same value): your value is kept. */
  mine: F[];
  /** Changed by both, differently: `merged` holds their value until the editor chooses. */
  conflicts: F[];
}

/** Merges `mine` and `theirs`, both derived from `base`, over `fields` (an update's by default). */
export function mergeThreeWay<F extends string = MergeField>(
  base: Record<F, string | boolean>,
  mine: Record<F, string | boolean>,
  theirs: Record<F, string | boolean>,
  fields: readonly F[] = MERGE_FIELDS as readonly string[] as readonly F[],
): MergeResult<F> {
  const merged = { ...theirs };
  const result: MergeResult<F> = { merged, theirs: [], mine: [], conflicts: [] };
  for (const field of fields) {
    const iChanged = mine[field] !== base[field];
    const theyChanged = theirs[field] !== base[field];
    if (iChanged && theyChanged && mine[field] !== theirs[field]) result.conflicts.push(field);
    else if (iChanged) {
      merged[field] = mine[field];
      result.mine.push(field);
    } else if (theyChanged) result.theirs.push(field);
  }
  return result;
}

/** A source as the API holds it. */
interface Source {
  label: string;
  url: string;
}

/** The sources as the form writes them: one `label | url` per line. */
export function sourcesText(list: readonly Source[]): string {
  return list.map((s) => `${s.label} | ${s.url}`).join('\n');
}

/** Parses the form's sources text (a line without `|` is both label and link). */
export function parseSources(text: string): Source[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf('|');
      return bar < 0
        ? { label: line, url: line }
        : { label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() };
    });
}

/** An update (as the API returns it) as the form would show it. */
export function fieldValuesOf(update: Record<string, unknown>): FieldValues {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    headline: text(update['headline']),
    body: text(update['body']),
    claimStatus: text(update['claimStatus']) || 'unverified',
    claimNote: text(update['claimNote']),
    sources: sourcesText((update['sources'] as Source[] | undefined) ?? []),
    videoUrl: text(update['videoUrl']),
    pinned: update['pinned'] === true,
    keyEvent: update['keyEvent'] === true,
    // A conflict's `current` is the stored update, whose authors may be empty: the byline is its filer.
    authors: namesText(
      Array.isArray(update['authors']) && update['authors'].length > 0
        ? update['authors']
        : [text(update['author'])].filter(Boolean),
    ),
    photos: photosText(update),
  };
}

/** Byline names as the form writes them: separated by commas. */
export function namesText(names: unknown): string {
  return Array.isArray(names) ? names.filter((n) => typeof n === 'string').join(', ') : '';
}

/** The form's byline text as names (empty: the byline is whoever files it). */
export function parseNames(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}
