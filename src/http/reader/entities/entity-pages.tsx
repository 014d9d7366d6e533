/**
 * Entity pages: `/people/{slug}`, `/organizations/{slug}` and `/places/{slug}` list every published
 * update of a public (live or ended) story that names the person, organisation or place, as a
 * timeline, newest first, with the story, the time and the claim label of each; people and
 * organisations also show whom they talked to (talked-to.tsx). Server-rendered and complete without
 * JavaScript; an entity no public update names is a 404.
 */
import type { FastifyInstance } from 'fastify';
import type { JSX } from 'preact';
import { z } from 'zod';
import { updateAnchor } from '../../../domain/paths.ts';
import { isSlug } from '../../../domain/slug.ts';
import { ENTITY_KINDS, ENTITY_SEGMENTS, entitiesOf, type EntityKind } from '../../../enrich/entities.ts';
import type { EnrichedUpdate } from '../../../store/store.ts';
import { excerpt, htmlToText } from '../html-text.ts';
import { renderReaderNotFound, type ReaderDeps } from '../routes.tsx';
import { sendPage } from '../../kit/send-page.ts';
import { storyPlace } from '../story-place.ts';
import { formatDateTime } from '../time-format.ts';
import { ClaimLabel } from '../views/update-article.tsx';
import { Layout, renderDocument, type PageMeta } from '../views/layout.tsx';
import { counterpartsOf, TalkedTo, type Counterpart } from './talked-to.tsx';

/** Updates per page of a timeline; older ones are a link away. */
const PER_PAGE = 50;
/** Contacts read for "Talked to", newest first; the section says when there were more. */
const CONTACTS_READ = 500;

const KIND_WORDS: Record<EntityKind, string> = {
  person: 'person',
  organization: 'organisation',
  place: 'place',
};

const PageQuery = z.object({
  before: z
    .string()
    .max(40)
    .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a time')
    .optional(),
});

/** What the page says about the entity itself, from the newest update that names it. */
interface EntityHeader {
  kind: EntityKind;
  name: string;
  detail: string;
}

// Readers see "Sudan", not "SD"; Node ships full ICU, so no country table of our own.
const countryNames = new Intl.DisplayNames(['en-GB'], { type: 'region' });
const countryName = (iso2: string | undefined): string | undefined => {
  if (!iso2) return undefined;
  try {
    return countryNames.of(iso2) ?? iso2;
  } catch {
    return iso2;
  }
};

function headerOf(kind: EntityKind, slug: string, newest: EnrichedUpdate): EntityHeader | null {
  const { enrichment } = newest.enrichment;
  const entity = entitiesOf(enrichment).find((e) => e.kind === kind && e.slug === slug);
  if (!entity) return null;
  let detail = '';
  if (kind === 'person') {
    const person = enrichment.people.find((p) => p.name === entity.name);
    detail = [person?.role, countryName(person?.country)].filter(Boolean).join(', ');
  } else if (kind === 'place') {
    const place = enrichment.places.find((p) => p.name === entity.name);
    if (place)
      detail = [
        place.kind === 'city' ? 'Town' : place.kind === 'region' ? 'Region' : 'Country',
        place.admin1 === place.name ? undefined : place.admin1,
        countryName(place.country),
      ]
        .filter(Boolean)
        .join(', ');
  }
  return { kind, name: entity.name, detail };
}

function Timeline(props: {
  header: EntityHeader;
  items: EnrichedUpdate[];
  older: string | null;
  talkedTo: { counterparts: Counterpart[]; partial: boolean } | null;
}): JSX.Element {
  const { header, items, talkedTo } = props;
  return (
    <div class="entity-page">
      <p class="kicker">{KIND_WORDS[header.kind][0]?.toUpperCase() + KIND_WORDS[header.kind].slice(1)}</p>
      <h1>{header.name}</h1>
      {header.detail !== '' && <p class="entity-detail">{header.detail}</p>}
      {talkedTo !== null && talkedTo.counterparts.length > 0 && (
        <TalkedTo name={header.name} counterparts={talkedTo.counterparts} partial={talkedTo.partial} />
      )}
      <h2 id="entity-timeline-title">Updates that name {header.name}, newest first</h2>
      <ol class="entity-timeline" aria-labelledby="entity-timeline-title">
        {items.map(({ update, story, desk }) => {
          const place = storyPlace(story, desk);
          const text = htmlToText(update.bodyHtml);
          return (
            <li class="entity-item">
              <p class="entity-when">
                <time dateTime={update.publishedAt}>
                  {formatDateTime(update.publishedAt, place.timezone)}
                </time>
                {' · '}
                <a href={place.path}>{story.headline}</a>
              </p>
              <p class="entity-text">
                <a href={`${place.path}/updates/${update.id}`}>{update.headline ?? excerpt(text, 140)}</a>
              </p>
              {update.headline !== null && <p class="entity-excerpt">{excerpt(text, 240)}</p>}
              <ClaimLabel status={update.claimStatus} note={update.claimNote} />
              <p class="entity-live">
                <a href={`${place.path}#${updateAnchor(update.id)}`}>On the live page</a>
              </p>
            </li>
          );
        })}
      </ol>
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

/** Registers the entity pages on the reader site. */
export async function registerEntityPages(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { store, assets } = deps;
  const siteName = deps.site.name;
  const assetUrls = { css: assets.url('reader.css'), js: assets.url('reader-live.js') };
  const notFound = renderReaderNotFound(deps);

  for (const kind of ENTITY_KINDS) {
    const segment = ENTITY_SEGMENTS[kind];
    app.get(`/${segment}/:slug`, async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const query = PageQuery.safeParse(request.query);
      if (!isSlug(slug) || !query.success)
        return sendPage(reply, { status: 404, html: notFound, cache: 'public, max-age=5', script: false });
      const before = query.data.before === undefined ? undefined : new Date(query.data.before).toISOString();
      const items = await store.enrichments.listByEntity({
        kind,
        slug,
        statuses: ['live', 'ended'],
        limit: PER_PAGE + 1,
        ...(before !== undefined && { before }),
      });
      const first = items[0];
      const header = first ? headerOf(kind, slug, first) : null;
      if (!first || !header)
        return sendPage(reply, { status: 404, html: notFound, cache: 'public, max-age=5', script: false });
      const shown = items.slice(0, PER_PAGE);
      const last = shown.at(-1);
      const older =
        items.length > PER_PAGE && last
          ? `/${segment}/${slug}?before=${encodeURIComponent(last.update.publishedAt)}`
          : null;
      // Contacts only on a person's or organisation's first page, not repeated on older pages.
      let talkedTo: { counterparts: Counterpart[]; partial: boolean } | null = null;
      if (kind !== 'place' && before === undefined) {
        const contacts = await store.contacts.list({ actor: slug }, { limit: CONTACTS_READ });
        talkedTo = {
          counterparts: counterpartsOf({ kind, slug }, contacts.items),
          partial: contacts.nextCursor !== null,
        };
      }
      const canonicalUrl = `${deps.site.origin()}/${segment}/${slug}`;
      const meta: PageMeta = {
        title: `${before === undefined ? '' : 'Older updates – '}${header.name} – ${siteName}`,
        description: `Every update on ${siteName} that names ${header.name}${header.detail === '' ? '' : ` (${header.detail})`}, newest first.`,
        canonicalUrl,
        noindex: before !== undefined,
      };
      const html = renderDocument(
        <Layout siteName={siteName} meta={meta} assets={assetUrls} script={false}>
          <Timeline header={header} items={shown} older={older} talkedTo={talkedTo} />
        </Layout>,
      );
      return sendPage(reply, { status: 200, html: html, cache: 'public, max-age=30', script: false });
    });
  }
}
