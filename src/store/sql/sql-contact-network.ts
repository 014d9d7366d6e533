/** ContactNetworkStore over the contacts of updates and statements (see src/store/contact-network.ts). */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ContactActorKind, ListedContact } from '../../domain/contacts.ts';
import type {
  ContactNetworkStore,
  NetworkActor,
  NetworkFilter,
  PairTotal,
  RoleSpan,
} from '../contact-network.ts';
import type { SqlDeps } from './sql-adapter.ts';
import { toListedContact, visibleContacts } from './sql-visible-contacts.ts';

// A pair is unordered: "kind/slug" of each side, the smaller first, so (a, b) and (b, a) sum together.
const A_KEY = sql<string>`(c.a_kind || '/' || c.a_slug)`;
const B_KEY = sql<string>`(c.b_kind || '/' || c.b_slug)`;
const LO = sql<string>`case when ${A_KEY} <= ${B_KEY} then ${A_KEY} else ${B_KEY} end`;
const HI = sql<string>`case when ${A_KEY} <= ${B_KEY} then ${B_KEY} else ${A_KEY} end`;
const LO_NAME = sql<string>`max(case when ${A_KEY} <= ${B_KEY} then c.a_name else c.b_name end)`;
const HI_NAME = sql<string>`max(case when ${A_KEY} <= ${B_KEY} then c.b_name else c.a_name end)`;

interface PairRow {
  lo: string;
  hi: string;
  lo_name: string;
  hi_name: string;
  contacts: number | string;
  first: string;
  last: string;
}

function actorOf(key: string, name: string): NetworkActor {
  const slash = key.indexOf('/');
  return { kind: key.slice(0, slash) as ContactActorKind, slug: key.slice(slash + 1), name };
}

function toPair(row: PairRow): PairTotal {
  return {
    a: actorOf(row.lo, row.lo_name),
    b: actorOf(row.hi, row.hi_name),
    // PostgreSQL's count is a bigint, which pg hands over as a string.
    contacts: Number(row.contacts),
    first: String(row.first).slice(0, 10),
    last: String(row.last).slice(0, 10),
  };
}

/** Sums contacts in the shared SQL schema. */
export class SqlContactNetwork implements ContactNetworkStore {
  constructor(private readonly deps: SqlDeps) {}

  /** Public contacts, of updates and of statements (sql-visible-contacts.ts). */
  private visible() {
    return this.deps.db.selectFrom(visibleContacts(this.deps.db).as('c'));
  }

  private grouped(where: (q: ReturnType<SqlContactNetwork['visible']>) => typeof q) {
    return where(this.visible())
      .select([
        LO.as('lo'),
        HI.as('hi'),
        LO_NAME.as('lo_name'),
        HI_NAME.as('hi_name'),
        sql<number>`count(*)`.as('contacts'),
        sql<string>`min(c.day)`.as('first'),
        sql<string>`max(c.day)`.as('last'),
      ])
      .groupBy([LO, HI]);
  }

  async pairs(filter: NetworkFilter): Promise<PairTotal[]> {
    const { deskId, kind, from, to, among } = filter;
    if (among !== undefined && among.length === 0) return [];
    const rows = await this.grouped((q) => {
      if (deskId !== undefined) q = q.where('c.desk_id', '=', deskId);
      if (kind !== undefined) q = q.where('c.kind', '=', kind);
      if (from !== undefined) q = q.where('c.day', '>=', from);
      if (to !== undefined) q = q.where('c.day', '<=', to);
      if (among !== undefined) q = q.where('c.a_slug', 'in', among).where('c.b_slug', 'in', among);
      return q;
    })
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`max(c.day)`, 'desc')
      .execute();
    return (rows as PairRow[]).filter((r) => r.lo !== r.hi).map(toPair);
  }

  async firstSeenSince(since: string, deskId?: string): Promise<PairTotal[]> {
    const rows = await this.grouped((q) => (deskId === undefined ? q : q.where('c.desk_id', '=', deskId)))
      .having(sql<SqlBool>`min(c.day) >= ${since}`)
      .orderBy(sql`min(c.day)`, 'desc')
      .orderBy(sql`count(*)`, 'desc')
      .execute();
    return (rows as PairRow[]).filter((r) => r.lo !== r.hi).map(toPair);
  }

  async rolesOf(actor: { kind: ContactActorKind; slug: string }): Promise<RoleSpan[]> {
    const side = (s: 'a' | 'b') =>
      this.visible()
        .where(`c.${s}_kind`, '=', actor.kind)
        .where(`c.${s}_slug`, '=', actor.slug)
        .where(`c.${s}_role`, 'is not', null)
        .select([sql<string>`c.${sql.raw(s)}_role`.as('role'), 'c.day as day']);
    const rows = await side('a').unionAll(side('b')).execute();
    const spans = new Map<string, RoleSpan>();
    for (const { role, day } of rows) {
      const d = String(day).slice(0, 10);
      const span = spans.get(role);
      if (!span) spans.set(role, { role, first: d, last: d, contacts: 1 });
      else {
        span.contacts += 1;
        if (d < span.first) span.first = d;
        if (d > span.last) span.last = d;
      }
    }
    return [...spans.values()].sort((x, y) => y.last.localeCompare(x.last) || y.contacts - x.contacts);
  }

  async lastBetween(
    actor: { kind: ContactActorKind; slug: string },
    other: string,
  ): Promise<Omit<ListedContact, 'templateSize'> | null> {
    const is = (s: 'a' | 'b', o: 'a' | 'b') =>
      sql<SqlBool>`(c.${sql.raw(s)}_kind = ${actor.kind} and c.${sql.raw(s)}_slug = ${actor.slug} and c.${sql.raw(o)}_slug = ${other})`;
    const row = await this.visible()
      .selectAll('c')
      .where((eb) => eb.or([is('a', 'b'), is('b', 'a')] as Expression<SqlBool>[]))
      .orderBy('c.day', 'desc')
      .orderBy('c.source_id', 'desc')
      .orderBy('c.ordinal', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toListedContact(row) : null;
  }
}
