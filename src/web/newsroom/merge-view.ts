/**
 * The merge view shown when a colleague saved first, for an update and for the story header alike:
 * what only they changed is kept and listed (so a colleague's verification is seen, never silently
 * undone), what only this editor changed is kept and listed, and what both changed is shown side by
 * side to choose. Nothing is saved until the editor says so.
 */
import { el } from './api.ts';
import { mergeThreeWay } from './merge.ts';

/** What the merge view needs: the three versions, how to name and show each field, and what to do. */
export interface MergeViewOptions<F extends string> {
  /** The opening sentence ("Someone else saved … (now version N)."). */
  heading: string;
  fields: readonly F[];
  labels: Record<F, string>;
  base: Record<F, string | boolean>;
  mine: Record<F, string | boolean>;
  theirs: Record<F, string | boolean>;
  /** A value as the editor reads it. */
  shown: (field: F, value: string | boolean) => string;
  /** The editor saves: `merged` has their value, yours, or the chosen one for every field. */
  onSave: (merged: Record<F, string | boolean>) => void;
  /** The editor drops their own changes for the stored version. */
  onTakeTheirs: () => void;
}

/** Builds the merge form (class `nr-merge`). */
export function mergeView<F extends string>(o: MergeViewOptions<F>): HTMLFormElement {
  const { merged, conflicts, ...kept } = mergeThreeWay(o.base, o.mine, o.theirs, o.fields);
  const form = el('form', '', { className: 'nr-merge' });
  const keptList = (title: string, fields: F[], values: Record<F, string | boolean>) => {
    const list = el('dl', '', { className: 'nr-merge-kept' });
    list.hidden = fields.length === 0;
    if (fields.length > 0) list.append(el('dt', title));
    for (const field of fields) list.append(el('dd', `${o.labels[field]}: ${o.shown(field, values[field])}`));
    return list;
  };
  form.append(
    el('p', `${o.heading} Nothing is saved until you choose.`),
    keptList('Their changes, kept:', kept.theirs, o.theirs),
    keptList('Your changes, kept:', kept.mine, o.mine),
  );
  for (const field of conflicts) {
    const set = el('fieldset', '', { className: 'nr-merge-field' });
    set.append(el('legend', `${o.labels[field]}: changed by both; choose one`));
    for (const [side, values, label] of [
      ['mine', o.mine, 'Yours'],
      ['theirs', o.theirs, 'Theirs'],
    ] as const) {
      const option = el('label', '', { className: 'nr-merge-side' });
      const radio = el('input', '', { type: 'radio', name: field, value: side, required: true });
      option.append(
        radio,
        el('strong', label),
        el('span', o.shown(field, values[field]), { className: 'nr-merge-value' }),
      );
      set.append(option);
    }
    form.append(set);
  }
  const save = el('button', conflicts.length > 0 ? 'Save with my choices' : 'Save with both changes', {
    type: 'submit',
    className: 'nr-primary',
  });
  const takeTheirs = el('button', 'Discard mine, load theirs', { type: 'button' });
  takeTheirs.addEventListener('click', o.onTakeTheirs);
  form.append(save, ' ', takeTheirs);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picks = new FormData(form);
    for (const field of conflicts) if (picks.get(field) === 'mine') merged[field] = o.mine[field];
    o.onSave(merged);
  });
  return form;
}
