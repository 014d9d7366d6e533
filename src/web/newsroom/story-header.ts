/**
 * The story header form (headline, standfirst, body, status, top photo). Saves name the version they
 * were based on; if a colleague saved first, their version is shown beside the editor's own, field by
 * field, and nothing is overwritten unless the editor chooses to.
 */
import { diffWords } from 'diff';
import { api, el, problemText, say, uploadPhoto, type Problem } from './api.ts';
import { showHeadline } from './headline.ts';

const FIELDS = [
  ['headline', 'Headline'],
  ['standfirst', 'Standfirst'],
  ['body', 'Analysis body'],
  ['status', 'Status'],
] as const;

/** Wires the header form of the editor `root` (which carries `data-story-version`). */
export function startStoryHeader(root: HTMLElement, storyId: string): void {
  const header = root.querySelector<HTMLFormElement>('#header-form');
  if (!header) return;
  const conflictBox = header.querySelector<HTMLElement>('.nr-conflict');
  const input = (name: string) => header.elements.namedItem(name) as HTMLInputElement;

  async function save(): Promise<void> {
    if (conflictBox) conflictBox.hidden = true;
    try {
      const topPhotoId = await uploadPhoto(header!);
      const story = await api<{ version: number; headline: string }>('PATCH', `/stories/${storyId}`, {
        version: Number(root.dataset['storyVersion']),
        headline: input('headline').value,
        standfirst: input('standfirst').value,
        body: input('body').value,
        status: input('status').value,
        ...(topPhotoId === undefined ? {} : { topPhotoId }),
      });
      root.dataset['storyVersion'] = String(story.version);
      showHeadline(root, story.headline);
      say(header, 'Header saved.');
    } catch (error) {
      const p = error as Problem;
      if (p.status === 409 && p.current && conflictBox) {
        say(header, '');
        showConflict(conflictBox, p.current);
      } else say(header, problemText(error), true);
    }
  }

  /** Their saved header against the form, field by field: struck out is yours, underlined is theirs. */
  function showConflict(box: HTMLElement, current: Record<string, unknown>): void {
    box.replaceChildren();
    box.hidden = false;
    box.append(
      el(
        'p',
        `Someone else saved the header first (now version ${String(current['version'])}). Your changes are still in the form; what differs in theirs:`,
      ),
    );
    const list = el('dl', '', { className: 'nr-header-diff' });
    for (const [name, label] of FIELDS) {
      const mine = input(name).value;
      const theirs = String(current[name] ?? '');
      if (mine === theirs) continue;
      const dd = el('dd');
      for (const part of diffWords(mine, theirs))
        dd.append(el(part.added ? 'ins' : part.removed ? 'del' : 'span', part.value));
      list.append(el('dt', label), dd);
    }
    if (list.childElementCount === 0) list.append(el('dd', 'Nothing you changed differs from theirs.'));
    const keepMine = el('button', 'Save mine over theirs', { type: 'button' });
    keepMine.addEventListener('click', () => {
      root.dataset['storyVersion'] = String(current['version']);
      void save();
    });
    const takeTheirs = el('button', 'Load their version', { type: 'button' });
    takeTheirs.addEventListener('click', () => {
      for (const [name] of FIELDS) input(name).value = String(current[name] ?? '');
      root.dataset['storyVersion'] = String(current['version']);
      box.hidden = true;
      say(header, 'Their version is loaded; change it and save, or leave it.');
    });
    box.append(list, keepMine, ' ', takeTheirs);
    keepMine.focus();
  }

  header.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
}
