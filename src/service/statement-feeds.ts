/**
 * Managing the feeds statements are ingested from, for the JSON API and the newsroom's feed page alike:
 * editors see them, admins add, stop, resume and poll them. Feed URLs pass the outbound policy here, so
 * no caller can save one that points inside the network.
 */
import { requireActorRole, type Actor } from '../domain/actors.ts';
import { notFound } from '../domain/errors.ts';
import type { Role } from '../domain/types.ts';
import { assertOutboundUrl, type OutboundPolicy } from '../outbound/outbound-policy.ts';
import type { FeedPoller } from './feed-poller.ts';
import type { StatementFeed } from '../statements/feeds/feed-store.ts';
import type { Store } from '../store/store.ts';

/** The least role each feed action needs (see WRITE_ROLES in publishing.ts for why handlers ask too). */
export const FEED_ROLES = {
  read: 'editor',
  manage: 'admin',
} as const satisfies Record<string, Role>;

/** A new feed, as parsed by CreateFeedSchema. */
export interface NewFeedRequest {
  url: string;
  issuer: string;
  language?: string | undefined;
  intervalSeconds?: number | undefined;
}

/** Dependencies of the feed service. */
export interface StatementFeedServiceDeps {
  store: Store;
  feedPoller: FeedPoller;
  /** Which feed URLs may be saved (literal private addresses are refused at once). */
  outbound: OutboundPolicy;
  now?: () => Date;
}

/** Lists, adds, stops, resumes and polls statement feeds. */
export class StatementFeedService {
  readonly #deps: StatementFeedServiceDeps;

  constructor(deps: StatementFeedServiceDeps) {
    this.#deps = deps;
  }

  /** Every feed and its last outcome, oldest first. */
  async list(actor: Actor | null): Promise<StatementFeed[]> {
    requireActorRole(actor, FEED_ROLES.read);
    return this.#deps.store.statementFeeds.list();
  }

  /** One feed and its last outcome. */
  async get(actor: Actor | null, id: string): Promise<StatementFeed> {
    requireActorRole(actor, FEED_ROLES.read);
    const feed = await this.#deps.store.statementFeeds.getById(id);
    if (!feed) throw notFound('feed');
    return feed;
  }

  /** Adds a feed, polled soon; a URL already configured is a `conflict`. */
  async add(actor: Actor | null, request: NewFeedRequest): Promise<StatementFeed> {
    requireActorRole(actor, FEED_ROLES.manage);
    assertOutboundUrl(request.url, this.#deps.outbound, 'url');
    const feed = await this.#deps.store.statementFeeds.create({
      url: request.url,
      issuer: request.issuer,
      language: request.language ?? 'en',
      intervalSeconds: request.intervalSeconds ?? 900,
    });
    this.#deps.feedPoller.wake();
    return feed;
  }

  /** Stops or resumes polling a feed; its statements and history stay. */
  async setDisabled(actor: Actor | null, id: string, disabled: boolean): Promise<StatementFeed> {
    requireActorRole(actor, FEED_ROLES.manage);
    const at = disabled ? (this.#deps.now ?? (() => new Date()))().toISOString() : null;
    const feed = await this.#deps.store.statementFeeds.setDisabled(id, at);
    if (!disabled) this.#deps.feedPoller.wake();
    return feed;
  }

  /** Polls one feed now and returns its outcome (an admin checking a feed they just fixed). */
  async pollNow(actor: Actor | null, id: string): Promise<StatementFeed> {
    requireActorRole(actor, FEED_ROLES.manage);
    const feed = await this.#deps.store.statementFeeds.getById(id);
    if (!feed) throw notFound('feed');
    return this.#deps.feedPoller.poll(feed);
  }
}
