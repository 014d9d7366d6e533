/**
 * The admins' users page: change a user's role and desks, disable or enable them, give them a new
 * one-time password, add a user. The server checks the admin role on every call; this is only the face.
 */
import { api, el, problemText, type Problem } from './api.ts';

interface AddedUser {
  user: { email: string; name: string };
  password: string;
}

/** Wires the users page inside `root` (the element with `data-admin="users"`). */
export function startUsersAdmin(root: HTMLElement): void {
  const status = root.querySelector<HTMLElement>('.nr-status');
  const passwordBox = root.querySelector<HTMLElement>('.nr-password');
  const tell = (message: string, bad = false) => {
    if (!status) return;
    status.textContent = message;
    status.classList.toggle('nr-bad', bad);
  };

  /** The one-time password, shown once, with what to do with it. */
  function showPassword(added: AddedUser, what: string): void {
    if (!passwordBox) return;
    passwordBox.hidden = false;
    const code = el('code', added.password, { className: 'nr-secret' });
    passwordBox.replaceChildren(
      el('p', `${what} ${added.user.name} (${added.user.email}). Their password, shown only now:`),
      code,
      el('p', 'Hand it over in person or over a channel you trust; it cannot be shown again.'),
    );
    passwordBox.scrollIntoView({ block: 'nearest' });
  }

  /** Checking "All desks" clears and locks the desk boxes; a desk list otherwise. */
  function desksOf(scope: Element): string[] | null {
    const all = scope.querySelector<HTMLInputElement>('input[name="allDesks"]');
    if (all?.checked) return null;
    return [...scope.querySelectorAll<HTMLInputElement>('input[name="desk"]:checked')].map((i) => i.value);
  }
  root.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    if (box.name !== 'allDesks') return;
    for (const desk of box.closest('fieldset')?.querySelectorAll<HTMLInputElement>('input[name="desk"]') ??
      []) {
      desk.disabled = box.checked;
      if (box.checked) desk.checked = false;
    }
  });

  root.addEventListener('click', async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button');
    const row = button?.closest<HTMLTableRowElement>('tr[data-user-id]');
    if (!button || !row) return;
    const id = row.dataset['userId'] ?? '';
    const email = row.dataset['email'] ?? '';
    button.disabled = true;
    try {
      if (button.dataset['saveUser'] !== undefined) {
        const role = row.querySelector<HTMLSelectElement>('select[name="role"]');
        const desks = desksOf(row);
        if (desks !== null && desks.length === 0) throw { detail: 'pick at least one desk, or All desks' };
        await api('PATCH', `/users/${id}`, {
          ...(role && !role.disabled ? { role: role.value } : {}),
          desks,
        });
        tell(`Saved ${email}.`);
      } else if (button.dataset['toggleUser'] !== undefined) {
        const disable = button.textContent === 'Disable';
        if (disable && !confirm(`Disable ${email}? They are signed out everywhere at once.`)) return;
        await api('PATCH', `/users/${id}`, { disabled: disable });
        button.textContent = disable ? 'Enable' : 'Disable';
        row.classList.toggle('is-disabled', disable);
        const state = row.querySelector('.nr-user-state');
        if (state) state.textContent = disable ? 'Disabled' : 'Active';
        tell(`${disable ? 'Disabled' : 'Enabled'} ${email}.`);
      } else if (button.dataset['resetPassword'] !== undefined) {
        if (!confirm(`Give ${email} a new password? Their old one stops working and they are signed out.`))
          return;
        showPassword(await api<AddedUser>('POST', `/users/${id}/password`, {}), 'New password for');
        tell(`New password for ${email}.`);
      }
    } catch (error) {
      tell(problemText(error as Problem), true);
    } finally {
      button.disabled = false;
    }
  });

  const form = root.querySelector<HTMLFormElement>('#add-user-form');
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    try {
      const desks = desksOf(form);
      if (desks !== null && desks.length === 0) throw { detail: 'pick at least one desk, or All desks' };
      const added = await api<AddedUser>('POST', '/users', {
        email: value('email'),
        name: value('name'),
        role: value('role'),
        ...(desks === null ? {} : { desks }),
      });
      form.reset();
      showPassword(added, 'Added');
      tell(`Added ${added.user.email}; reload to change their role or desks.`);
    } catch (error) {
      tell(problemText(error), true);
    }
  });
}
