/**
 * The script partner sites paste (served at /embed.js). It turns each
 *   <a class="dateline-embed" href="https://news.example/syria-daily/2026-05-27" data-limit="5" data-theme="dark">…</a>
 * into a framed live widget from the same origin as this script. Without this script (or JavaScript)
 * the link stays a link. The widget lives in an iframe, so the partner page's CSS and scripts cannot
 * touch it and it sets no cookies on either side.
 */

const ATTRIBUTE = 'data-dateline-mounted';

interface HeightMessage {
  type: 'dateline:height';
  frame: string;
  height: number;
}

function isHeightMessage(data: unknown): data is HeightMessage {
  if (data === null || typeof data !== 'object') return false;
  const message = data as Record<string, unknown>;
  return (
    message['type'] === 'dateline:height' &&
    typeof message['frame'] === 'string' &&
    typeof message['height'] === 'number'
  );
}

const script = document.currentScript;
const origin = script instanceof HTMLScriptElement ? new URL(script.src).origin : window.location.origin;
let counter = 0;
const frames = new Map<string, HTMLIFrameElement>();

function mount(anchor: HTMLAnchorElement): void {
  if (anchor.hasAttribute(ATTRIBUTE)) return;
  let page: URL;
  try {
    page = new URL(anchor.href);
  } catch {
    return;
  }
  if (page.origin !== origin) return;
  anchor.setAttribute(ATTRIBUTE, '');
  const id = `dateline-${++counter}`;
  const src = new URL(`/embed${page.pathname}`, origin);
  const limit = anchor.dataset['limit'];
  const theme = anchor.dataset['theme'];
  if (limit !== undefined) src.searchParams.set('limit', limit);
  if (theme !== undefined) src.searchParams.set('theme', theme);
  src.searchParams.set('frame', id);
  const frame = document.createElement('iframe');
  frame.src = src.toString();
  frame.title = anchor.textContent?.trim() || 'Live updates';
  frame.loading = 'lazy';
  frame.setAttribute('style', 'border:0;width:100%;min-height:12rem;display:block');
  frame.referrerPolicy = 'strict-origin-when-cross-origin';
  frames.set(id, frame);
  anchor.replaceWith(frame);
}

window.addEventListener('message', (event) => {
  if (event.origin !== origin || !isHeightMessage(event.data)) return;
  const frame = frames.get(event.data.frame);
  if (frame) frame.style.height = `${Math.ceil(Math.min(event.data.height, 20_000))}px`;
});

function scan(): void {
  for (const anchor of document.querySelectorAll<HTMLAnchorElement>('a.dateline-embed')) mount(anchor);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
else scan();
