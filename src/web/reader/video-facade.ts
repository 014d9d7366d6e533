/**
 * Click-to-load video on reader pages: a YouTube or Vimeo facade (rendered by MediaCard, contacting no
 * one) becomes the platform's player in the page when the reader clicks it, still under the update's
 * claim label. Works for updates that arrive live too (one listener on the document). A click with a
 * modifier key, or any click without this script, opens the original instead.
 */

/** Swaps the facade around `link` for the player, keeping the claim label above it. */
function play(facade: HTMLElement, link: HTMLAnchorElement): void {
  const src = facade.dataset['embedSrc'];
  if (!src?.startsWith('https://')) return;
  const label = link.querySelector('.media-claim')?.textContent ?? '';
  const kind = link.querySelector('.media-kind')?.textContent ?? '';

  const caption = document.createElement('figcaption');
  caption.className = 'media-claim media-claim-playing';
  caption.textContent = label;

  const frame = document.createElement('div');
  frame.className = 'media-frame';
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = facade.dataset['embedTitle'] ?? label;
  iframe.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
  iframe.allowFullscreen = true;
  iframe.referrerPolicy = 'strict-origin-when-cross-origin';
  // The player may run its own script in its own origin; it may not navigate this page.
  iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation allow-popups');
  frame.append(iframe);

  const source = document.createElement('p');
  source.className = 'media-source';
  const original = document.createElement('a');
  original.href = link.href;
  original.rel = 'nofollow noopener noreferrer';
  original.target = '_blank';
  original.textContent = `${kind} ↗`;
  source.append(original);

  link.replaceWith(caption, frame, source);
  facade.classList.add('is-playing');
  iframe.focus();
}

/** Starts listening for clicks on video facades. */
export function startVideoFacades(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('.media-embed a.media-play');
    const facade = link?.closest<HTMLElement>('.media-embed');
    if (!link || !facade) return;
    event.preventDefault();
    play(facade, link);
  });
}
