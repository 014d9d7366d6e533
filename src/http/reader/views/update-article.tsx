/** One update as readers see it: the same markup on the page, on its permalink page and in live events. */
import type { JSX } from 'preact';
import { updateAnchor, updatePath } from '../../../domain/paths.ts';
import { authorPath, authorSlug } from '../../../domain/authors.ts';
import { bylineOf, CLAIM_LABELS, photosOf } from '../../../domain/types.ts';
import type { ClaimChange, ClaimStatus, MediaRef, Update } from '../../../domain/types.ts';
import { relativeTime } from '../../../domain/relative-time.ts';
import { hostOf, isSitePath, isWebUrl } from '../safe-url.ts';
import { linkHrefs } from '../html-text.ts';
import { videoEmbed } from '../../../media/video-embeds.ts';
import { postEmbed } from '../../../media/post-embeds.ts';
import type { Statement } from '../../../statements/statement.ts';
import { CitedStatements } from './cited-statements.tsx';
import { largestJpeg, Picture } from './photo.tsx';
import { formatClock, formatDateTime } from '../time-format.ts';

/** Glyph beside each claim label, so the status reads without colour (paired with a border style in CSS). */
export const CLAIM_GLYPHS: Record<ClaimStatus, string> = {
  unverified: '?',
  claimed: '!',
  verified: '✓',
  disputed: '⇄',
  false: '✕',
};

/** Stands in for the relative time in markup rendered once and reused (see article-renderer.ts). */
export const RELATIVE_TIME_SLOT = '\u0000relative-time\u0000';

/** Where an update is shown: its story's path and time zone, and the moment the page was rendered. */
export interface UpdateContext {
  storyPath: string;
  timezone: string;
  /** Render time for "5 min ago"; null renders RELATIVE_TIME_SLOT for the caller to fill in. */
  now: number | null;
  /** Official statements each update cites, by update id (see cited-statements.tsx). */
  citations?: ReadonlyMap<string, readonly Statement[]>;
}

/**
 * How the claim got to where it is ("Claimed 13:10 — posted by residents", "Verified 14:05 — geolocated
 * to …"), oldest first. Shown only once the status or its evidence has changed since publication.
 */
export function ClaimHistory(props: { history: ClaimChange[]; timezone: string }): JSX.Element | null {
  const { history, timezone } = props;
  if (history.length < 2) return null;
  return (
    <details class="claim-history">
      <summary>
        How this was checked ({history.length - 1} {history.length === 2 ? 'change' : 'changes'})
      </summary>
      <ol>
        {history.map((change) => (
          <li>
            <span class={`claim-step claim-step-${change.to}`}>{CLAIM_LABELS[change.to]}</span>{' '}
            <time dateTime={change.at} title={formatDateTime(change.at, timezone)}>
              {formatClock(change.at, timezone)}
            </time>
            {change.note !== '' && ` — ${change.note}`}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A claim status as a labelled badge (text + glyph + border style) with the evidence note behind it. */
export function ClaimLabel(props: { status: ClaimStatus; note: string }): JSX.Element {
  const { status, note } = props;
  return (
    <p class={`claim claim-${status}`}>
      <span class="claim-badge">
        <span class="claim-glyph" aria-hidden="true">
          {CLAIM_GLYPHS[status]}
        </span>
        <span class="sr-only">Claim status: </span>
        {CLAIM_LABELS[status]}
      </span>
      {note !== '' && <span class="claim-note">{note}</span>}
    </p>
  );
}

/**
 * Share or copy the update's permalink (web/reader/share.ts). Rendered hidden: only the reader page's
 * script shows it, so the embed and the newsroom, which do not run it, never show a dead button. Which
 * label is visible depends on whether the browser has a share sheet (a class the script sets).
 */
function ShareButton(props: { labelId: string }): JSX.Element {
  return (
    <span class="update-share-wrap">
      <button type="button" class="update-share" data-share="" aria-describedby={props.labelId} hidden>
        <span class="share-native">Share</span>
        <span class="share-copy">Copy link</span>
      </button>
      <span class="update-share-status" role="status" />
    </span>
  );
}

/** Most posts from X or Telegram linked in one update's text that are shown as facades below it. */
const MAX_LINKED_POSTS = 3;

/** X and Telegram posts linked in the update's text (not its video field), each once, as facades. */
function LinkedPosts(props: { update: Update }): JSX.Element {
  const { update } = props;
  const seen = new Set(update.videoUrl === null ? [] : [postEmbed(update.videoUrl)?.src]);
  const urls: string[] = [];
  for (const href of linkHrefs(update.bodyHtml)) {
    const src = postEmbed(href)?.src;
    if (src === undefined || seen.has(src) || urls.length === MAX_LINKED_POSTS) continue;
    seen.add(src);
    urls.push(href);
  }
  return (
    <>
      {urls.map((url) => (
        <MediaCard url={url} claimStatus={update.claimStatus} />
      ))}
    </>
  );
}

/** Platforms recognised in video and social links: what to call the post, and whether it is a video. */
const MEDIA_KINDS: [RegExp, string, 'video' | 'post'][] = [
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'YouTube', 'video'],
  [/(^|\.)(x\.com|twitter\.com)$/, 'X', 'post'],
  [/(^|\.)t\.me$/, 'Telegram', 'post'],
  [/(^|\.)(facebook\.com|fb\.watch)$/, 'Facebook', 'post'],
  [/(^|\.)instagram\.com$/, 'Instagram', 'post'],
  [/(^|\.)tiktok\.com$/, 'TikTok', 'video'],
  [/(^|\.)vimeo\.com$/, 'Vimeo', 'video'],
];

/** Lower-case claim wording for a facade: "Claimed video — unverified". */
const FACADE_CLAIM: Record<ClaimStatus, string> = {
  unverified: 'unverified',
  claimed: 'claimed, not verified',
  verified: 'verified',
  disputed: 'disputed',
  false: 'shown to be false',
};

/**
 * A video or social post as a click-to-load facade. It loads nothing from the platform (no iframe, no
 * thumbnail, no script): the reader's connection to a third party happens only when they click, and
 * the card carries the update's claim label so an unverified video never looks verified. YouTube and
 * Vimeo then play in the page (reader-live's video-facade.ts swaps in the player under the same label);
 * without JavaScript, and for every other platform, the card is a link that opens the original.
 */
export function MediaCard(props: { url: string; claimStatus?: ClaimStatus }): JSX.Element | null {
  if (!isWebUrl(props.url)) return null;
  const host = hostOf(props.url);
  const known = MEDIA_KINDS.find(([pattern]) => pattern.test(host));
  const what = known ? (known[2] === 'video' ? 'video' : 'post') : 'link';
  const status = props.claimStatus ?? 'unverified';
  const label = `${CLAIM_LABELS[status]} ${what} — ${FACADE_CLAIM[status]}`;
  const video = videoEmbed(props.url);
  const embed = video ?? postEmbed(props.url);
  const kind = known ? `${known[2] === 'video' ? 'Video' : 'Post'} on ${known[1]}` : host;
  if (embed)
    return (
      <figure
        class={`media-card media-card-${status} media-embed`}
        data-embed-src={embed.src}
        data-embed-title={`${label} (${embed.provider})`}
        data-embed-kind={video ? 'video' : 'post'}
      >
        <a class="media-link media-play" href={props.url} rel="nofollow noopener noreferrer" target="_blank">
          <span class="media-glyph" aria-hidden="true">
            ▶
          </span>
          <span class="media-text">
            <span class="media-claim">{label}</span>
            <span class="media-kind">{kind}</span>
            <span class="media-note">
              {video ? 'Plays' : 'Shows'} here when you click; nothing loads from {embed.provider} until then.
            </span>
          </span>
        </a>
      </figure>
    );
  return (
    <p class={`media-card media-card-${status}`}>
      <a class="media-link" href={props.url} rel="nofollow noopener noreferrer" target="_blank">
        <span class="media-glyph" aria-hidden="true">
          {what === 'link' ? '↗' : '▶'}
        </span>
        <span class="media-text">
          <span class="media-claim">{label}</span>
          <span class="media-kind">{kind}</span>
          <span class="media-note">Opens {host}; nothing loads from there until you click.</span>
        </span>
      </a>
    </p>
  );
}

/** An uploaded photo with caption and credit. */
function UpdatePhoto(props: { media: NonNullable<Update['media']> }): JSX.Element | null {
  const { media } = props;
  if (!isSitePath(media.url)) return null;
  return (
    <figure class="update-photo">
      <Picture
        variants={media.variants}
        fallback={media.url}
        alt={media.alt}
        width={media.width}
        height={media.height}
        lazy
      />
      {(media.caption !== '' || media.credit !== '') && (
        <figcaption>
          {media.caption}
          {media.credit !== '' && <span class="credit"> Photo: {media.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}

/** Thumbnails' layout widths: most of a phone's width in the swipeable row, a third of the column wider. */
const GALLERY_SIZES = '(max-width: 40rem) 80vw, 14rem';

/**
 * Several photos as a gallery: a row that swipes sideways on a phone and a grid on wider screens, each
 * thumbnail in a fixed 4:3 box (nothing moves as photos load) linking to the full photo. The reader
 * script (web/reader/gallery.ts) opens the link in a keyboard-driven lightbox instead.
 */
function UpdateGallery(props: { photos: MediaRef[]; anchor: string }): JSX.Element | null {
  const photos = props.photos.filter((p) => isSitePath(p.url));
  if (photos.length === 0) return null;
  return (
    <section class="update-gallery" aria-label={`Photos (${photos.length})`}>
      <ul class="gallery-list">
        {photos.map((photo, i) => (
          <li class="gallery-item">
            <figure class="gallery-figure">
              <a
                class="gallery-open"
                href={largestJpeg(photo.variants, photo.url)}
                data-gallery-index={i}
                aria-describedby={
                  photo.caption === '' && photo.credit === '' ? undefined : `${props.anchor}-photo-${i}`
                }
              >
                <Picture
                  variants={photo.variants}
                  fallback={photo.url}
                  alt={photo.alt}
                  width={photo.width}
                  height={photo.height}
                  sizes={GALLERY_SIZES}
                  lazy
                />
                <span class="sr-only">
                  {' '}
                  (photo {i + 1} of {photos.length}, enlarge)
                </span>
              </a>
              {(photo.caption !== '' || photo.credit !== '') && (
                <figcaption id={`${props.anchor}-photo-${i}`}>
                  {photo.caption}
                  {photo.credit !== '' && <span class="credit"> Photo: {photo.credit}</span>}
                </figcaption>
              )}
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The byline, each name linked to its author page (a name no URL can carry stays text). */
function Byline(props: { names: string[] }): JSX.Element {
  const { names } = props;
  return (
    <p class="update-author">
      By{' '}
      {names.map((name, i) => {
        const slug = authorSlug(name);
        return (
          <>
            {i === 0 ? '' : i === names.length - 1 ? ' and ' : ', '}
            {slug === '' ? name : <a href={authorPath(slug)}>{name}</a>}
          </>
        );
      })}
    </p>
  );
}

/** An update's article: time (absolute and relative), flags, headline, claim, body, media, sources, author. */
export function UpdateArticle(props: { update: Update; context: UpdateContext }): JSX.Element {
  const { update, context } = props;
  const anchor = updateAnchor(update.id);
  const permalink = updatePath(context.storyPath, update.id);
  const labelId = update.headline !== null ? `${anchor}-title` : `${anchor}-time`;
  const classes = ['update'];
  if (update.pinned) classes.push('is-pinned');
  if (update.keyEvent) classes.push('is-key');
  const sources = update.sources.filter((s) => isWebUrl(s.url));
  const corrections = update.corrections ?? [];
  const corrected = corrections.at(-1);
  return (
    <article
      class={classes.join(' ')}
      id={anchor}
      data-update-id={update.id}
      data-sequence={update.sequence}
      aria-labelledby={labelId}
    >
      <header class="update-head">
        <p class="update-when">
          <a class="update-time" id={`${anchor}-time`} href={permalink}>
            <time dateTime={update.publishedAt} title={formatDateTime(update.publishedAt, context.timezone)}>
              {formatClock(update.publishedAt, context.timezone)}
            </time>
            <span class="sr-only"> (link to this update)</span>
          </a>
          <span class="update-ago" data-rel-time={update.publishedAt}>
            {context.now === null
              ? RELATIVE_TIME_SLOT
              : relativeTime(Date.parse(update.publishedAt), context.now)}
          </span>
          {update.pinned && <span class="flag flag-pinned">Pinned</span>}
          {update.keyEvent && <span class="flag flag-key">Key event</span>}
          {corrected && (
            <span class="update-corrected">
              Updated{' '}
              <time dateTime={corrected.at} title={formatDateTime(corrected.at, context.timezone)}>
                {formatClock(corrected.at, context.timezone)}
              </time>
            </span>
          )}
          <ShareButton labelId={labelId} />
        </p>
        {update.headline !== null && (
          <h3 class="update-title" id={`${anchor}-title`}>
            {update.headline}
          </h3>
        )}
      </header>
      <ClaimLabel status={update.claimStatus} note={update.claimNote} />
      <ClaimHistory history={update.claimHistory ?? []} timezone={context.timezone} />
      <div class="update-body prose" dangerouslySetInnerHTML={{ __html: update.bodyHtml }} />
      {photosOf(update).length > 1 ? (
        <UpdateGallery photos={photosOf(update)} anchor={anchor} />
      ) : (
        update.media && <UpdatePhoto media={update.media} />
      )}
      {update.videoUrl !== null && <MediaCard url={update.videoUrl} claimStatus={update.claimStatus} />}
      <LinkedPosts update={update} />
      <footer class="update-foot">
        {sources.length > 0 && (
          <div class="sources">
            <span class="sources-title" id={`${anchor}-sources`}>
              Sources:
            </span>
            <ul aria-labelledby={`${anchor}-sources`}>
              {sources.map((source) => (
                <li>
                  <a href={source.url} rel="nofollow noopener">
                    {source.label !== '' ? source.label : hostOf(source.url)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <CitedStatements
          statements={context.citations?.get(update.id)}
          anchor={anchor}
          timezone={context.timezone}
        />
        {corrections
          .filter((c) => c.note !== '')
          .map((c) => (
            <p class="update-correction">
              <span class="update-correction-title">Correction</span>{' '}
              <time dateTime={c.at} title={formatDateTime(c.at, context.timezone)}>
                {formatClock(c.at, context.timezone)}
              </time>
              : {c.note}
            </p>
          ))}
        {bylineOf(update).length > 0 && <Byline names={bylineOf(update)} />}
      </footer>
    </article>
  );
}
