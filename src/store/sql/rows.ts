/** Mapping between rows and domain records, and the opaque cursors of paginated lists. */
import { UpdateSchema } from '../../domain/update-schema.ts';
import type { Desk, LiveEvent, Revision, Story, StoryStatus, Update } from '../../domain/types.ts';
import type { DeskRow, StoryRow, UpdateRow } from './schema.ts';
import { rowMapper } from './schema-rows.ts';

/** Desk from its row. */
export function toDesk(row: DeskRow): Desk {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    timezone: row.timezone,
    createdAt: row.created_at,
    archivedAt: row.archived_at ?? null,
  };
}

/** Story from its row. */
export function toStory(row: StoryRow): Story {
  return {
    id: row.id,
    deskId: row.desk_id,
    slug: row.slug,
    date: row.date,
    headline: row.headline,
    standfirst: row.standfirst,
    body: row.body,
    bodyHtml: row.body_html,
    topPhoto: row.top_photo === null ? null : JSON.parse(row.top_photo),
    status: row.status as StoryStatus,
    openedAt: row.opened_at,
    endedAt: row.ended_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    lastEventSeq: row.last_event_seq,
  };
}

/** Updates to rows and back, as the update schema declares them. */
export const updateRows = rowMapper(UpdateSchema);

/** Update from its row. */
export function toUpdate(row: UpdateRow): Update {
  return updateRows.fromRow(row);
}

/** Live event from its row. */
export function toEvent(row: {
  id: number;
  story_id: string;
  seq: number;
  at: string;
  data: string;
}): LiveEvent {
  return { globalId: row.id, storyId: row.story_id, seq: row.seq, at: row.at, data: JSON.parse(row.data) };
}

/** Revision from its row. */
export function toRevision(row: {
  id: number;
  update_id: string;
  version: number;
  kind: string;
  actor: string;
  at: string;
  changes: string;
}): Revision {
  return {
    id: row.id,
    updateId: row.update_id,
    version: row.version,
    kind: row.kind as Revision['kind'],
    actor: row.actor,
    at: row.at,
    changes: JSON.parse(row.changes),
  };
}

/** Opaque cursor for keyset pagination. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Cursor parts, or null when the cursor is not one we made. */
export function decodeCursor(cursor: string): (string | number)[] | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Numbers must be what we put there (sequences, ids): a 1.5 or 1e300 would reach the database.
    const valid = (p: unknown) =>
      (typeof p === 'string' && p.length <= 200 && !p.includes('\u0000')) ||
      (typeof p === 'number' && Number.isSafeInteger(p) && p >= 0 && p <= 2 ** 31 - 1);
    if (Array.isArray(parts) && parts.length <= 4 && parts.every(valid)) return parts;
  } catch {
    /* fall through */
  }
  return null;
}
