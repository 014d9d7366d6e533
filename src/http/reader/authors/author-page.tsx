/**
 * Author pages, `/authors/{slug}`: the photo, name, role and short bio an author set in the newsroom,
 * and their updates on public (live or ended) pages, newest first, paged. Every byline name links here.
 *
 * A page exists when a public update carries the byline or when a newsroom user published a profile
 * under it. Otherwise it is a 404 like any unknown address, so a reader cannot tell a newsroom account
 * from a name nobody uses: an account's existence is not public, only what its owner published
 * (bylines on public pages, or a profile they chose to save) is. A disabled user's profile is withdrawn.
 */
import type { FastifyInstance } from 'fastify';
import type { JSX } from 'preact';
import { z } from 'zod';
import { authorPath, authorSlug, type AuthorProfile } from '../../../domain/authors.ts';
import { DomainError } from '../../../domain/errors.ts';
import { isSlug } from '../../../domain/slug.ts';
import { bylineOf, type Desk, type Page } from '../../../domain/types.ts';
import type { UpdateInStory } from '../../../store/store.ts';
import { sendPage } from '../../kit/send-page.ts';
import { jsonForScript } from '../json-ld.ts';
import { renderReaderNotFound, type ReaderDeps } from '../routes.tsx';
import { isSitePath } from '../safe-url.ts';
import { Layout, renderDocument, type PageMeta } from '../views/layout.tsx';
import { Picture } from '../views/photo.tsx';
import { TimelineItem } from '../views/timeline-item.tsx';

/** Updates per page; older ones are a link away. */
const PER_PAGE = 20;

const PageQuery = z.object({ cursor: z.string().max(400).optional() });

/** What the page says of the author. */
interface AuthorHeader {
  slug: string;
  name: string;
  profile: AuthorProfile | null;
}

function AuthorPageBody(props: {
  author: AuthorHeader;
  page: Page<UpdateInStory>;
  desks: Map<string, Desk>;
  older: string | null;
}): JSX.Element {
  const { author, page, desks } = props;
  const { profile } = author;
  const photo = profile?.photo && isSitePath(profile.photo.url) ? profile.photo : null;
  return (
    <div class="author-page">
      <header class="author-head">
        {photo && (
          <div class="author-photo">
            <Picture
              variants={photo.variants}
              fallback={photo.url}
              alt={photo.alt}
              width={photo.width}
              height={photo.height}
              sizes="8rem"
            />
          </div>
        )}
        <div class="author-who">
          <p class="kicker">Author</p>
          <h1>{author.name}</h1>
          {profile && profile.jobTitle !== '' && <p class="author-role">{profile.jobTitle}</p>}
        </div>
      </header>
      {profile && profile.bio !== '' && (
        <div class="author-bio">
          {profile.bio.split('\n\n').map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </div>
      )}
      <h2 id="author-updates-title">Latest updates by {author.name}</h2>
      {page.items.length === 0 ? (
        <p class="author-none">No published updates yet.</p>
      ) : (
        <ol class="entity-timeline" aria-labelledby="author-updates-title">
          {page.items.map(({ update, story }) => (
            <TimelineItem
              update={update}
              story={story}
              desk={story.deskId === null ? null : (desks.get(story.deskId) ?? null)}
            />
          ))}
        </ol>
      )}
      {props.older !== null && (
        <p>
          <a class="button" href={props.older}>
            Older updates
          </a>
        </p>
      )}
    </div>
  );
}

/** schema.org ProfilePage whose main entity is the author as a Person. */
function profileJsonLd(author: AuthorHeader, url: string, origin: string, siteName: string): string {
  const { profile } = author;
  const image = profile?.photo && isSitePath(profile.photo.url) ? `${origin}${profile.photo.url}` : undefined;
  return jsonForScript({
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url,
    mainEntity: {
      '@type': 'Person',
      name: author.name,
      url,
      ...(profile && profile.jobTitle !== '' && { jobTitle: profile.jobTitle }),
      ...(profile && profile.bio !== '' && { description: profile.bio }),
      ...(image !== undefined && { image }),
      worksFor: { '@type': 'Organization', name: siteName },
    },
  });
}

/** Registers `/authors/{slug}` on the reader site. */
export async function registerAuthorPages(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { store, assets } = deps;
  const siteName = deps.site.name;
  const assetUrls = { css: assets.url('reader.css'), js: assets.url('reader-live.js') };
  const notFound = renderReaderNotFound(deps);
  const missing = (reply: Parameters<typeof sendPage>[0]) =>
    sendPage(reply, { status: 404, html: notFound, cache: 'public, max-age=5', script: false });

  app.get('/authors/:slug', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const query = PageQuery.safeParse(request.query);
    if (!isSlug(slug) || !query.success) return missing(reply);
    const cursor = query.data.cursor;
    let page: Page<UpdateInStory>;
    try {
      page = await store.authors.listUpdates(slug, { limit: PER_PAGE, cursor: cursor ?? null });
    } catch (error) {
      // A cursor we did not make is an address that does not exist.
      if (error instanceof DomainError && error.code === 'validation') return missing(reply);
      throw error;
    }
    const profile = await store.authors.findBySlug(slug);
    const bylined = page.items
      .flatMap(({ update }) => bylineOf(update))
      .find((name) => authorSlug(name) === slug);
    const name = profile?.name ?? bylined;
    if (name === undefined || (cursor !== undefined && page.items.length === 0)) return missing(reply);
    const author: AuthorHeader = { slug, name, profile };
    const desks = new Map((await store.desks.list({ includeArchived: true })).map((d) => [d.id, d]));
    const older =
      page.nextCursor === null ? null : `${authorPath(slug)}?cursor=${encodeURIComponent(page.nextCursor)}`;
    const origin = deps.site.origin();
    const canonicalUrl = `${origin}${authorPath(slug)}`;
    const role = profile && profile.jobTitle !== '' ? `, ${profile.jobTitle}` : '';
    const meta: PageMeta = {
      title: `${cursor === undefined ? '' : 'Older updates – '}${name} – ${siteName}`,
      description: `${name}${role}: updates on ${siteName}, newest first.`,
      canonicalUrl,
      ogType: 'website',
      image:
        profile?.photo && isSitePath(profile.photo.url)
          ? { url: `${origin}${profile.photo.url}`, alt: profile.photo.alt }
          : null,
      jsonLd: profileJsonLd(author, canonicalUrl, origin, siteName),
      noindex: cursor !== undefined,
    };
    const html = renderDocument(
      <Layout siteName={siteName} meta={meta} assets={assetUrls} script={false}>
        <AuthorPageBody author={author} page={page} desks={desks} older={older} />
      </Layout>,
    );
    return sendPage(reply, { status: 200, html, cache: 'public, max-age=30', script: false });
  });
}
