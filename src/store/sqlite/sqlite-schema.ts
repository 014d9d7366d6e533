/** How SQLite spells the schema: the types and blocks migrations ask for (see migrations/schema-dialect.ts). */
import { sql, type Kysely } from 'kysely';
import type { SchemaDialect } from '../migrations/schema-dialect.ts';

/** SQLite: instants and JSON are text, booleans 0/1, search is one FTS5 index kept by triggers. */
export const SQLITE_SCHEMA: SchemaDialect = {
  id: 'text',
  instant: 'text',
  date: 'text',
  json: 'text',
  bool: 'integer',
  bigint: 'integer',
  double: 'real',
  bytes: 'blob',
  serial: 'integer',
  serialKey: (c) => c.primaryKey().autoIncrement(),
  rowKey: (c) => c.primaryKey(),
  // Clustered on the primary key: a posting list is one contiguous range of the table.
  clusteredOnKey: (table) => table.modifyEnd(sql`without rowid`),
  async hasTable(db, table) {
    const { rows } = await sql`select 1 from sqlite_master where type = 'table' and name = ${table}`.execute(
      db,
    );
    return rows.length > 0;
  },
  search: {
    // One FTS5 index holds updates and stories so their bm25 ranks compare; `search_docs` gives each
    // record a stable integer key for the index (the implicit rowid of a text-keyed table may change on
    // VACUUM). Triggers keep the index in the writing transaction: deleted updates leave it, edits
    // replace their entry.
    async updatesAndStories(db: Kysely<unknown>) {
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
    // Statements join the one FTS5 index, so their bm25 ranks compare with updates' and stories'. The
    // title is the statement's title; the body its text, then its issuer (so an issuer's name finds its
    // statements, and snippets open on the text). Triggers cover edits and deletions too, although
    // statements are written once today: the index must never show text that is no longer stored.
    async statements(db: Kysely<unknown>) {
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
};
