/**
 * The lightbox of update galleries: a thumbnail's link (to the full photo, which is what it opens
 * without JavaScript) opens a modal dialog with the photo at full size, its alt text, caption and
 * credit, and "n of N". Keys: ← and → step through the gallery, Escape closes, Tab stays inside (a
 * modal dialog makes the page behind it inert); on closing, focus returns to the thumbnail of the
 * photo last shown. One listener on the document, so galleries that arrive live work too.
 */

interface Lightbox {
  dialog: HTMLDialogElement;
  figure: HTMLElement;
  count: HTMLElement;
  prev: HTMLButtonElement;
  next: HTMLButtonElement;
}

let box: Lightbox | null = null;
let links: HTMLAnchorElement[] = [];
let index = 0;

function button(label: string, text: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  return b;
}

function createLightbox(): Lightbox {
  const dialog = document.createElement('dialog');
  dialog.className = 'lightbox';
  const inner = document.createElement('div');
  inner.className = 'lightbox-inner';
  const bar = document.createElement('div');
  bar.className = 'lightbox-bar';
  const count = document.createElement('span');
  count.className = 'lightbox-count';
  count.setAttribute('aria-live', 'polite');
  const prev = button('Previous photo', '← Previous');
  const next = button('Next photo', 'Next →');
  const close = button('Close', '✕ Close');
  bar.append(count, prev, next, close);
  const figure = document.createElement('figure');
  inner.append(bar, figure);
  dialog.append(inner);
  document.body.append(dialog);
  prev.addEventListener('click', () => show(index - 1));
  next.addEventListener('click', () => show(index + 1));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowLeft') show(index - 1);
    else if (event.key === 'ArrowRight') show(index + 1);
    else return;
    event.preventDefault();
  });
  // A click on the dark margin (the dialog itself, not its content) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => links[index]?.focus());
  return { dialog, figure, count, prev, next };
}

/** Shows photo `i` of the current gallery (clamped to its ends). */
function show(i: number): void {
  if (!box) return;
  index = Math.max(0, Math.min(links.length - 1, i));
  const link = links[index];
  if (!link) return;
  const picture = link.querySelector('picture')?.cloneNode(true) as HTMLElement | undefined;
  // The same srcset at the lightbox's size: the browser picks the largest variant it needs.
  for (const el of picture?.querySelectorAll('source, img') ?? []) {
    el.setAttribute('sizes', '100vw');
    el.removeAttribute('loading');
  }
  const caption = link.closest('figure')?.querySelector('figcaption')?.cloneNode(true) as
    HTMLElement | undefined;
  caption?.removeAttribute('id');
  box.figure.replaceChildren(...[picture, caption].filter((n): n is HTMLElement => n !== undefined));
  box.count.textContent = `Photo ${index + 1} of ${links.length}`;
  box.dialog.setAttribute('aria-label', `Photo ${index + 1} of ${links.length}`);
  box.prev.disabled = index === 0;
  box.next.disabled = index === links.length - 1;
}

/** Opens the lightbox for gallery links instead of following them. */
export function startGalleries(): void {
  if (typeof HTMLDialogElement !== 'function') return;
  document.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a.gallery-open');
    const gallery = link?.closest('.update-gallery');
    if (!link || !gallery) return;
    event.preventDefault();
    box ??= createLightbox();
    links = [...gallery.querySelectorAll<HTMLAnchorElement>('a.gallery-open')];
    show(links.indexOf(link));
    box.dialog.showModal();
    box.dialog.querySelector<HTMLButtonElement>('button[aria-label="Close"]')?.focus();
  });
}
