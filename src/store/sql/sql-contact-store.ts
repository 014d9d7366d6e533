/** ContactStore over the `contacts` table. */
import type { StatementContact, Contact, ContactKind } from '../../domain/contacts.ts';
import { sql } from 'kysely';
import type { Update } from '../../domain/types.ts';
import {
  type ReviewedStatementContact,
  type StatementContactVerdict,
  type StatementReviewOutcome,
  type StatementToRead,
  decodeContactCursor,
  encodeContactCursor,
  type ContactFilter,
  type ContactPage,
  type ContactStore,
} from '../contacts.ts';
import { toUpdate } from './rows.ts';
import { toListedContact, visibleContacts } from './sql-visible-contacts.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { ContactRow } from './schema.ts';

/** The columns a contact has wherever it came from (an update's or a statement's). */
function contactColumns(c: Omit<Contact, 'updateId' | 'storyId' | 'source'>) {
  return {
    ordinal: c.ordinal,
    kind: c.kind,
    channel: c.channel,
    a_kind: c.a.kind,
    a_slug: c.a.slug,
    a_name: c.a.name,
    a_role: c.a.role,
    b_kind: c.b.kind,
    b_slug: c.b.slug,
    b_name: c.b.name,
    b_role: c.b.role,
    place: c.place,
    country: c.country,
    day: c.date,
    day_source: c.dateSource,
    reported_at: c.reportedAt,
    sentence: c.sentence,
    template_id: c.templateId,
  };
}

function toRow(c: Contact, updateVersion: number): ContactRow {
  return {
    ...contactColumns(c),
    update_id: c.updateId,
    update_version: updateVersion,
    story_id: c.storyId,
    source: c.source,
  };
}

/** Stores contacts per update in the shared SQL schema. */
export class SqlContactStore implements ContactStore {
  constructor(private readonly deps: SqlDeps) {}

  async replaceForUpdate(updateId: string, updateVersion: number, contacts: Contact[]): Promise<boolean> {
    return this.deps.db.transaction().execute(async (trx) => {
      const newer = await trx
        .selectFrom('contacts')
        .select('update_id')
        .where('update_id', '=', updateId)
        .where('update_version', '>', updateVersion)
        .executeTakeFirst();
      if (newer) return false;
      await trx.deleteFrom('contacts').where('update_id', '=', updateId).execute();
      if (contacts.length > 0)
        await trx
          .insertInto('contacts')
          .values(contacts.map((c) => toRow(c, updateVersion)))
          .execute();
      return true;
    });
  }

  async listUnextracted(limit: number): Promise<Update[]> {
    const rows = await this.deps.db
      .selectFrom('update_enrichments as e')
      .innerJoin('updates as u', 'u.id', 'e.update_id')
      .selectAll('u')
      .where('u.deleted_at', 'is', null)
      .where('e.update_version', '=', (eb) => eb.ref('u.version'))
      // The enrichment is JSON text on both engines; a cast lets PostgreSQL's json be searched too.
      .where(sql<string>`cast(e.enrichment as text)`, 'not like', '%"contacts":%')
      .orderBy('u.published_at')
      .orderBy('u.id')
      .limit(limit)
      .execute();
    return rows.map(toUpdate);
  }

  async removeForUpdate(updateId: string): Promise<void> {
    await this.deps.db.deleteFrom('contacts').where('update_id', '=', updateId).execute();
  }

  async templateCandidates(query: {
    excludeSourceId: string;
    kind: ContactKind;
    slugs: string[];
    limit: number;
  }): Promise<{ templateId: string; sentence: string }[]> {
    const { db } = this.deps;
    const ofUpdates = db
      .selectFrom('contacts')
      .select(['template_id', 'sentence', 'day', 'update_id as source_id'])
      .where('update_id', '!=', query.excludeSourceId)
      .where('kind', '=', query.kind)
      .where((eb) => eb.or([eb('a_slug', 'in', query.slugs), eb('b_slug', 'in', query.slugs)]));
    const ofStatements = db
      .selectFrom('statement_contacts')
      .select(['template_id', 'sentence', 'day', 'statement_id as source_id'])
      .where('statement_id', '!=', query.excludeSourceId)
      .where('kind', '=', query.kind)
      .where((eb) => eb.or([eb('a_slug', 'in', query.slugs), eb('b_slug', 'in', query.slugs)]));
    const rows = await db
      .selectFrom(ofUpdates.unionAll(ofStatements).as('t'))
      .select(['t.template_id', 't.sentence'])
      .orderBy('t.day', 'desc')
      .orderBy('t.source_id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map((row) => ({ templateId: row.template_id, sentence: row.sentence }));
  }

  async replaceForStatement(statementId: string, contacts: StatementContact[]): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      // The statement may have been removed meanwhile: then there is nothing to record.
      const statement = await trx
        .selectFrom('statements')
        .select('id')
        .where('id', '=', statementId)
        .executeTakeFirst();
      if (!statement) return;
      await trx.deleteFrom('statement_contacts').where('statement_id', '=', statementId).execute();
      await trx.deleteFrom('statement_contact_runs').where('statement_id', '=', statementId).execute();
      await trx
        .insertInto('statement_contact_runs')
        .values({ statement_id: statementId, extracted_at: new Date().toISOString() })
        // Another node reading the same statement at once stores the same rows: the first kept.
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (contacts.length > 0)
        await trx
          .insertInto('statement_contacts')
          .values(contacts.map((c) => ({ ...contactColumns(c), statement_id: statementId })))
          .onConflict((oc) => oc.doNothing())
          .execute();
    });
  }

  async ofStatement(statementId: string): Promise<ReviewedStatementContact[]> {
    const rows = await this.deps.db
      .selectFrom('statement_contacts as c')
      .leftJoin('statement_contact_reviews as r', (join) =>
        join.onRef('r.statement_id', '=', 'c.statement_id').onRef('r.ordinal', '=', 'c.ordinal'),
      )
      .selectAll('c')
      .select(['r.verdict', 'r.actor', 'r.decided_at'])
      .where('c.statement_id', '=', statementId)
      .orderBy('c.ordinal')
      .execute();
    return rows.map((row) => ({
      statementId: row.statement_id,
      ordinal: row.ordinal,
      kind: row.kind as ContactKind,
      channel: row.channel as StatementContact['channel'],
      a: { kind: row.a_kind, slug: row.a_slug, name: row.a_name, role: row.a_role } as StatementContact['a'],
      b: { kind: row.b_kind, slug: row.b_slug, name: row.b_name, role: row.b_role } as StatementContact['b'],
      place: row.place,
      country: row.country,
      date: String(row.day).slice(0, 10),
      dateSource: row.day_source === 'text' ? 'text' : 'reported',
      reportedAt: row.reported_at,
      sentence: row.sentence,
      templateId: row.template_id,
      verdict: (row.verdict ?? null) as StatementContactVerdict | null,
      decidedBy: row.actor ?? null,
      decidedAt: row.decided_at ?? null,
    }));
  }

  async reviewStatementContact(review: {
    statementId: string;
    ordinal: number;
    verdict: StatementContactVerdict | null;
    seen: StatementContactVerdict | null;
    actor: string;
    at: string;
  }): Promise<StatementReviewOutcome> {
    const { statementId, ordinal, verdict, seen } = review;
    const current = async () =>
      (await this.ofStatement(statementId)).find((c) => c.ordinal === ordinal) ?? null;
    if ((await current()) === null) return { outcome: 'missing', current: null };
    const db = this.deps.db;
    const key = { statement_id: statementId, ordinal };
    const decided = { verdict, actor: review.actor, decided_at: review.at };
    // One conditional statement each way, so two editors deciding at once cannot both win.
    let changed: bigint;
    if (seen === null && verdict !== null) {
      const result = await db
        .insertInto('statement_contact_reviews')
        .values({ ...key, ...decided, verdict })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      changed = result.numInsertedOrUpdatedRows ?? 0n;
    } else if (seen !== null && verdict !== null) {
      const result = await db
        .updateTable('statement_contact_reviews')
        .set({ ...decided, verdict })
        .where('statement_id', '=', statementId)
        .where('ordinal', '=', ordinal)
        .where('verdict', '=', seen)
        .executeTakeFirst();
      changed = result.numUpdatedRows;
    } else if (seen !== null) {
      const result = await db
        .deleteFrom('statement_contact_reviews')
        .where('statement_id', '=', statementId)
        .where('ordinal', '=', ordinal)
        .where('verdict', '=', seen)
        .executeTakeFirst();
      changed = result.numDeletedRows;
    } else {
      // Undecided, and staying so, unless a colleague decided meanwhile.
      const now = await current();
      return { outcome: now?.verdict === null ? 'saved' : 'changed', current: now };
    }
    return { outcome: changed > 0n ? 'saved' : 'changed', current: await current() };
  }

  async listUnextractedStatements(limit: number): Promise<StatementToRead[]> {
    const rows = await this.deps.db
      .selectFrom('statements as st')
      .leftJoin('statement_contact_runs as r', 'r.statement_id', 'st.id')
      .select(['st.id', 'st.text', 'st.published_at'])
      .where('r.statement_id', 'is', null)
      .orderBy('st.published_at')
      .orderBy('st.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, text: row.text, publishedAt: row.published_at }));
  }

  async list(filter: ContactFilter, page: { limit: number; cursor?: string }): Promise<ContactPage> {
    let query = this.deps.db
      .selectFrom(visibleContacts(this.deps.db).as('c'))
      .selectAll('c')
      .orderBy('c.day', 'desc')
      .orderBy('c.source_id', 'desc')
      .orderBy('c.ordinal', 'desc')
      .limit(page.limit + 1);
    const { actor: slug, kind, from, to, deskId, template } = filter;
    if (template !== undefined) query = query.where('c.template_id', '=', template);
    if (slug !== undefined)
      query = query.where((eb) => eb.or([eb('c.a_slug', '=', slug), eb('c.b_slug', '=', slug)]));
    if (kind !== undefined) query = query.where('c.kind', '=', kind);
    if (from !== undefined) query = query.where('c.day', '>=', from);
    if (to !== undefined) query = query.where('c.day', '<=', to);
    // Statements belong to no desk: a desk's list is its updates' contacts.
    if (deskId !== undefined) query = query.where('c.desk_id', '=', deskId);
    const after = page.cursor === undefined ? undefined : decodeContactCursor(page.cursor);
    if (after) {
      const [day, sourceId, ordinal] = after;
      query = query.where((eb) =>
        eb.or([
          eb('c.day', '<', day),
          eb.and([eb('c.day', '=', day), eb('c.source_id', '<', sourceId)]),
          eb.and([eb('c.day', '=', day), eb('c.source_id', '=', sourceId), eb('c.ordinal', '<', ordinal)]),
        ]),
      );
    }
    const rows = await query.execute();
    const more = rows.length > page.limit;
    const kept = more ? rows.slice(0, page.limit) : rows;
    const sizes = await this.templateSizes([...new Set(kept.map((row) => row.template_id))]);
    const last = kept.at(-1);
    return {
      items: kept.map((row) => ({ ...toListedContact(row), templateSize: sizes.get(row.template_id) ?? 1 })),
      nextCursor:
        more && last
          ? encodeContactCursor({
              day: String(last.day).slice(0, 10),
              update_id: last.source_id,
              ordinal: last.ordinal,
            })
          : null,
    };
  }

  /** How many public contacts share each of `templates`. */
  private async templateSizes(templates: string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    // In slices, to stay under the engines' bound-parameter limits.
    for (let i = 0; i < templates.length; i += 500) {
      const rows = await this.deps.db
        .selectFrom(visibleContacts(this.deps.db).as('c'))
        .select(['c.template_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('c.template_id', 'in', templates.slice(i, i + 500))
        .groupBy('c.template_id')
        .execute();
      for (const row of rows) sizes.set(row.template_id, Number(row.n));
    }
    return sizes;
  }
}
