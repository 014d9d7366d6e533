/** Storage of the configured statement feeds and the outcome of their last poll. */

/** Where a feed stands: not yet polled, last poll fine, or last poll failed. */
export const FEED_STATUSES = ['pending', 'ok', 'error'] as const;
/** A feed's status. */
export type FeedStatus = (typeof FEED_STATUSES)[number];

/** An RSS, Atom or JSON Feed source of official statements. */
export interface StatementFeed {
  id: string;
  url: string;
  /** Issuer given to every statement from this feed. */
  issuer: string;
  language: string;
  /** Seconds between polls when all is well. */
  intervalSeconds: number;
  /** Validators of the last response, sent back for a conditional GET. */
  etag: string | null;
  lastModified: string | null;
  status: FeedStatus;
  /** What went wrong in the last poll (or with some of its items); null when nothing did. */
  lastError: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  /** Failed polls in a row; the backoff grows with it. */
  failures: number;
  /** Statements this feed has added, in all. */
  statementsAdded: number;
  /** When an admin stopped polling it; null while it is polled. */
  disabledAt: string | null;
  createdAt: string;
}

/** Fields of a new feed. */
export interface NewStatementFeed {
  url: string;
  issuer: string;
  language: string;
  intervalSeconds: number;
}

/** The outcome of one poll, recorded on the feed. */
export interface FeedPollOutcome {
  status: 'ok' | 'error';
  lastError: string | null;
  polledAt: string;
  nextPollAt: string;
  failures: number;
  /** New validators; undefined keeps the stored ones (a failed poll). */
  etag?: string | null;
  lastModified?: string | null;
  added: number;
}

/** Configured feeds. */
export interface StatementFeedStore {
  /** Adds a feed, due at once; a URL already configured is a `conflict`. */
  create(feed: NewStatementFeed): Promise<StatementFeed>;
  getById(id: string): Promise<StatementFeed | null>;
  /** All feeds, oldest first. */
  list(): Promise<StatementFeed[]>;
  /** Stops (a time) or resumes (null) polling a feed; when resumed it is due at once. */
  setDisabled(id: string, disabledAt: string | null): Promise<StatementFeed>;
  /** Feeds not disabled whose next poll is at or before `now`, soonest first. */
  listDue(now: string, limit: number): Promise<StatementFeed[]>;
  /** Records a poll's outcome. */
  recordPoll(id: string, outcome: FeedPollOutcome): Promise<StatementFeed>;
}
