/** Schema migrations, applied in order at start-up by Kysely's Migrator. Never edit a shipped one. */
import { sql, type Kysely, type Migration } from 'kysely';

/** Migrations by name; names sort in the order they apply. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('desks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('stories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('desk_id', 'text', (c) => c.references('desks.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('date', 'text')
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('standfirst', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('top_photo', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('last_event_seq', 'integer', (c) => c.notNull())
        .addColumn('last_update_seq', 'integer', (c) => c.notNull())
        .execute();
      // Standalone stories have no desk; NULLs never collide in a unique index, so key on ''.
      await sql`create unique index stories_desk_slug on stories (coalesce(desk_id, ''), slug)`.execute(db);
      await db.schema.createIndex('stories_status').on('stories').columns(['status', 'opened_at']).execute();
      await db.schema
        .createTable('updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('headline', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull())
        .addColumn('key_event', 'integer', (c) => c.notNull())
        .addColumn('claim_status', 'text', (c) => c.notNull())
        .addColumn('claim_note', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('video_url', 'text')
        .addColumn('deleted_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('updates_story_sequence', ['story_id', 'sequence'])
        .execute();
      await db.schema.createIndex('updates_published').on('updates').columns(['published_at']).execute();
      await db.schema
        .createTable('revisions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('update_id', 'text', (c) => c.notNull().references('updates.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('revisions_update').on('revisions').columns(['update_id', 'id']).execute();
      await db.schema
        .createTable('events')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addUniqueConstraint('events_story_seq', ['story_id', 'seq'])
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
    },
  },
  // Contributors' submissions wait here, outside `updates`, so they take no sequence until approved.
  '0030-newsroom-1-submissions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('submissions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('submissions_story_status')
        .on('submissions')
        .columns(['story_id', 'status', 'created_at'])
        .execute();
    },
  },
  // Claim changes live on the update row, so every reader of an update (page, event) has its history.
  '0030-newsroom-2-claim-history': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('updates')
        .addColumn('claim_history', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  },
  '0030-newsroom-3-accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('desks', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();
    },
  },
  '0030-newsroom-4-media': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('media')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('alt', 'text', (c) => c.notNull())
        .addColumn('caption', 'text', (c) => c.notNull())
        .addColumn('credit', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('variants', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('updates').addColumn('media', 'text').execute();
    },
  },
  '0030-newsroom-5-schedule-audit': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('submissions').addColumn('publish_at', 'text').execute();
      await db.schema
        .createIndex('submissions_due')
        .on('submissions')
        .columns(['status', 'publish_at'])
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_key', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
    },
  },
  // A password an admin handed over (new account, or a reset) works for one sign-in: then its owner sets their own.
  '0031-newsroom-temporary-passwords': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('users')
        .addColumn('password_temporary', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0020-search': {
    // Full-text search (see store/search.ts) over FTS5. One index holds updates and stories so their
    // bm25 ranks compare; `search_docs` gives each record a stable integer key for the index (the
    // implicit rowid of a text-keyed table may change on VACUUM). Triggers keep the index in the
    // writing transaction: deleted updates leave it, edits replace their entry.
    async up(db: Kysely<unknown>) {
      await sql`create table search_docs (
        id integer primary key autoincrement,
        kind text not null,
        ref text not null,
        unique (kind, ref)
      )`.execute(db);
      await sql`create virtual table search_fts using fts5(
        title, body, tokenize = 'porter unicode61 remove_diacritics 2'
      )`.execute(db);
      await sql`create trigger search_update_insert after insert on updates begin
        insert into search_docs (kind, ref) values ('update', new.id);
        insert into search_fts (rowid, title, body)
          select id, coalesce(new.headline, ''), new.body from search_docs
          where kind = 'update' and ref = new.id and new.deleted_at is null;
      end`.execute(db);
      await sql`create trigger search_update_change after update of headline, body, deleted_at on updates begin
        delete from search_fts where rowid = (select id from search_docs where kind = 'update' and ref = old.id);
        insert into search_fts (rowid, title, body)
          select id, coalesce(new.headline, ''), new.body from search_docs
          where kind = 'update' and ref = new.id and new.deleted_at is null;
      end`.execute(db);
      await sql`create trigger search_story_insert after insert on stories begin
        insert into search_docs (kind, ref) values ('story', new.id);
        insert into search_fts (rowid, title, body)
          select id, new.headline, new.standfirst || char(10) || new.body from search_docs
          where kind = 'story' and ref = new.id;
      end`.execute(db);
      await sql`create trigger search_story_change after update of headline, standfirst, body on stories begin
        delete from search_fts where rowid = (select id from search_docs where kind = 'story' and ref = old.id);
        insert into search_fts (rowid, title, body)
          select id, new.headline, new.standfirst || char(10) || new.body from search_docs
          where kind = 'story' and ref = new.id;
      end`.execute(db);
      // Records written before this migration.
      await sql`insert into search_docs (kind, ref) select 'story', id from stories`.execute(db);
      await sql`insert into search_docs (kind, ref) select 'update', id from updates`.execute(db);
      await sql`insert into search_fts (rowid, title, body)
        select d.id, s.headline, s.standfirst || char(10) || s.body
        from search_docs d join stories s on d.kind = 'story' and s.id = d.ref`.execute(db);
      await sql`insert into search_fts (rowid, title, body)
        select d.id, coalesce(u.headline, ''), u.body
        from search_docs d join updates u on d.kind = 'update' and u.id = d.ref
        where u.deleted_at is null`.execute(db);
    },
  },
  '0020-webhooks': {
    // Outbound webhooks (store/webhooks.ts): subscribers, the delivery queue and log, and the cursor
    // into the event log from which the queue is filled (its one row is written with the first
    // subscriber, so a fresh database stays empty for `dateline migrate-data`).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_subscribers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('after_event_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('subscriber_id', 'text', (c) => c.notNull().references('webhook_subscribers.id'))
        .addColumn('event_id', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('last_attempt_at', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('webhook_deliveries_once', ['subscriber_id', 'event_id', 'type'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_log')
        .on('webhook_deliveries')
        .columns(['subscriber_id', 'id'])
        .execute();
      await db.schema
        .createTable('webhook_cursor')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('last_event_id', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '0021-search-statements': {
    // Statements join the one FTS5 index (store/search.ts), so their bm25 ranks compare with updates'
    // and stories'. The title is the statement's title; the body its text, then its issuer (so an
    // issuer's name finds its statements, and snippets open on the text). Triggers cover edits and
    // deletions too, although statements are written once today: the index must never show text that
    // is no longer stored.
    async up(db: Kysely<unknown>) {
      await sql`create trigger search_statement_insert after insert on statements begin
        insert into search_docs (kind, ref) values ('statement', new.id);
        insert into search_fts (rowid, title, body)
          select id, new.title, new.text || char(10) || new.issuer from search_docs
          where kind = 'statement' and ref = new.id;
      end`.execute(db);
      await sql`create trigger search_statement_change after update of title, issuer, text on statements begin
        delete from search_fts where rowid = (select id from search_docs where kind = 'statement' and ref = old.id);
        insert into search_fts (rowid, title, body)
          select id, new.title, new.text || char(10) || new.issuer from search_docs
          where kind = 'statement' and ref = new.id;
      end`.execute(db);
      await sql`create trigger search_statement_delete after delete on statements begin
        delete from search_fts where rowid = (select id from search_docs where kind = 'statement' and ref = old.id);
        delete from search_docs where kind = 'statement' and ref = old.id;
      end`.execute(db);
      // Statements stored before this migration.
      await sql`insert into search_docs (kind, ref) select 'statement', id from statements`.execute(db);
      await sql`insert into search_fts (rowid, title, body)
        select d.id, st.title, st.text || char(10) || st.issuer
        from search_docs d join statements st on d.kind = 'statement' and st.id = d.ref`.execute(db);
    },
  },
  '0010-statements': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('statement_feeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull().unique())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('interval_seconds', 'integer', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_polled_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('next_poll_at', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('statements_added', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('statements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('parties', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('feed_id', 'text', (c) => c.references('statement_feeds.id'))
        .addColumn('guid', 'text')
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('statements_published')
        .on('statements')
        .columns(['published_at', 'id'])
        .execute();
      await db.schema
        .createIndex('statements_issuer')
        .on('statements')
        .columns(['issuer', 'published_at', 'id'])
        .execute();
      await db.schema
        .createIndex('statements_content_hash')
        .on('statements')
        .column('content_hash')
        .execute();
      await db.schema.createIndex('statements_url').on('statements').column('url').execute();
      await db.schema
        .createIndex('statements_feed_guid')
        .on('statements')
        .columns(['feed_id', 'guid'])
        .execute();
      // Clustered on (shingle, statement): a posting list is one contiguous range of the table.
      await db.schema
        .createTable('statement_fingerprints')
        .addColumn('doc', 'integer', (c) => c.primaryKey())
        .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
        .addColumn('variant', 'integer', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('shingle_count', 'integer', (c) => c.notNull())
        .addColumn('fingerprint', 'blob', (c) => c.notNull())
        .addUniqueConstraint('statement_fingerprints_statement', ['statement_id', 'variant'])
        .execute();
      // Postings carry the fingerprint's integer `doc`, not the 26-character statement id: a third of the
      // size at ~220 rows per statement. Clustered on (shingle, doc), a posting list is one range of the
      // table. No foreign key: checking one per posting would double the cost of ingest, and postings are
      // only written in the transaction that writes their fingerprint.
      await db.schema
        .createTable('statement_shingles')
        .addColumn('shingle', 'integer', (c) => c.notNull())
        .addColumn('doc', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('statement_shingles_pk', ['shingle', 'doc'])
        .modifyEnd(sql`without rowid`)
        .execute();
      await db.schema
        .createTable('statement_shingle_df')
        .addColumn('shingle', 'integer', (c) => c.primaryKey())
        .addColumn('df', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  // Dedupe keys claimed in the transaction that stores a statement: a feed item's GUID in its feed, its URL
  // and its text's hash. The primary key makes the claim atomic across processes and nodes (insert, on
  // conflict do nothing): two pollers ingesting the same item at once store it once. A table of keys
  // rather than unique indexes on `statements`, so a library that already holds the same text twice
  // (pasted twice) still migrates; the backfill keeps the earliest statement's claim.
  '0011-statements-dedupe-keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('statement_keys')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
        .execute();
      await sql`
        insert into statement_keys (key, statement_id)
        select key, statement_id from (
          select 'text:' || content_hash as key, id as statement_id, published_at, id from statements
          union all
          select 'url:' || url, id, published_at, id from statements where url is not null
          union all
          select 'guid:' || feed_id || ':' || guid, id, published_at, id
            from statements where feed_id is not null and guid is not null
        ) as claims
        where true
        order by published_at, id
        on conflict (key) do nothing`.execute(db);
    },
  },
  // Updates citing statements. `update_id` has no foreign key: a contributor's submission is cited under
  // the id it is later published with (see SubmissionStore).
  '0012-statements-citations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('update_statements')
        .addColumn('update_id', 'text', (c) => c.notNull())
        .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('update_statements_pk', ['update_id', 'statement_id'])
        .execute();
      await db.schema
        .createIndex('update_statements_statement')
        .on('update_statements')
        .column('statement_id')
        .execute();
    },
  },
  // An admin can stop polling a feed without losing its history or its statements.
  '0013-statements-feed-disabled': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('statement_feeds').addColumn('disabled_at', 'text').execute();
    },
  },
  '0040-update-enrichments': {
    async up(db: Kysely<unknown>) {
      // One row per update: the enrichment of the latest version enriched (see EnrichmentStore).
      await db.schema
        .createTable('update_enrichments')
        .addColumn('update_id', 'text', (c) => c.primaryKey().references('updates.id'))
        .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
        .addColumn('update_version', 'integer', (c) => c.notNull())
        .addColumn('data_version', 'text', (c) => c.notNull())
        .addColumn('enriched_at', 'text', (c) => c.notNull())
        .addColumn('enrichment', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('update_enrichments_story')
        .on('update_enrichments')
        .column('story_id')
        .execute();
    },
  },
  '0041-enrichment-corrections': {
    async up(db: Kysely<unknown>) {
      // Editors' corrections, per deployment, used by every later enrichment: one per spelling and field
      // ("name" or "place"), the latest wins (see CorrectionStore).
      await db.schema
        .createTable('enrichment_corrections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('surface', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('update_id', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('enrichment_corrections_surface', ['field', 'surface'])
        .execute();
      // What an editor decided about one suggestion of one update.
      await db.schema
        .createTable('enrichment_reviews')
        .addColumn('update_id', 'text', (c) => c.notNull().references('updates.id'))
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('enrichment_reviews_pk', ['update_id', 'item'])
        .execute();
      // The people, organisations and places each enriched update names, for the entity pages.
      await db.schema
        .createTable('enrichment_entities')
        .addColumn('update_id', 'text', (c) => c.notNull().references('updates.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('enrichment_entities_pk', ['update_id', 'kind', 'slug'])
        .execute();
      await db.schema
        .createIndex('enrichment_entities_slug')
        .on('enrichment_entities')
        .columns(['kind', 'slug'])
        .execute();
      // Which node enriches which update version: the first to insert the row does it.
      await db.schema
        .createTable('enrichment_claims')
        .addColumn('update_id', 'text', (c) => c.notNull())
        .addColumn('update_version', 'integer', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('enrichment_claims_pk', ['update_id', 'update_version'])
        .execute();
    },
  },
  '0060-gazetteer-places': {
    async up(db: Kysely<unknown>) {
      // Places imported from GeoNames dumps by `dateline gazetteer import` (src/enrich/places/geonames-import.ts):
      // one row per GeoNames feature kept, keyed by its geonameid, so importing a file twice changes nothing.
      await db.schema
        .createTable('gazetteer_places')
        .addColumn('geoname_id', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('iso2', 'text', (c) => c.notNull())
        .addColumn('admin1_code', 'text', (c) => c.notNull())
        .addColumn('admin2_code', 'text', (c) => c.notNull())
        .addColumn('feature_class', 'text', (c) => c.notNull())
        .addColumn('feature_code', 'text', (c) => c.notNull())
        .addColumn('lat', 'real', (c) => c.notNull())
        .addColumn('lon', 'real', (c) => c.notNull())
        .addColumn('population', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('gazetteer_places_iso2').on('gazetteer_places').column('iso2').execute();
      // Every spelling of a place as text writes it (case-sensitive, as the matcher is): the lookup index.
      await db.schema
        .createTable('gazetteer_names')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('geoname_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('gazetteer_names_pk', ['name', 'geoname_id'])
        .modifyEnd(sql`without rowid`)
        .execute();
      await db.schema
        .createIndex('gazetteer_names_place')
        .on('gazetteer_names')
        .column('geoname_id')
        .execute();
      // Names of admin areas by code ("SD.01", "SD.01.12345"), from admin1CodesASCII.txt and admin2Codes.txt.
      await db.schema
        .createTable('gazetteer_admin_codes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('geoname_id', 'integer', (c) => c.notNull())
        .execute();
      // One row per imported file (or zip entry): how many of its lines are committed, so an interrupted
      // import resumes after them, and whether it finished.
      await db.schema
        .createTable('gazetteer_imports')
        .addColumn('source', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('lines_done', 'integer', (c) => c.notNull())
        .addColumn('rows_kept', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      // Bumped by every committed import batch and removal: a running server compares it to drop its
      // cached lookups, so places imported by the CLI in another process are used at once. Its one row
      // is written by the first import (not here: `migrate-data` needs the new tables empty).
      await db.schema
        .createTable('gazetteer_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};
