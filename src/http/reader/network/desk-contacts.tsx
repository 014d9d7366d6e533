/**
 * `/{desk}/contacts`: the desk's contact network over a period (the last 30 days unless asked),
 * drawn on the server, with the most connected actors and the pairs first seen this week as tables
 * (the accessible view of the same data), each row linked to actor pages and sources.
 */
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { JSX } from 'preact';
import { addDays, dateInZone } from '../../../domain/days.ts';
import type { ListedContact } from '../../../domain/contacts.ts';
import { isSlug, RESERVED_SLUGS } from '../../../domain/slug.ts';
import type { Desk } from '../../../domain/types.ts';
import { entityPath } from '../../../enrich/entities.ts';
import type { PairTotal } from '../../../store/contact-network.ts';
import { sendPage } from '../../kit/send-page.ts';
import { SourceLabel, sourcePath } from '../contacts/contact-source.tsx';
import { renderReaderNotFound, type ReaderDeps } from '../routes.tsx';
import { ErrorPage } from '../views/error-page.tsx';
import { Layout, renderDocument } from '../views/layout.tsx';
import { layoutNetwork, type NetworkDrawing } from './network-layout.ts';
import { NetworkFilters } from './network-filters.tsx';
import {
  actorKey,
  filterQuery,
  networkOf,
  NetworkQuery,
  rankActors,
  type ActorTotal,
  type NetworkFilterValues,
} from './network-model.ts';
import { NetworkSvg } from './network-svg.tsx';

/** Actors drawn: the most connected ones. */
const DRAWN = 50;
/** Lines drawn between them, the most contacts first. */
const LINES = 300;
/** Rows of the most connected actors' table. */
const RANKED = 25;
/** Pairs first seen this week that are listed, and sources under each. */
const NEW_PAIRS = 50;
const NEW_SOURCES = 3;
/** Contacts of the week read for the new pairs' sources. */
const WEEK_READ = 5000;
const DEFAULT_DAYS = 30;
// A rendered page is kept as long as readers' caches keep it (max-age=30): the sums over a period
// of contacts cost tens of milliseconds, and a busy desk page should not pay them per reader.
const PAGE_TTL_MS = 30_000;
const PAGES_KEPT = 200;

const shortDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const short = (day: string) => shortDate.format(new Date(`${day}T00:00:00Z`));
const pairKey = (a: { kind: string; slug: string }, b: { kind: string; slug: string }) =>
  [actorKey(a), actorKey(b)].sort().join('|');

/** What the page shows. */
interface DeskContactsView {
  desk: Desk;
  filter: NetworkFilterValues & { from: string; to: string };
  isDefault: boolean;
  pairs: number;
  contacts: number;
  ranked: ActorTotal[];
  drawing: NetworkDrawing | null;
  since: string;
  fresh: { pair: PairTotal; sources: ListedContact[] }[];
  freshTotal: number;
}

function DeskContacts({ view }: { view: DeskContactsView }): JSX.Element {
  const { desk, filter } = view;
  const path = `/${desk.slug}/contacts`;
  // Actor links carry a period or kind the reader chose; the default view links to the plain pages.
  const actorQuery = view.isDefault ? '' : filterQuery(filter);
  const period = `${short(filter.from)} – ${short(filter.to)}`;
  return (
    <div class="network-page">
      <p class="kicker">
        <a href={`/${desk.slug}`}>{desk.name}</a>
      </p>
      <h1>Who talked to whom</h1>
      <p class="network-intro">
        Contacts between people and organisations that {desk.name}'s published updates reported:{' '}
        {view.contacts} contacts between {view.pairs} pairs, {period}
        {view.isDefault ? ' (the last 30 days)' : ''}.
      </p>
      <NetworkFilters
        action={path}
        filter={filter}
        label="Contacts by period and kind"
        {...(!view.isDefault && { clear: path })}
      />
      {view.drawing === null ? (
        <p class="network-empty">No contacts reported in this period and kind.</p>
      ) : (
        <section class="network-section" aria-labelledby="network-title">
          <h2 id="network-title">Network</h2>
          <NetworkSvg
            drawing={view.drawing}
            query={actorQuery}
            caption={`The ${view.drawing.nodes.length} most connected actors, ${period}; thicker lines, more contacts. The table below gives the figures.`}
          />
        </section>
      )}
      {view.ranked.length > 0 && (
        <section aria-labelledby="ranked-title">
          <h2 id="ranked-title">Most connected</h2>
          <div class="table-scroll">
            <table class="network-table">
              <thead>
                <tr>
                  <th scope="col">Actor</th>
                  <th scope="col">Counterparts</th>
                  <th scope="col">Contacts</th>
                  <th scope="col">Last contact</th>
                </tr>
              </thead>
              <tbody>
                {view.ranked.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`${entityPath(r.actor.kind, r.actor.slug)}${actorQuery}`}>{r.actor.name}</a>
                    </th>
                    <td>{r.counterparts}</td>
                    <td>{r.contacts}</td>
                    <td>
                      <time dateTime={r.last}>{short(r.last)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section aria-labelledby="fresh-title">
        <h2 id="fresh-title">New contacts this week</h2>
        <p class="network-intro">
          Pairs in contact for the first time on record since {short(view.since)}, with the updates that
          reported them.
        </p>
        {view.fresh.length === 0 ? (
          <p class="network-empty">No new pairs this week.</p>
        ) : (
          <div class="table-scroll">
            <table class="network-table">
              <thead>
                <tr>
                  <th scope="col">Pair</th>
                  <th scope="col">First contact</th>
                  <th scope="col">Sources</th>
                </tr>
              </thead>
              <tbody>
                {view.fresh.map(({ pair, sources }) => (
                  <tr>
                    <th scope="row">
                      <a href={entityPath(pair.a.kind, pair.a.slug)}>{pair.a.name}</a> and{' '}
                      <a href={entityPath(pair.b.kind, pair.b.slug)}>{pair.b.name}</a>
                    </th>
                    <td>
                      <time dateTime={pair.first}>{short(pair.first)}</time>
                    </td>
                    <td>
                      <ul class="network-sources">
                        {sources.map((c) => (
                          <li>
                            <a href={sourcePath(c)}>{c.sentence}</a> <SourceLabel contact={c} />
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {view.freshTotal > view.fresh.length && (
          <p class="talked-to-more">and {view.freshTotal - view.fresh.length} more pairs</p>
        )}
      </section>
    </div>
  );
}

/** Registers `/{desk}/contacts`. */
export async function registerDeskContacts(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { store, assets } = deps;
  const siteName = deps.site.name;
  const assetUrls = { css: assets.url('reader.css'), js: assets.url('network.js') };
  const notFound = renderReaderNotFound(deps);
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

  /** The page of `desk` for `filter`, from the store. */
  const render = async (
    desk: Desk,
    filter: NetworkFilterValues & { from: string; to: string },
    isDefault: boolean,
    today: string,
  ): Promise<{ html: string; script: boolean }> => {
    const since = addDays(today, -6);
    const [pairs, freshPairs] = await Promise.all([
      store.contactNetwork.pairs({ deskId: desk.id, ...filter }),
      store.contactNetwork.firstSeenSince(since, desk.id),
    ]);
    const ranked = rankActors(pairs);
    const drawn = ranked.slice(0, DRAWN);
    const network = networkOf(drawn, pairs, LINES);
    const fresh = freshPairs.slice(0, NEW_PAIRS);
    // Sources of the new pairs: this week's contacts, grouped by pair, one per update.
    const sources = new Map<string, ListedContact[]>(fresh.map((p) => [pairKey(p.a, p.b), []]));
    if (fresh.length > 0) {
      const week = await store.contacts.list({ deskId: desk.id, from: since }, { limit: WEEK_READ });
      for (const c of week.items) {
        const list = sources.get(pairKey(c.a, c.b));
        if (list && list.length < NEW_SOURCES && !list.some((s) => s.updateId === c.updateId)) list.push(c);
      }
    }
    const view: DeskContactsView = {
      desk,
      filter,
      isDefault,
      pairs: pairs.length,
      contacts: pairs.reduce((n, p) => n + p.contacts, 0),
      ranked: ranked.slice(0, RANKED),
      drawing:
        drawn.length === 0 ? null : layoutNetwork(network.nodes, network.links, { width: 720, height: 520 }),
      since,
      fresh: fresh.map((pair) => ({ pair, sources: sources.get(pairKey(pair.a, pair.b)) ?? [] })),
      freshTotal: freshPairs.length,
    };
    const html = renderDocument(
      <Layout
        siteName={siteName}
        meta={{
          title: `Who talked to whom – ${desk.name} – ${siteName}`,
          description: `The contact network of ${desk.name}'s reporting: who talked to whom, the most connected actors and new contacts this week.`,
          canonicalUrl: `${deps.site.origin()}/${desk.slug}/contacts${isDefault ? '' : filterQuery(filter)}`,
          noindex: !isDefault,
        }}
        assets={assetUrls}
        script={view.drawing !== null}
      >
        <DeskContacts view={view} />
      </Layout>,
    );
    return { html, script: view.drawing !== null };
  };
  const pages = new LRUCache<string, Promise<{ html: string; script: boolean }>>({
    max: PAGES_KEPT,
    ttl: PAGE_TTL_MS,
  });

  app.get('/:desk/contacts', async (request, reply) => {
    const { desk: deskSlug } = request.params as { desk: string };
    const desk =
      isSlug(deskSlug) && !RESERVED_SLUGS.has(deskSlug) ? await store.desks.getBySlug(deskSlug) : null;
    if (!desk)
      return sendPage(reply, { status: 404, html: notFound, cache: 'public, max-age=5', script: false });
    const query = NetworkQuery.safeParse(request.query);
    if (!query.success)
      return sendPage(reply, { status: 400, html: badRequest, cache: 'public, max-age=5', script: false });
    const today = dateInZone(new Date(), desk.timezone);
    const to = query.data.to ?? today;
    const from = query.data.from ?? addDays(to, 1 - DEFAULT_DAYS);
    const filter = { ...query.data, from, to };
    const isDefault =
      query.data.from === undefined && query.data.to === undefined && query.data.kind === undefined;
    const key = `${desk.id}|${today}|${isDefault}|${filter.from}|${filter.to}|${filter.kind ?? ''}`;
    let page = pages.get(key);
    if (page === undefined) {
      page = render(desk, filter, isDefault, today);
      pages.set(key, page);
      // A failed render is not kept.
      page.catch(() => pages.peek(key) === page && pages.delete(key));
    }
    const { html, script } = await page;
    return sendPage(reply, { status: 200, html, cache: 'public, max-age=30', script });
  });
}
