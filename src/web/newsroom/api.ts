/** The newsroom's calls to the JSON API: the session cookie plus the page's CSRF token, problems as errors. */

const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

import type { Problem } from '../shared/wire.ts';

/** A problem+json answer, thrown by `api`. */
export type { Problem };

/** Calls the API; resolves to the JSON body, or throws the problem document. */
export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const isForm = body instanceof FormData;
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      'x-csrf-token': csrf,
      ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : isForm ? body : JSON.stringify(body),
  });
  if (response.status === 204) return {} as T;
  const json = (await response.json().catch(() => ({}))) as T & Problem;
  if (!response.ok) throw { ...json, status: response.status } as Problem;
  return json;
}

/** Shows `message` in the `.nr-status` line of `form` (red when `bad`). */
export function say(form: Element | null, message: string, bad = false): void {
  const status = form?.querySelector<HTMLElement>('.nr-status');
  if (!status) return;
  status.textContent = message;
  status.classList.toggle('nr-bad', bad);
}

/** What to tell the user about a failed call. */
export function problemText(error: unknown): string {
  const p = error as Problem;
  return p.detail ?? (error instanceof Error ? error.message : 'something went wrong');
}

/** Uploads the photo chosen in `form` (fields `photo`, `photoAlt`, …), if any; resolves to its id. */
export async function uploadPhoto(form: HTMLFormElement): Promise<string | undefined> {
  const input = form.elements.namedItem('photo') as HTMLInputElement | null;
  const file = input?.files?.[0];
  if (!file) return undefined;
  const data = new FormData();
  data.append('file', file);
  for (const [name, field] of [
    ['alt', 'photoAlt'],
    ['caption', 'photoCaption'],
    ['credit', 'photoCredit'],
  ] as const) {
    const value = (form.elements.namedItem(field) as HTMLInputElement | null)?.value;
    if (value !== undefined) data.append(name, value);
  }
  const media = await api<{ id: string }>('POST', '/media', data);
  input.value = '';
  return media.id;
}

/** An element with text, for building small bits of UI without innerHTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text = '',
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  Object.assign(node, props);
  return node;
}
