/**
 * Entity pages: `/people/{slug}`, `/organizations/{slug}` and `/places/{slug}` list every published
 * update of a public (live or ended) story that names the person, organisation or place, as a
 * timeline, newest first, with the story, the time and the claim label of each; people and
 * organisations also show whom they talked to (talked-to.tsx). Server-rendered and complete without
 * JavaScript. A person or organisation named only in public contacts (of official statements) has a
 * page of those; an entity nothing public names is a 404.
 */
import type { FastifyInstance } from 'fastify';
import type { JSX } from 'preact';
import { z } from 'zod';
import { isSlug } from '../../../domain/slug.ts';
import { ENTITY_KINDS, ENTITY_SEGMENTS, entitiesOf, type EntityKind } from '../../../enrich/entities.ts';
import type { EnrichedUpdate } from '../../../store/store.ts';
import type { ListedContact } from '../../../domain/contacts.ts';
import { renderReaderNotFound, type ReaderDeps } from '../routes.tsx';
import { sendPage } from '../../kit/send-page.ts';
import { renamedPlaces } from './renamed-places.ts';
import { TimelineItem } from '../views/timeline-item.tsx';
import { Layout, renderDocument, type PageMeta } from '../views/layout.tsx';
import { counterpartsOf, TalkedTo, type Counterpart } from './talked-to.tsx';
import { slugify } from '../../../domain/slug.ts';
import type { RoleSpan } from '../../../store/contact-network.ts';
import { ErrorPage } from '../views/error-page.tsx';
import type { NetworkDrawing } from '../network/network-layout.ts';
import { filterQuery, NetworkQuery, type NetworkFilterValues } from '../network/network-model.ts';
import { NetworkFilters } from '../network/network-filters.tsx';
import {
  ActorNetwork,
  actorDrawing,
  ContactTimeline,
  PairSince,
  RolesOverTime,
  type PairAnswer,
} from './contact-sections.tsx';

/** Updates per page of a timeline; older ones are a link away. */
const PER_PAGE = 50;
/** Contacts read for "Talked to", newest first; the section says when there were more. */
const CONTACTS_READ = 500;
/** Contacts read to name an actor no update names (its newest of the right kind, person or organisation). */
const HEADER_CONTACTS = 20;

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
  // "Last contact with…": a counterpart's name or slug.
  with: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional()),
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

/** What an actor's page shows of its contacts, in the period and kind asked for. */
interface ContactsView {
  self: { kind: 'person' | 'organization'; slug: string };
  path: string;
  filter: NetworkFilterValues;
  counterparts: Counterpart[];
  contacts: ListedContact[];
  partial: boolean;
  drawing: NetworkDrawing | null;
  roles: RoleSpan[];
  pair: PairAnswer | null;
}

function Contacts(props: { header: EntityHeader; view: ContactsView }): JSX.Element {
  const { header, view } = props;
  const self = { ...view.self, name: header.name };
  const filtered = filterQuery(view.filter) !== '';
  const hidden = Object.fromEntries(new URLSearchParams(filterQuery(view.filter)));
  return (
    <>
      <NetworkFilters
        action={view.path}
        filter={view.filter}
        label={`Contacts of ${header.name} by period and kind`}
        {...(filtered && { clear: view.path })}
      />
      {view.counterparts.length === 0 && (
        <p class="network-empty">No contacts of {header.name} in this period and kind.</p>
      )}
      {view.drawing !== null && (
        <ActorNetwork name={header.name} drawing={view.drawing} query={filterQuery(view.filter)} />
      )}
      {view.counterparts.length > 0 && (
        <TalkedTo name={header.name} counterparts={view.counterparts} partial={view.partial} />
      )}
      {view.roles.length > 0 && <RolesOverTime roles={view.roles} />}
      <PairSince
        self={self}
        action={view.path}
        options={view.counterparts.map((c) => c.actor.name)}
        hidden={hidden}
        answer={view.pair}
      />
      {view.contacts.length > 0 && (
        <ContactTimeline self={view.self} contacts={view.contacts} partial={view.partial} />
      )}
    </>
  );
}

function Timeline(props: {
  header: EntityHeader;
  items: EnrichedUpdate[];
  older: string | null;
  talkedTo: ContactsView | null;
}): JSX.Element {
  const { header, items, talkedTo } = props;
  return (
    <div class="entity-page">
      <p class="kicker">{KIND_WORDS[header.kind][0]?.toUpperCase() + KIND_WORDS[header.kind].slice(1)}</p>
      <h1>{header.name}</h1>
      {header.detail !== '' && <p class="entity-detail">{header.detail}</p>}
      {talkedTo !== null && <Contacts header={header} view={talkedTo} />}
      {items.length === 0 && <p class="entity-none">No published update names {header.name} yet.</p>}
      {items.length > 0 && <h2 id="entity-timeline-title">Updates that name {header.name}, newest first</h2>}
      {items.length > 0 && (
        <ol class="entity-timeline" aria-labelledby="entity-timeline-title">
          {items.map(({ update, story, desk }) => (
            <TimelineItem update={update} story={story} desk={desk} />
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

/** Registers the entity pages on the reader site. */
export async function registerEntityPages(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { store, assets } = deps;
  const siteName = deps.site.name;
  const assetUrls = { css: assets.url('reader.css'), js: assets.url('reader-live.js') };
  const networkAssets = { css: assets.url('reader.css'), js: assets.url('network.js') };
  const notFound = renderReaderNotFound(deps);
  const placeMovedTo = renamedPlaces(store);
  const badRequest = renderDocument(
    <Layout
      siteName={siteName}
      meta={{ title: `Bad request – ${siteName}`, description: '', canonicalUrl: null, noindex: true }}
      assets={assetUrls}
      script={false}
    >
      <ErrorPage status={400} />
    </Layout>,
  );

  /** An actor's contacts in `filter`, or null when it has none at all and none was asked for. */
  const contactsView = async (
    self: { kind: 'person' | 'organization'; slug: string; name: string },
    filter: NetworkFilterValues,
    asked: string | undefined,
  ): Promise<ContactsView | null> => {
    const path = `/${ENTITY_SEGMENTS[self.kind]}/${self.slug}`;
    const [contacts, roles] = await Promise.all([
      store.contacts.list({ actor: self.slug, ...filter }, { limit: CONTACTS_READ }),
      store.contactNetwork.rolesOf(self),
    ]);
    const counterparts = counterpartsOf(self, contacts.items);
    // A typed name finds its actor by slug, else a counterpart whose name contains it ("Erdogan").
    let pairLast: Omit<ListedContact, 'templateSize'> | null = null;
    if (asked !== undefined) {
      const wanted = isSlug(asked) ? asked : slugify(asked);
      pairLast = await store.contactNetwork.lastBetween(self, wanted);
      const partial =
        pairLast === null && wanted !== ''
          ? counterparts.find((c) => slugify(c.actor.name).includes(wanted))
          : undefined;
      if (partial) pairLast = await store.contactNetwork.lastBetween(self, partial.actor.slug);
    }
    const filtered = filterQuery(filter) !== '';
    if (counterparts.length === 0 && !filtered && roles.length === 0 && asked === undefined) return null;
    // Lines between the drawn counterparts, in the same period and kind.
    const among =
      counterparts.length > 1
        ? await store.contactNetwork.pairs({
            ...filter,
            among: counterparts.slice(0, 30).map((c) => c.actor.slug),
          })
        : [];
    return {
      self,
      path,
      filter,
      counterparts,
      contacts: contacts.items.filter((c) => counterparts.length > 0 && c.a.slug !== c.b.slug),
      partial: contacts.nextCursor !== null,
      drawing: counterparts.length === 0 ? null : actorDrawing(self, counterparts, among),
      roles,
      pair:
        asked === undefined ? null : { asked, last: pairLast, today: new Date().toISOString().slice(0, 10) },
    };
  };

  /** The header of an actor from its newest public contact, or null when no contact names it. */
  const headerOfContacts = async (
    kind: 'person' | 'organization',
    slug: string,
  ): Promise<EntityHeader | null> => {
    const { items } = await store.contacts.list({ actor: slug }, { limit: HEADER_CONTACTS });
    const actor = items.flatMap((c) => [c.a, c.b]).find((a) => a.slug === slug && a.kind === kind);
    return actor ? { kind, name: actor.name, detail: actor.role ?? '' } : null;
  };

  for (const kind of ENTITY_KINDS) {
    const segment = ENTITY_SEGMENTS[kind];
    app.get(`/${segment}/:slug`, async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const query = PageQuery.safeParse(request.query);
      if (!isSlug(slug) || !query.success)
        return sendPage(reply, { status: 404, html: notFound, cache: 'public, max-age=5', script: false });
      const network = kind === 'place' ? null : NetworkQuery.safeParse(request.query);
      if (network && !network.success)
        return sendPage(reply, { status: 400, html: badRequest, cache: 'public, max-age=5', script: false });
      const before = query.data.before === undefined ? undefined : new Date(query.data.before).toISOString();
      const items = await store.enrichments.listByEntity({
        kind,
        slug,
        statuses: ['live', 'ended'],
        limit: PER_PAGE + 1,
        ...(before !== undefined && { before }),
      });
      const first = items[0];
      // An actor no public update names still has a page when a public contact (of an official
      // statement) names it; a name with nothing public is a 404.
      const header = first
        ? headerOf(kind, slug, first)
        : kind !== 'place' && before === undefined
          ? await headerOfContacts(kind, slug)
          : null;
      if (!header) {
        // A place editors renamed keeps its old links: they lead to its page under its new name.
        const moved = kind === 'place' ? await placeMovedTo(slug) : null;
        if (moved !== null)
          return reply.code(301).header('cache-control', 'public, max-age=60').redirect(`/places/${moved}`);
        return sendPage(reply, { status: 404, html: notFound, cache: 'public, max-age=5', script: false });
      }
      const shown = items.slice(0, PER_PAGE);
      const last = shown.at(-1);
      const older =
        items.length > PER_PAGE && last
          ? `/${segment}/${slug}?before=${encodeURIComponent(last.update.publishedAt)}`
          : null;
      // Contacts only on a person's or organisation's first page, not repeated on older pages.
      let talkedTo: ContactsView | null = null;
      if (kind !== 'place' && network?.success && before === undefined) {
        talkedTo = await contactsView({ kind, slug, name: header.name }, network.data, query.data.with);
      }
      // Only a drawing needs a script (its highlighting); the page is whole without it.
      const withScript = talkedTo?.drawing != null;
      const canonicalUrl = `${deps.site.origin()}/${segment}/${slug}`;
      const meta: PageMeta = {
        title: `${before === undefined ? '' : 'Older updates – '}${header.name} – ${siteName}`,
        description:
          shown.length === 0
            ? `Contacts of ${header.name} on ${siteName}, from official statements.`
            : `Every update on ${siteName} that names ${header.name}${header.detail === '' ? '' : ` (${header.detail})`}, newest first.`,
        canonicalUrl,
        // Older pages, and filtered or asked views of the contacts, are variants of the canonical page.
        noindex:
          before !== undefined ||
          query.data.with !== undefined ||
          (network?.success === true && filterQuery(network.data) !== ''),
      };
      const html = renderDocument(
        <Layout siteName={siteName} meta={meta} assets={networkAssets} script={withScript}>
          <Timeline header={header} items={shown} older={older} talkedTo={talkedTo} />
        </Layout>,
      );
      return sendPage(reply, { status: 200, html: html, cache: 'public, max-age=30', script: withScript });
    });
  }
}
