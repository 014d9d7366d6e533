/**
 * Row types as the shared repositories see them, whichever engine is behind them. Each engine's
 * migrations and driver set-up make its rows look like this: timestamps are ISO-8601 strings with
 * milliseconds (`Date#toISOString()`), `date` is `YYYY-MM-DD`, JSON columns hold the text the
 * repositories wrote, ids and counts are numbers. Only booleans keep the engine's own form.
 */
import type { Generated } from 'kysely';
import type { Update } from '../../domain/types.ts';
import type { RowOf } from './schema-rows.ts';

/** A boolean as the engine stores it (0/1 in SQLite, boolean in PostgreSQL); write it with `SqlAdapter.bool`. */
export type SqlBool = number | boolean;

/** Desks table. */
export interface DeskRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  timezone: string;
  created_at: string;
  archived_at: string | null;
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

/**
 * Updates table: one column per field of the update schema (domain/update-schema.ts), named and
 * stored as schema-rows.ts says (booleans the engine's, arrays and objects JSON text).
 */
export type UpdateRow = RowOf<Update>;

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
  /** Migration 0050-token-expiry. */
  expires_at: string | null;
  last_used_at: string | null;
}

/** Webhook subscribers (migration 0020-webhooks). */
export interface WebhookSubscriberRow {
  id: string;
  url: string;
  secret: string;
  after_event_id: number;
  created_at: string;
  removed_at: string | null;
}

/** Webhook delivery queue and log; `payload` is the JSON body as sent. */
export interface WebhookDeliveryRow {
  id: Generated<number>;
  subscriber_id: string;
  event_id: number;
  type: string;
  payload: string;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  lease_until: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
}

/** The one-row cursor: the last event id turned into deliveries. */
export interface WebhookCursorRow {
  id: number;
  last_event_id: number;
}

/** Contributors' submissions; `content` is JSON (UpdateContent). */
export interface SubmissionRow {
  id: string;
  story_id: string;
  content: string;
  author: string;
  author_key: string;
  status: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  reason: string;
  publish_at: string | null;
  /** A draft's last save (see migration 20261204-1627). */
  saved_at: string | null;
  saved_by: string | null;
}

/** Newsroom users; `desks` is a JSON array of desk ids, or null for every desk. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  desks: string | null;
  disabled_at: string | null;
  created_at: string;
  /** 1 while the password is one an admin handed over (see migration 0031). */
  password_temporary: number;
}

/** Browser sessions; the id is public (for listing), the secret only hashed. */
export interface SessionRow {
  id: string;
  user_id: string;
  secret_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** Uploaded photos; `variants` is JSON. The files live in the data directory's media/ folder. */
export interface MediaRow {
  id: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
  variants: string;
  uploaded_by: string;
  created_at: string;
}

/** Official statements; `parties` and `tags` are JSON arrays. */
export interface StatementRow {
  id: string;
  issuer: string;
  title: string;
  published_at: string;
  url: string | null;
  language: string;
  text: string;
  parties: string;
  tags: string;
  feed_id: string | null;
  guid: string | null;
  content_hash: string;
  created_at: string;
}

/**
 * A statement's sorted shingle hashes (`variant` 0 plain, 1 names masked), apart from its text so the
 * index verifies candidates by reading small rows.
 */
export interface StatementFingerprintRow {
  doc: Generated<number>;
  statement_id: string;
  variant: number;
  published_at: string;
  shingle_count: number;
  fingerprint: Uint8Array;
}

/** The inverted shingle index: one row per shingle hash of a fingerprint (`doc`). */
export interface StatementShingleRow {
  shingle: number;
  doc: number;
}

/** How many statements hold each shingle, so a query reads the postings of its rarest ones. */
export interface StatementShingleDfRow {
  shingle: number;
  df: number;
}

/** A dedupe key ("guid:FEED:GUID", "url:URL", "text:HASH") and the statement that claimed it first. */
export interface StatementKeyRow {
  key: string;
  statement_id: string;
}

/** A statement cited by an update (or by the submission it is published from), in the order cited. */
export interface UpdateStatementRow {
  update_id: string;
  statement_id: string;
  position: number;
}

/** Feeds of official statements polled on a schedule, with their last outcome. */
export interface StatementFeedRow {
  id: string;
  url: string;
  issuer: string;
  language: string;
  interval_seconds: number;
  etag: string | null;
  last_modified: string | null;
  status: string;
  last_error: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  next_poll_at: string;
  failures: number;
  statements_added: number;
  /** Set while an admin has stopped polling the feed. */
  disabled_at: string | null;
  created_at: string;
}

/** Enrichment of an update's latest enriched version; `enrichment` is JSON. */
export interface UpdateEnrichmentRow {
  update_id: string;
  story_id: string;
  update_version: number;
  data_version: string;
  enriched_at: string;
  enrichment: string;
}

/** An editor's correction used by later enrichments; `target` is JSON. */
export interface EnrichmentCorrectionRow {
  id: string;
  field: string;
  surface: string;
  action: string;
  target: string;
  update_id: string | null;
  actor: string;
  created_at: string;
}

/** An editor's verdict on one suggestion of one update; `value` is JSON. */
export interface EnrichmentReviewRow {
  update_id: string;
  item: string;
  verdict: string;
  value: string;
  actor: string;
  at: string;
}

/** A person, organisation or place an enriched update names. */
export interface EnrichmentEntityRow {
  update_id: string;
  kind: string;
  slug: string;
  name: string;
}

/** The node that took on enriching one update version. */
export interface EnrichmentClaimRow {
  update_id: string;
  update_version: number;
  owner: string;
  claimed_at: string;
}

/** What admins see of who did what; `detail` is JSON. */
export interface AuditRow {
  id: Generated<number>;
  at: string;
  actor: string;
  actor_key: string;
  action: string;
  target: string;
  detail: string;
}

/** A place imported from a GeoNames dump. */
export interface GazetteerPlaceRow {
  geoname_id: number;
  name: string;
  iso2: string;
  admin1_code: string;
  admin2_code: string;
  feature_class: string;
  feature_code: string;
  lat: number;
  lon: number;
  population: number;
}

/** One spelling of an imported place. */
export interface GazetteerNameRow {
  name: string;
  geoname_id: number;
}

/** An admin area's name by its GeoNames code. */
export interface GazetteerAdminCodeRow {
  code: string;
  name: string;
  geoname_id: number;
}

/** How far the import of one file got; `size` is a bigint on PostgreSQL (read as a string). */
export interface GazetteerImportRow {
  source: string;
  kind: string;
  size: number | string;
  lines_done: number;
  rows_kept: number;
  started_at: string;
  finished_at: string | null;
}

/** The single row whose generation every import batch bumps. */
export interface GazetteerStateRow {
  id: number;
  generation: number;
}

/** One contact between two actors found in an update (src/store/contacts.ts). */
export interface ContactRow {
  update_id: string;
  ordinal: number;
  update_version: number;
  story_id: string;
  kind: string;
  channel: string | null;
  a_kind: string;
  a_slug: string;
  a_name: string;
  a_role: string | null;
  b_kind: string;
  b_slug: string;
  b_name: string;
  b_role: string | null;
  place: string | null;
  country: string | null;
  day: string;
  day_source: string;
  reported_at: string;
  sentence: string;
  source: string;
  template_id: string;
}

/** A contact found in an official statement (src/store/contacts.ts); the statement is its source. */
export interface StatementContactRow extends Omit<
  ContactRow,
  'update_id' | 'update_version' | 'story_id' | 'source'
> {
  statement_id: string;
}

/** A statement whose contacts were extracted, with when. */
/** An editor's verdict on a statement's contact (src/store/contacts.ts). */
export interface StatementContactReviewRow {
  statement_id: string;
  ordinal: number;
  verdict: string;
  actor: string;
  decided_at: string;
}

export interface StatementContactRunRow {
  statement_id: string;
  extracted_at: string;
}

/** A force a desk draws areas of control for (src/store/map-layers.ts). */
export interface MapForceRow {
  id: string;
  desk_id: string;
  name: string;
  colour: string;
  created_at: string;
}

/** A map layer; its drawings are its revisions. */
export interface MapLayerRow {
  id: string;
  desk_id: string;
  created_at: string;
  deleted_at: string | null;
}

/** One revision of a map layer; `geometry` is GeoJSON text. */
export interface MapLayerRevisionRow {
  layer_id: string;
  revision: number;
  kind: string;
  force_id: string | null;
  zone_kind: string | null;
  label: string;
  geometry: string;
  vertex_count: number;
  area_km2: number;
  valid_from: string;
  valid_to: string | null;
  source: string;
  claim_status: string;
  author: string;
  created_at: string;
}

/** The whole database. */
/** A newsroom user's public author profile; `photo` is a JSON MediaRef. */
export interface AuthorProfileRow {
  user_id: string;
  slug: string;
  name: string;
  job_title: string;
  bio: string;
  photo: string | null;
  updated_at: string;
}

/** One byline slug of a live update (derived from `updates`, for author pages). */
export interface UpdateBylineRow {
  update_id: string;
  slug: string;
  published_at: string;
}

export interface Database {
  map_forces: MapForceRow;
  map_layers: MapLayerRow;
  map_layer_revisions: MapLayerRevisionRow;
  author_profiles: AuthorProfileRow;
  update_bylines: UpdateBylineRow;
  contacts: ContactRow;
  statement_contacts: StatementContactRow;
  statement_contact_runs: StatementContactRunRow;
  statement_contact_reviews: StatementContactReviewRow;
  gazetteer_places: GazetteerPlaceRow;
  gazetteer_names: GazetteerNameRow;
  gazetteer_admin_codes: GazetteerAdminCodeRow;
  gazetteer_imports: GazetteerImportRow;
  gazetteer_state: GazetteerStateRow;
  update_enrichments: UpdateEnrichmentRow;
  enrichment_corrections: EnrichmentCorrectionRow;
  enrichment_reviews: EnrichmentReviewRow;
  enrichment_entities: EnrichmentEntityRow;
  enrichment_claims: EnrichmentClaimRow;
  desks: DeskRow;
  stories: StoryRow;
  updates: UpdateRow;
  revisions: RevisionRow;
  events: EventRow;
  api_tokens: TokenRow;
  webhook_subscribers: WebhookSubscriberRow;
  webhook_deliveries: WebhookDeliveryRow;
  webhook_cursor: WebhookCursorRow;
  submissions: SubmissionRow;
  users: UserRow;
  sessions: SessionRow;
  media: MediaRow;
  audit_log: AuditRow;
  statements: StatementRow;
  statement_fingerprints: StatementFingerprintRow;
  statement_shingles: StatementShingleRow;
  statement_shingle_df: StatementShingleDfRow;
  statement_feeds: StatementFeedRow;
  statement_keys: StatementKeyRow;
  update_statements: UpdateStatementRow;
}
