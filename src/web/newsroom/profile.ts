/**
 * The author profile form (/newsroom/profile): uploads a chosen photo through POST /media (type-checked,
 * metadata stripped), then saves the profile with PUT /users/{id}/profile; the server checks who may.
 */
import { api, problemText, say } from './api.ts';

/** Wires the profile form, if the page has one. */
export function startProfileForm(form: HTMLFormElement): void {
  const userId = form.dataset['profileUser'] ?? '';
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      const name = field('name')?.value ?? '';
      const payload: Record<string, unknown> = {
        name,
        jobTitle: field('jobTitle')?.value ?? '',
        bio: (form.elements.namedItem('bio') as HTMLTextAreaElement | null)?.value ?? '',
        // The page as this form loaded it: a colleague's (or an admin's) save since is refused, not undone.
        updatedAt: form.dataset['profileUpdated'] || null,
      };
      const file = field('photo')?.files?.[0];
      if (file) {
        const data = new FormData();
        data.append('file', file);
        data.append('alt', name || 'Portrait');
        payload['photoId'] = (await api<{ id: string }>('POST', '/media', data)).id;
      } else if (field('removePhoto')?.checked) payload['photoId'] = null;
      const saved = await api<{ url: string; updatedAt: string }>(
        'PUT',
        `/users/${encodeURIComponent(userId)}/profile`,
        payload,
      );
      form.dataset['profileUpdated'] = saved.updatedAt;
      const status = form.querySelector<HTMLElement>('.nr-status');
      status?.replaceChildren(
        'Saved. Readers see it at ',
        Object.assign(document.createElement('a'), {
          href: saved.url,
          textContent: saved.url,
        }),
      );
      status?.classList.remove('nr-bad');
    } catch (error) {
      say(form, problemText(error), true);
    } finally {
      if (button) button.disabled = false;
    }
  });
}
