/**
 * Every public contact as one derived table, for ContactStore.list and the network sums: those of
 * undeleted updates of live and ended stories, with their claim status, desk and story, and those of
 * official statements not rejected by an editor (all public; a statement belongs to no desk and
 * carries no claim status), with the statement's link. `source_id` is the update's or the statement's id; a statement's contact has
 * `update_id`, `story_id` and `story_slug` empty.
 */
import { sql } from 'kysely';
import type { ClaimStatus } from '../../domain/types.ts';
import type {
  ContactActor,
  ContactActorKind,
  ContactChannel,
  ContactKind,
  ListedContact,
} from '../../domain/contacts.ts';
import type { SqlDeps } from './sql-adapter.ts';

/** The columns both sources share, in the order both sides of the union list them. */
const CONTACT_COLUMNS = [
  'c.ordinal',
  'c.kind',
  'c.channel',
  'c.a_kind',
  'c.a_slug',
  'c.a_name',
  'c.a_role',
  'c.b_kind',
  'c.b_slug',
  'c.b_name',
  'c.b_role',
  'c.place',
  'c.country',
  'c.day',
  'c.day_source',
  'c.reported_at',
  'c.sentence',
] as const;

/** The union; select from it `as('c')`. */
export function visibleContacts(db: SqlDeps['db']) {
  const fromUpdates = db
    .selectFrom('contacts as c')
    .innerJoin('updates as u', 'u.id', 'c.update_id')
    .innerJoin('stories as s', 's.id', 'u.story_id')
    .leftJoin('desks as d', 'd.id', 's.desk_id')
    .where('u.deleted_at', 'is', null)
    .where('s.status', 'in', ['live', 'ended'])
    .select([
      sql<string>`'update'`.as('source_type'),
      'c.update_id as source_id',
      'c.update_id',
      'c.story_id',
      ...CONTACT_COLUMNS,
      'c.source',
      'c.template_id',
      sql<string | null>`u.claim_status`.as('claim_status'),
      sql<string | null>`s.desk_id`.as('desk_id'),
      sql<string | null>`d.slug`.as('desk_slug'),
      's.slug as story_slug',
      sql<string | null>`null`.as('statement_url'),
    ]);
  const fromStatements = db
    .selectFrom('statement_contacts as c')
    .innerJoin('statements as st', 'st.id', 'c.statement_id')
    // An editor's rejection takes a statement's contact out of every list; a confirmation marks it.
    .leftJoin('statement_contact_reviews as r', (join) =>
      join.onRef('r.statement_id', '=', 'c.statement_id').onRef('r.ordinal', '=', 'c.ordinal'),
    )
    .where((eb) => eb.or([eb('r.verdict', 'is', null), eb('r.verdict', '!=', 'rejected')]))
    .select([
      sql<string>`'statement'`.as('source_type'),
      'c.statement_id as source_id',
      sql<string>`''`.as('update_id'),
      sql<string>`''`.as('story_id'),
      ...CONTACT_COLUMNS,
      sql<string>`case when r.verdict = 'confirmed' then 'confirmed' else 'extracted' end`.as('source'),
      'c.template_id',
      sql<string | null>`null`.as('claim_status'),
      sql<string | null>`null`.as('desk_id'),
      sql<string | null>`null`.as('desk_slug'),
      sql<string>`''`.as('story_slug'),
      'st.url as statement_url',
    ]);
  return fromUpdates.unionAll(fromStatements);
}

/** One row of the union. */
export type VisibleContactRow = Awaited<ReturnType<ReturnType<typeof visibleContacts>['execute']>>[number];

function actor(kind: string, slug: string, name: string, role: string | null): ContactActor {
  return { kind: kind as ContactActorKind, slug, name, role };
}

/** A row of the union as listed (without its template's size). */
export function toListedContact(row: VisibleContactRow): Omit<ListedContact, 'templateSize'> {
  const statement = row.source_type === 'statement';
  return {
    sourceType: statement ? 'statement' : 'update',
    statementId: statement ? row.source_id : null,
    statementUrl: statement ? row.statement_url : null,
    updateId: row.update_id,
    storyId: row.story_id,
    ordinal: row.ordinal,
    kind: row.kind as ContactKind,
    channel: row.channel as ContactChannel | null,
    a: actor(row.a_kind, row.a_slug, row.a_name, row.a_role),
    b: actor(row.b_kind, row.b_slug, row.b_name, row.b_role),
    place: row.place,
    country: row.country,
    date: String(row.day).slice(0, 10),
    dateSource: row.day_source === 'text' ? 'text' : 'reported',
    reportedAt: row.reported_at,
    sentence: row.sentence,
    source: row.source === 'confirmed' ? 'confirmed' : 'extracted',
    templateId: row.template_id,
    claimStatus: row.claim_status as ClaimStatus | null,
    deskSlug: row.desk_slug,
    storySlug: row.story_slug,
  };
}
