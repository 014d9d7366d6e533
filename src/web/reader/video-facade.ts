/**
 * Click-to-load video and posts on reader pages: a YouTube or Vimeo facade, or one for a post on X or
 * Telegram (rendered by MediaCard, contacting no one), becomes the platform's player or embedded post
 * in the page when the reader clicks it, still under the update's claim label. Works for updates that
 * arrive live too (one listener on the document). A click with a modifier key, or any click without
 * this script, opens the original instead.
 */

// An embedded post's frame before it reports its height, and the bounds of what it may ask for.
const POST_MIN_HEIGHT = 160;
const POST_MAX_HEIGHT = 2400;

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
  const post = facade.dataset['embedKind'] === 'post';
  frame.className = post ? 'media-frame is-post' : 'media-frame';
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = facade.dataset['embedTitle'] ?? label;
  iframe.referrerPolicy = 'strict-origin-when-cross-origin';
  if (post) {
    // Links in a post open in a tab of their own, outside the sandbox.
    iframe.setAttribute(
      'sandbox',
      'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox',
    );
  } else {
    iframe.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
    iframe.allowFullscreen = true;
    // The player may run its own script in its own origin; it may not navigate this page.
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation allow-popups');
  }
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

/**
 * The height an embedded post asks for: X's frame sends {"twttr.embed": {method: "twttr.private.resize",
 * params: [{height}]}}, Telegram's a JSON string {"event": "resize", "height"}. What the platforms' own
 * scripts would do; here the frame may only set its height, within bounds.
 */
function requestedHeight(data: unknown): number | null {
  let message = data;
  if (typeof message === 'string') {
    try {
      message = JSON.parse(message);
    } catch {
      return null;
    }
  }
  if (message === null || typeof message !== 'object') return null;
  const x = (message as { 'twttr.embed'?: { method?: unknown; params?: { height?: unknown }[] } })[
    'twttr.embed'
  ];
  const telegram = message as { event?: unknown; height?: unknown };
  const height =
    x?.method === 'twttr.private.resize'
      ? x.params?.[0]?.height
      : telegram.event === 'resize'
        ? telegram.height
        : undefined;
  return typeof height === 'number' && Number.isFinite(height) ? height : null;
}

/** Resizes an embedded post's frame when it reports its height. */
function followPostHeights(): void {
  window.addEventListener('message', (event) => {
    const height = requestedHeight(event.data);
    if (height === null) return;
    for (const iframe of document.querySelectorAll<HTMLIFrameElement>('.media-frame.is-post iframe')) {
      // Only the frame that sent it, and only from where it was loaded.
      if (iframe.contentWindow !== event.source || !iframe.src.startsWith(`${event.origin}/`)) continue;
      iframe.style.height = `${Math.min(POST_MAX_HEIGHT, Math.max(POST_MIN_HEIGHT, Math.ceil(height)))}px`;
    }
  });
}

/** Starts listening for clicks on video and post facades. */
export function startVideoFacades(): void {
  followPostHeights();
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
