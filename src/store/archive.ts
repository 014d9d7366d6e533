/**
 * Read-only views of public stories for the archive, sitemaps and crawlers. Implemented once over the
 * shared SQL repositories (sql/sql-archive.ts) and held to test/store/archive-contract.ts.
 */
import type { Story } from '../domain/types.ts';

/** A public story with its desk's slug, for building its URL. */
export interface ArchivedStory {
  story: Story;
  deskSlug: string | null;
  /** When anything on the page last changed: its newest live event, else its header. */
  lastChangedAt: string;
}

/** The archive of public (live or ended) stories. */
export interface ArchiveStore {
  /** Days (YYYY-MM-DD) on which the desk has a public story, newest first: the daily page's date, else the UTC day it was created. */
  listDeskDays(deskId: string): Promise<string[]>;
  /** The desk's public stories whose day is within `from`..`to` (inclusive), oldest day first. */
  listDeskStoriesBetween(deskId: string, from: string, to: string): Promise<Story[]>;
  /** Public stories, most recently changed first, at most `limit`; with `openedSince`, only those opened since then. */
  listPublic(opts: { limit: number; openedSince?: string }): Promise<ArchivedStory[]>;
}
