/**
 * Which video links can play inside the page, and the player URL for each: YouTube through its
 * no-cookie domain, Vimeo with "do not track". Everything else (X, Telegram, Facebook, TikTok, any
 * other site) stays a link card that opens the original. Ids are checked against the platform's own
 * shape, so nothing from the author's URL reaches the player URL except a validated id.
 */

/** A player that can be framed after the reader clicks. */
export interface VideoEmbed {
  provider: 'YouTube' | 'Vimeo';
  /** The iframe's src. */
  src: string;
}

/** Origins the reader pages' CSP must allow in frame-src for these players. */
export const EMBED_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'] as const;

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;

/** An http(s) link taken apart: its lower-case host without `prefix`, and its path segments. */
export function linkParts(
  url: string,
  prefix: RegExp,
): { parsed: URL; host: string; parts: string[] } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = parsed.hostname.toLowerCase().replace(prefix, '');
  return { parsed, host, parts: parsed.pathname.split('/').filter(Boolean) };
}

/** The in-page player for `url`, or null when it must stay a link. */
export function videoEmbed(url: string): VideoEmbed | null {
  const link = linkParts(url, /^(www\.|m\.)/);
  if (!link) return null;
  const { parsed, host, parts } = link;
  let youtube: string | undefined;
  if (host === 'youtu.be') youtube = parts[0];
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com' || host === 'music.youtube.com') {
    if (parts[0] === 'watch') youtube = parsed.searchParams.get('v') ?? undefined;
    else if (['shorts', 'embed', 'live', 'v'].includes(parts[0] ?? '')) youtube = parts[1];
  }
  if (youtube !== undefined && YOUTUBE_ID.test(youtube)) {
    const start = startSeconds(parsed.searchParams.get('t') ?? parsed.searchParams.get('start'));
    return {
      provider: 'YouTube',
      src: `https://www.youtube-nocookie.com/embed/${youtube}?autoplay=1&rel=0${start ? `&start=${start}` : ''}`,
    };
  }
  let vimeo: string | undefined;
  if (host === 'vimeo.com') vimeo = parts.findLast((p) => VIMEO_ID.test(p));
  else if (host === 'player.vimeo.com' && parts[0] === 'video') vimeo = parts[1];
  if (vimeo !== undefined && VIMEO_ID.test(vimeo))
    return { provider: 'Vimeo', src: `https://player.vimeo.com/video/${vimeo}?autoplay=1&dnt=1` };
  return null;
}

/** YouTube's `t`/`start` ("90", "90s", "1m30s") in seconds, or 0. */
function startSeconds(value: string | null): number {
  if (value === null) return 0;
  const match = /^(?:(\d{1,2})h)?(?:(\d{1,3})m)?(?:(\d{1,5})s?)?$/.exec(value);
  if (!match) return 0;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}
