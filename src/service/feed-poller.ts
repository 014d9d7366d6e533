/**
 * Polls the configured statement feeds on a schedule. Each feed is fetched, parsed and ingested on its
 * own: whatever one feed does (hangs, errors, sends garbage or a huge item) ends up in that feed's
 * status and last error, never in another's, nor in readers' latency: the document is parsed on a
 * worker thread within limits (items, size and nesting per item), and the items are ingested one at a
 * time, yielding to the event loop between them. A failing feed is retried with exponential backoff.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import type { StatementService } from '../statements/statement-service.ts';
import { contentHashOf, MAX_STATEMENT_TEXT } from '../statements/statement.ts';
import { createOutboundPolicy, type OutboundPolicy } from '../outbound/outbound-policy.ts';
import { DEFAULT_FETCH_LIMITS, fetchFeed, type FetchLimits } from '../statements/feeds/feed-fetcher.ts';
import { DEFAULT_PARSE_LIMITS, type FeedItem, type FeedParseLimits } from '../statements/feeds/feed-items.ts';
import {
  DEFAULT_PARSE_BUDGET,
  FeedParseWorkers,
  type ParseBudget,
} from '../statements/feeds/parse-feed-off-thread.ts';
import type { StatementFeed } from '../statements/feeds/feed-store.ts';

/** What the poller needs. */
export interface FeedPollerDeps {
  store: Store;
  statements: StatementService;
  logger: Logger;
  limits?: Partial<FetchLimits>;
  /** Bounds on the items taken from one document (default DEFAULT_PARSE_LIMITS). */
  parseLimits?: Partial<FeedParseLimits>;
  /** Time and memory one document may take to parse (default DEFAULT_PARSE_BUDGET). */
  parseBudget?: Partial<ParseBudget>;
  /** Which addresses feeds may be fetched from (default: public addresses only). */
  outbound?: OutboundPolicy;
  /** How often due feeds are looked for (default 30 s). */
  tickMs?: number;
  /** Feeds fetched at the same time (default 4). */
  concurrency?: number;
  now?: () => Date;
}

// A failing feed waits interval·2^failures, but never more than a day.
const MAX_BACKOFF_SECONDS = 86_400;

// A feed's status line names this many problems, then counts the rest.
const PROBLEMS_SHOWN = 5;

/** The problems of one poll as one status line, or null when there were none. */
function summary(problems: string[]): string | null {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, PROBLEMS_SHOWN).join('; ');
  return problems.length > PROBLEMS_SHOWN ? `${shown}; and ${problems.length - PROBLEMS_SHOWN} more` : shown;
}

/** Schedules and runs feed polls. */
export class FeedPoller {
  private readonly limits: FetchLimits;
  private readonly outbound: OutboundPolicy;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly inFlight = new Map<string, Promise<StatementFeed>>();
  private readonly parser: FeedParseWorkers;

  constructor(private readonly deps: FeedPollerDeps) {
    this.limits = { ...DEFAULT_FETCH_LIMITS, ...deps.limits };
    this.parser = new FeedParseWorkers({ ...DEFAULT_PARSE_BUDGET, ...deps.parseBudget });
    this.outbound = deps.outbound ?? createOutboundPolicy();
    this.now = deps.now ?? (() => new Date());
  }

  /** Starts polling: due feeds now, then every tick. */
  start(): void {
    this.schedule(0);
  }

  /** Looks for due feeds soon (a feed was just added). */
  wake(): void {
    if (this.timer !== null) this.schedule(0);
  }

  /** Polls every due feed once; resolves when all are done. */
  async pollDue(): Promise<void> {
    const due = await this.deps.store.statementFeeds.listDue(this.now().toISOString(), 100);
    const queue = [...due];
    const worker = async () => {
      for (let feed = queue.shift(); feed; feed = queue.shift()) await this.poll(feed);
    };
    await Promise.all(Array.from({ length: this.deps.concurrency ?? 4 }, worker));
  }

  /** Polls one feed now and records the outcome; never throws for the feed's own failures. */
  poll(feed: StatementFeed): Promise<StatementFeed> {
    const running = this.inFlight.get(feed.id);
    if (running) return running;
    const poll = this.pollOnce(feed).finally(() => this.inFlight.delete(feed.id));
    this.inFlight.set(feed.id, poll);
    return poll;
  }

  /** Stops the schedule, waits for polls in flight and ends the parsing workers. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await Promise.allSettled(this.inFlight.values());
    await this.parser.close();
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) return this.schedule(this.deps.tickMs ?? 30_000);
      this.running = this.pollDue()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'statement feed polling failed'))
        .finally(() => {
          this.running = null;
          this.schedule(this.deps.tickMs ?? 30_000);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async pollOnce(feed: StatementFeed): Promise<StatementFeed> {
    const polledAt = this.now();
    const at = (seconds: number) => new Date(polledAt.getTime() + seconds * 1000).toISOString();
    try {
      const result = await fetchFeed(
        feed.url,
        { etag: feed.etag, lastModified: feed.lastModified },
        this.outbound,
        this.limits,
      );
      if (result.kind === 'not-modified') {
        return await this.deps.store.statementFeeds.recordPoll(feed.id, {
          status: 'ok',
          lastError: null,
          polledAt: polledAt.toISOString(),
          nextPollAt: at(feed.intervalSeconds),
          failures: 0,
          added: 0,
        });
      }
      const { items, notes } = await this.parser.parse(result.body, {
        ...DEFAULT_PARSE_LIMITS,
        ...this.deps.parseLimits,
      });
      const { added, problems } = await this.ingest(feed, items, polledAt.toISOString());
      return await this.deps.store.statementFeeds.recordPoll(feed.id, {
        status: 'ok',
        lastError: summary([...notes, ...problems]),
        polledAt: polledAt.toISOString(),
        nextPollAt: at(feed.intervalSeconds),
        failures: 0,
        etag: result.etag,
        lastModified: result.lastModified,
        added,
      });
    } catch (error) {
      const failures = feed.failures + 1;
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ feed: feed.url, failures }, `statement feed failed: ${message}`);
      return this.deps.store.statementFeeds.recordPoll(feed.id, {
        status: 'error',
        lastError: message,
        polledAt: polledAt.toISOString(),
        nextPollAt: at(Math.min(feed.intervalSeconds * 2 ** failures, MAX_BACKOFF_SECONDS)),
        failures,
        added: 0,
      });
    }
  }

  /** Adds the items not seen before (by GUID, URL or text), oldest first; reports the ones refused. */
  private async ingest(
    feed: StatementFeed,
    items: FeedItem[],
    polledAt: string,
  ): Promise<{ added: number; problems: string[] }> {
    let added = 0;
    const problems: string[] = [];
    const ordered = [...items].sort((a, b) =>
      (a.publishedAt ?? polledAt).localeCompare(b.publishedAt ?? polledAt),
    );
    for (const item of ordered) {
      // Each item is a few database round trips and a near-duplicate search; between items, requests
      // waiting on the event loop go first (better-sqlite3 answers synchronously, so awaiting it alone
      // never lets them in).
      await yieldToEventLoop();
      const name = item.guid ?? item.url ?? (item.title || 'untitled item');
      if (item.text === '') {
        problems.push(`item ${name} skipped: it has no text`);
        continue;
      }
      if (item.text.length > MAX_STATEMENT_TEXT) {
        problems.push(`item ${name} skipped: its text is over ${MAX_STATEMENT_TEXT} characters`);
        continue;
      }
      const duplicate = await this.deps.store.statements.findDuplicate({
        feedId: feed.id,
        guid: item.guid,
        url: item.url,
        contentHash: contentHashOf(item.text),
      });
      if (duplicate) continue;
      try {
        // The check above skips known items cheaply; this one is atomic, for another node polling too.
        const stored = await this.deps.statements.addOnce(
          {
            issuer: feed.issuer,
            publishedAt: item.publishedAt ?? polledAt,
            title: item.title.slice(0, 500),
            text: item.text,
            language: feed.language,
            ...(item.url !== null &&
              /^https?:\/\//i.test(item.url) &&
              item.url.length <= 2000 && { url: item.url }),
          },
          { ...(item.guid !== null && { guid: item.guid }), feedId: feed.id },
        );
        if (stored.created) added++;
      } catch (error) {
        problems.push(`item ${name} skipped: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { added, problems };
  }
}
