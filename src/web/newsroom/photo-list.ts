/**
 * The composer's photos: add several (each with alt text, caption and credit), reorder them with
 * Move up / Move down, remove them. The first leads; several make a gallery on the reader page. The
 * list's state is the hidden `photos` field (JSON), so the conflict merge compares and restores it
 * like any other field; a photo not uploaded yet is named there by a key into `files`. Photos are
 * uploaded (through POST /media: type-checked, metadata stripped) when the update is saved.
 */
import { api } from './api.ts';

/** One photo as the form keeps it: an uploaded one by `mediaId`, a chosen file by `file` (a key). */
export interface PhotoEntry {
  mediaId?: string;
  file?: string;
  alt: string;
  caption: string;
  credit: string;
  /** A small rendition's URL (uploaded) or a data: URL (chosen file), for the thumbnail. */
  thumb: string;
}

/** A photo as the API's `photos` takes it. */
export interface PhotoPayload {
  mediaId: string;
  alt: string;
  caption: string;
  credit: string;
}

/** The `photos` field's value for an update as the API returns it (its `media`, then its `gallery`). */
export function photosText(update: Record<string, unknown>): string {
  const refs = [update['media'], ...(Array.isArray(update['gallery']) ? update['gallery'] : [])].filter(
    (m): m is Record<string, unknown> => typeof m === 'object' && m !== null,
  );
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return JSON.stringify(
    refs.map((m): PhotoEntry => {
      const variants = Array.isArray(m['variants']) ? (m['variants'] as Record<string, unknown>[]) : [];
      const small = variants.find((v) => v['type'] === 'image/jpeg');
      return {
        mediaId: text(m['id']),
        alt: text(m['alt']),
        caption: text(m['caption']),
        credit: text(m['credit']),
        thumb: text(small?.['url'] ?? m['url']),
      };
    }),
  );
}

/** How a merge shows the photos: their captions (or alt text), in order. */
export function photosSummary(value: string): string {
  const entries = parseEntries(value);
  if (entries.length === 0) return '(none)';
  return entries.map((e, i) => `${i + 1}. ${e.caption || e.alt || '(no caption)'}`).join('; ');
}

function parseEntries(value: string): PhotoEntry[] {
  try {
    const parsed: unknown = JSON.parse(value || '[]');
    return Array.isArray(parsed) ? (parsed as PhotoEntry[]) : [];
  } catch {
    return [];
  }
}

/** The photo list of one form. */
export interface PhotoList {
  /** Re-reads the hidden field (after the form was filled or reset). */
  render(): void;
  /** Uploads the chosen files and gives every photo as the API takes them; throws the upload's problem. */
  payload(): Promise<PhotoPayload[]>;
}

const files = new Map<string, File>();
let nextKey = 0;

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => resolve('');
    reader.readAsDataURL(file);
  });
}

/** Wires the photo fieldset of `form` (`[data-photos]`), if it has one. */
export function mountPhotoList(form: HTMLFormElement): PhotoList | null {
  const box = form.querySelector<HTMLElement>('[data-photos]');
  const state = form.elements.namedItem('photos') as HTMLInputElement | null;
  const picker = form.elements.namedItem('photo') as HTMLInputElement | null;
  const list = box?.querySelector<HTMLOListElement>('.nr-photo-list');
  if (!box || !state || !picker || !list) return null;

  const entries = (): PhotoEntry[] => parseEntries(state.value);
  const save = (next: PhotoEntry[]) => {
    state.value = JSON.stringify(next);
  };

  function input(label: string, value: string, max: number, onInput: (v: string) => void): HTMLLabelElement {
    const wrap = document.createElement('label');
    wrap.className = 'nr-field';
    const span = document.createElement('span');
    span.textContent = label;
    const field = document.createElement('input');
    field.value = value;
    field.maxLength = max;
    field.addEventListener('input', () => onInput(field.value));
    wrap.append(span, field);
    return wrap;
  }

  function button(text: string, label: string, onClick: () => void, disabled = false): HTMLButtonElement {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'nr-button nr-button-small';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.disabled = disabled;
    b.addEventListener('click', onClick);
    return b;
  }

  function move(from: number, to: number): void {
    const next = entries();
    const [item] = next.splice(from, 1);
    if (!item) return;
    next.splice(to, 0, item);
    save(next);
    render();
    // Keep the keyboard where it was: on the same button of the photo that moved, if it still can.
    const row = list!.children[to];
    const again = row?.querySelector<HTMLButtonElement>(
      to < from ? '[data-move="up"]' : '[data-move="down"]',
    );
    (again && !again.disabled
      ? again
      : row?.querySelector<HTMLButtonElement>('button:not(:disabled)')
    )?.focus();
  }

  function render(): void {
    const current = entries();
    list!.replaceChildren(
      ...current.map((entry, i) => {
        const row = document.createElement('li');
        row.className = 'nr-photo-item';
        row.setAttribute('aria-label', `Photo ${i + 1} of ${current.length}`);
        const thumb = document.createElement('img');
        thumb.className = 'nr-photo-thumb';
        thumb.alt = '';
        thumb.width = 96;
        thumb.height = 72;
        if (entry.thumb !== '') thumb.src = entry.thumb;
        const update = (patch: Partial<PhotoEntry>) => {
          const next = entries();
          next[i] = { ...next[i]!, ...patch };
          save(next);
        };
        const fields = document.createElement('div');
        fields.className = 'nr-photo-fields';
        fields.append(
          input('Photo alt text', entry.alt, 500, (alt) => update({ alt })),
          input('Photo caption', entry.caption, 1000, (caption) => update({ caption })),
          input('Photo credit', entry.credit, 200, (credit) => update({ credit })),
        );
        const actions = document.createElement('div');
        actions.className = 'nr-photo-actions';
        const up = button('↑ Up', `Move photo ${i + 1} up`, () => move(i, i - 1), i === 0);
        up.dataset['move'] = 'up';
        const down = button(
          '↓ Down',
          `Move photo ${i + 1} down`,
          () => move(i, i + 1),
          i === current.length - 1,
        );
        down.dataset['move'] = 'down';
        const remove = button('Remove', `Remove photo ${i + 1}`, () => {
          const next = entries();
          next.splice(i, 1);
          save(next);
          render();
          picker!.focus();
        });
        actions.append(up, down, remove);
        row.append(thumb, fields, actions);
        return row;
      }),
    );
  }

  picker.addEventListener('change', async () => {
    const chosen = [...(picker.files ?? [])];
    picker.value = '';
    const added: PhotoEntry[] = [];
    for (const file of chosen) {
      const key = `f${nextKey++}`;
      files.set(key, file);
      added.push({ file: key, alt: '', caption: '', credit: '', thumb: await readDataUrl(file) });
    }
    save([...entries(), ...added]);
    render();
    // The first new photo's alt text is what is missing now.
    list.children[entries().length - added.length]?.querySelector('input')?.focus();
  });

  async function payload(): Promise<PhotoPayload[]> {
    const current = entries();
    for (const [i, entry] of current.entries()) {
      if (entry.mediaId !== undefined || entry.file === undefined) continue;
      const file = files.get(entry.file);
      if (!file) continue;
      const data = new FormData();
      data.append('file', file);
      data.append('alt', entry.alt);
      data.append('caption', entry.caption);
      data.append('credit', entry.credit);
      const media = await api<{ id: string; variants?: { url: string; type: string }[] }>(
        'POST',
        '/media',
        data,
      );
      // Uploaded once: a save that fails later does not upload it again.
      files.delete(entry.file);
      const thumb = media.variants?.find((v) => v.type === 'image/jpeg')?.url ?? entry.thumb;
      current[i] = { mediaId: media.id, alt: entry.alt, caption: entry.caption, credit: entry.credit, thumb };
      save(current);
    }
    return current
      .filter((e): e is PhotoEntry & { mediaId: string } => e.mediaId !== undefined)
      .map((e) => ({ mediaId: e.mediaId, alt: e.alt, caption: e.caption, credit: e.credit }));
  }

  render();
  return { render, payload };
}
