/** ContactStore over the `contacts` table. */
import type {
  Contact,
  ContactActor,
  ContactActorKind,
  ContactChannel,
  ContactKind,
} from '../../domain/contacts.ts';
import { sql } from 'kysely';
import type { ClaimStatus, Update } from '../../domain/types.ts';
import {
  decodeContactCursor,
  encodeContactCursor,
  type ContactFilter,
  type ContactPage,
  type ContactStore,
} from '../contacts.ts';
import { toUpdate } from './rows.ts';
import type { SqlDeps } from './sql-adapter.ts';
import type { ContactRow } from './schema.ts';

function toRow(c: Contact, updateVersion: number): ContactRow {
  return {
    update_id: c.updateId,
    ordinal: c.ordinal,
    update_version: updateVersion,
    story_id: c.storyId,
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
    source: c.source,
    template_id: c.templateId,
  };
}

function actor(kind: string, slug: string, name: string, role: string | null): ContactActor {
  return { kind: kind as ContactActorKind, slug, name, role };
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
    excludeUpdateId: string;
    kind: ContactKind;
    slugs: string[];
    limit: number;
  }): Promise<{ templateId: string; sentence: string }[]> {
    const rows = await this.deps.db
      .selectFrom('contacts')
      .select(['template_id', 'sentence'])
      .where('update_id', '!=', query.excludeUpdateId)
      .where('kind', '=', query.kind)
      .where((eb) => eb.or([eb('a_slug', 'in', query.slugs), eb('b_slug', 'in', query.slugs)]))
      .orderBy('day', 'desc')
      .orderBy('update_id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map((row) => ({ templateId: row.template_id, sentence: row.sentence }));
  }

  async list(filter: ContactFilter, page: { limit: number; cursor?: string }): Promise<ContactPage> {
    let query = this.deps.db
      .selectFrom('contacts as c')
      .innerJoin('updates as u', 'u.id', 'c.update_id')
      .innerJoin('stories as s', 's.id', 'u.story_id')
      .leftJoin('desks as d', 'd.id', 's.desk_id')
      .selectAll('c')
      .select(['u.claim_status', 'd.slug as desk_slug', 's.slug as story_slug'])
      // Deleted updates and unpublished stories never show their contacts.
      .where('u.deleted_at', 'is', null)
      .where('s.status', 'in', ['live', 'ended'])
      .orderBy('c.day', 'desc')
      .orderBy('c.update_id', 'desc')
      .orderBy('c.ordinal', 'desc')
      .limit(page.limit + 1);
    const { actor: slug, kind, from, to, deskId, template } = filter;
    if (template !== undefined) query = query.where('c.template_id', '=', template);
    if (slug !== undefined)
      query = query.where((eb) => eb.or([eb('c.a_slug', '=', slug), eb('c.b_slug', '=', slug)]));
    if (kind !== undefined) query = query.where('c.kind', '=', kind);
    if (from !== undefined) query = query.where('c.day', '>=', from);
    if (to !== undefined) query = query.where('c.day', '<=', to);
    if (deskId !== undefined) query = query.where('s.desk_id', '=', deskId);
    const after = page.cursor === undefined ? undefined : decodeContactCursor(page.cursor);
    if (after) {
      const [day, updateId, ordinal] = after;
      query = query.where((eb) =>
        eb.or([
          eb('c.day', '<', day),
          eb.and([eb('c.day', '=', day), eb('c.update_id', '<', updateId)]),
          eb.and([eb('c.day', '=', day), eb('c.update_id', '=', updateId), eb('c.ordinal', '<', ordinal)]),
        ]),
      );
    }
    const rows = await query.execute();
    const more = rows.length > page.limit;
    const kept = more ? rows.slice(0, page.limit) : rows;
    const sizes = await this.templateSizes([...new Set(kept.map((row) => row.template_id))]);
    return {
      items: kept.map((row) => ({
        updateId: row.update_id,
        storyId: row.story_id,
        ordinal: row.ordinal,
        kind: row.kind as ContactKind,
        channel: row.channel as ContactChannel | null,
        a: actor(row.a_kind, row.a_slug, row.a_name, row.a_role),
        b: actor(row.b_kind, row.b_slug, row.b_name, row.b_role),
        place: row.place,
        country: row.country,
        date: row.day,
        dateSource: row.day_source === 'text' ? 'text' : 'reported',
        reportedAt: row.reported_at,
        sentence: row.sentence,
        source: row.source === 'confirmed' ? 'confirmed' : 'extracted',
        templateId: row.template_id,
        templateSize: sizes.get(row.template_id) ?? 1,
        claimStatus: row.claim_status as ClaimStatus,
        deskSlug: row.desk_slug,
        storySlug: row.story_slug,
      })),
      nextCursor: more ? encodeContactCursor(kept.at(-1)!) : null,
    };
  }

  /** How many public contacts share each of `templates`. */
  private async templateSizes(templates: string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    // In slices, to stay under the engines' bound-parameter limits.
    for (let i = 0; i < templates.length; i += 500) {
      const rows = await this.deps.db
        .selectFrom('contacts as c')
        .innerJoin('updates as u', 'u.id', 'c.update_id')
        .innerJoin('stories as s', 's.id', 'u.story_id')
        .select(['c.template_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('c.template_id', 'in', templates.slice(i, i + 500))
        .where('u.deleted_at', 'is', null)
        .where('s.status', 'in', ['live', 'ended'])
        .groupBy('c.template_id')
        .execute();
      for (const row of rows) sizes.set(row.template_id, Number(row.n));
    }
    return sizes;
  }
}
