/** Row types of the SQLite database, as Kysely sees them. */
import type { Generated } from 'kysely';

/** Desks table. */
export interface DeskRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  timezone: string;
  created_at: string;
}

/** Stories table; `top_photo` is JSON. */
export interface StoryRow {
  id: string;
  desk_id: string | null;
  slug: string;
  date: string | null;
  headline: string;
  standfirst: string;
  body: string;
  body_html: string;
  top_photo: string | null;
  status: string;
  opened_at: string | null;
  ended_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  last_event_seq: number;
  last_update_seq: number;
}

/** Updates table; booleans are 0/1 and `sources` is JSON. */
export interface UpdateRow {
  id: string;
  story_id: string;
  sequence: number;
  headline: string | null;
  body: string;
  body_html: string;
  author: string;
  published_at: string;
  updated_at: string;
  pinned: number;
  key_event: number;
  claim_status: string;
  claim_note: string;
  sources: string;
  video_url: string | null;
  deleted_at: string | null;
  version: number;
}

/** Revisions table; `changes` is JSON. */
export interface RevisionRow {
  id: Generated<number>;
  update_id: string;
  version: number;
  kind: string;
  actor: string;
  at: string;
  changes: string;
}

/** Live event log; `data` is JSON. */
export interface EventRow {
  id: Generated<number>;
  story_id: string;
  seq: number;
  at: string;
  data: string;
}

/** API tokens. */
export interface TokenRow {
  id: string;
  name: string;
  role: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** The whole database. */
export interface Database {
  desks: DeskRow;
  stories: StoryRow;
  updates: UpdateRow;
  revisions: RevisionRow;
  events: EventRow;
  api_tokens: TokenRow;
}
