/**
 * Which social-post links can be shown inside the page after a click, and the platform's own embed
 * frame for each: a post on X (x.com or twitter.com status links) or a public Telegram channel post
 * (t.me/channel/123). Like video-embeds.ts, only a validated id (and channel name) from the author's
 * URL reaches the frame's URL.
 *
 * The frame is the one the platforms' embed scripts (X's widgets.js, Telegram's telegram-widget.js)
 * create; framing it directly keeps their script out of our pages' origin and our CSP's script-src.
 */
import { linkParts } from './video-embeds.ts';

/** A post that can be framed after the reader clicks. */
export interface PostEmbed {
  provider: 'X' | 'Telegram';
  /** The iframe's src. */
  src: string;
}

/** Origins the reader pages' CSP must allow in frame-src for these posts. */
export const POST_EMBED_ORIGINS = ['https://platform.twitter.com', 'https://t.me'] as const;

const X_HOSTS = new Set(['x.com', 'twitter.com', 'mobile.twitter.com', 'mobile.x.com']);
const X_ID = /^\d{1,20}$/;
// Telegram's public usernames: 5–32 characters, a letter first (t.me/c/… private links never match).
const TELEGRAM_CHANNEL = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const TELEGRAM_ID = /^\d{1,10}$/;

/** The embed frame for the post at `url`, or null when it is not an X or public Telegram post. */
export function postEmbed(url: string): PostEmbed | null {
  const link = linkParts(url, /^www\./);
  if (!link) return null;
  const { host, parts } = link;
  if (X_HOSTS.has(host)) {
    // /{user}/status/{id} and /i/web/status/{id}, with or without /photo/1 and the like after it.
    const at = parts.indexOf('status');
    const id = at > 0 ? parts[at + 1] : undefined;
    if (id === undefined || !X_ID.test(id)) return null;
    return { provider: 'X', src: `https://platform.twitter.com/embed/Tweet.html?id=${id}&dnt=true` };
  }
  if (host === 't.me' || host === 'telegram.me') {
    const [channel, id] = parts[0] === 's' ? parts.slice(1) : parts;
    if (channel === undefined || id === undefined || !TELEGRAM_CHANNEL.test(channel) || !TELEGRAM_ID.test(id))
      return null;
    return { provider: 'Telegram', src: `https://t.me/${channel}/${id}?embed=1` };
  }
  return null;
}
