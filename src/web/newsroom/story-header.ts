/**
 * The story header form (headline, standfirst, body, status, top photo). Saves name the version they
 * were based on; if a colleague saved first, the two are merged field by field as updates are
 * (merge-view.ts): what only they changed is kept and listed, what both changed is chosen side by side.
 */
import { api, problemText, say, uploadPhoto, type Problem } from './api.ts';
import { showHeadline } from './headline.ts';
import { mergeView } from './merge-view.ts';

const FIELDS = ['headline', 'standfirst', 'body', 'status'] as const;
type HeaderField = (typeof FIELDS)[number];
type HeaderValues = Record<HeaderField, string>;

const LABELS: Record<HeaderField, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  body: 'Analysis body',
  status: 'Status',
};

/** A story (as the API returns it) as the form shows it. */
function valuesOf(story: Record<string, unknown>): HeaderValues {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    headline: text(story['headline']),
    standfirst: text(story['standfirst']),
    body: text(story['body']),
    status: text(story['status']),
  };
}

/** Wires the header form of the editor `root` (which carries `data-story-version`). */
export function startStoryHeader(root: HTMLElement, storyId: string): void {
  const header = root.querySelector<HTMLFormElement>('#header-form');
  const conflictBox = root.querySelector<HTMLElement>('#header-conflict');
  if (!header || !conflictBox) return;
  const input = (name: HeaderField) => header.elements.namedItem(name) as HTMLInputElement;
  const formValues = (): HeaderValues => {
    const values = {} as HeaderValues;
    for (const field of FIELDS) values[field] = input(field).value;
    return values;
  };
  const fill = (values: HeaderValues) => {
    for (const field of FIELDS) input(field).value = values[field];
  };
  // The version the form was based on: what a merge compares both sides against.
  let base = formValues();
  // A photo uploaded by a save that then met a conflict goes with the next attempt.
  let topPhotoId: string | undefined;

  async function save(): Promise<void> {
    conflictBox!.hidden = true;
    try {
      topPhotoId = (await uploadPhoto(header!)) ?? topPhotoId;
      const story = await api<Record<string, unknown>>('PATCH', `/stories/${storyId}`, {
        version: Number(root.dataset['storyVersion']),
        ...formValues(),
        ...(topPhotoId === undefined ? {} : { topPhotoId }),
      });
      topPhotoId = undefined;
      root.dataset['storyVersion'] = String(story['version']);
      base = valuesOf(story);
      showHeadline(root, base.headline);
      say(header, 'Header saved.');
    } catch (error) {
      const p = error as Problem;
      if (p.status === 409 && p.current) {
        say(header, '');
        showConflict(p.current);
      } else say(header, problemText(error), true);
    }
  }

  function showConflict(current: Record<string, unknown>): void {
    const theirs = valuesOf(current);
    // From here on the stored version is the base; a further colleague's save merges again.
    const adopt = () => {
      root.dataset['storyVersion'] = String(current['version']);
      base = theirs;
      conflictBox!.hidden = true;
    };
    const select = input('status') as unknown as HTMLSelectElement;
    const form = mergeView({
      heading: `Someone else saved the header first (now version ${String(current['version'])}).`,
      fields: FIELDS,
      labels: LABELS,
      base,
      mine: formValues(),
      theirs,
      shown: (field, v) =>
        field === 'status'
          ? ([...select.options].find((o) => o.value === v)?.textContent ?? String(v))
          : v === ''
            ? '(empty)'
            : String(v),
      onSave: (merged) => {
        adopt();
        fill(merged as HeaderValues);
        void save();
      },
      onTakeTheirs: () => {
        adopt();
        fill(theirs);
        showHeadline(root, theirs.headline);
        say(header, 'Their version is loaded; change it and save, or leave it.');
      },
    });
    conflictBox!.replaceChildren(form);
    conflictBox!.hidden = false;
    form.querySelector<HTMLElement>('input, button')?.focus();
  }

  header.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
}
