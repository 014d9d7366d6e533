/** Submissions: contributors' updates waiting for an editor, published in one transaction on approval. */
import type { Kysely } from 'kysely';
import { conflict, notFound } from '../../domain/errors.ts';
import { createId } from '../../domain/ids.ts';
import type { LiveEvent, Submission, SubmissionStatus, Update, UpdateContent } from '../../domain/types.ts';
import type { NewSubmission, SubmissionStore, WriteAlong } from '../store.ts';
import type { SqlDeps } from './sql-adapter.ts';
import { insertUpdate } from './sql-update-store.ts';
import { writeAlong } from './sql-write-along.ts';
import type { Database, SubmissionRow } from './schema.ts';

/** SubmissionStore over the `submissions` table. */
export class SqlSubmissionStore implements SubmissionStore {
  constructor(private readonly deps: SqlDeps) {}

  async create(input: NewSubmission, along?: WriteAlong<Submission>): Promise<Submission> {
    const now = this.deps.clock();
    const row: SubmissionRow = {
      id: createId(),
      story_id: input.storyId,
      content: JSON.stringify(input.content),
      author: input.author,
      author_key: input.authorKey,
      status: input.draft === true ? 'draft' : 'pending',
      created_at: now,
      decided_at: null,
      decided_by: null,
      reason: '',
      publish_at: input.publishAt ?? null,
      saved_at: input.draft === true ? now : null,
      saved_by: input.draft === true ? input.author : null,
    };
    const submission = toSubmission(row);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('submissions').values(row).execute();
      await writeAlong(trx, this.deps, submission.id, along, submission, null);
    });
    return submission;
  }

  async getById(id: string): Promise<Submission | null> {
    const row = await this.deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSubmission(row) : null;
  }

  async listPending(storyId: string): Promise<Submission[]> {
    const rows = await this.deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('story_id', '=', storyId)
      .where('status', '=', 'pending')
      .orderBy('publish_at')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubmission);
  }

  async listDue(now: string, limit: number): Promise<Submission[]> {
    const rows = await this.deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('status', '=', 'pending')
      .where('publish_at', 'is not', null)
      .where('publish_at', '<=', now)
      .orderBy('publish_at')
      .limit(limit)
      .execute();
    return rows.map(toSubmission);
  }

  async approve(
    id: string,
    content: UpdateContent,
    actor: string,
    along?: WriteAlong<Update>,
  ): Promise<{ submission: Submission; update: Update; event: LiveEvent }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock();
      // One statement, so that of two editors approving at once exactly one publishes it.
      const row = await trx
        .updateTable('submissions')
        .set({ status: 'approved', decided_at: now, decided_by: actor })
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'draft'])
        .returningAll()
        .executeTakeFirst();
      if (!row) throw await notPending(trx, id);
      const submission = toSubmission(row);
      // The update is by the contributor; the approving editor is recorded on the submission.
      const { update, event } = await insertUpdate(trx, this.deps, row.story_id, content, row.author, id);
      await writeAlong(trx, this.deps, id, along, update, null);
      return { submission, update, event };
    });
  }

  async edit(id: string, content: UpdateContent, along?: WriteAlong<Submission>): Promise<Submission> {
    return this.deps.db.transaction().execute(async (trx) => {
      // One statement guarded by status, so an edit racing an approval either lands first or is refused.
      const row = await trx
        .updateTable('submissions')
        .set({ content: JSON.stringify(content) })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      if (!row) throw await notPending(trx, id);
      const submission = toSubmission(row);
      await writeAlong(trx, this.deps, id, along, submission, null);
      return submission;
    });
  }

  async listDrafts(storyId: string): Promise<Submission[]> {
    const rows = await this.deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('story_id', '=', storyId)
      .where('status', '=', 'draft')
      .orderBy('saved_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toSubmission);
  }

  async saveDraft(
    id: string,
    change: {
      content: UpdateContent;
      publishAt?: string | null | undefined;
      savedBy: string;
      savedAt?: string;
    },
    along?: WriteAlong<Submission>,
  ): Promise<Submission> {
    return this.deps.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before || before.status !== 'draft') throw await notPending(trx, id);
      if (change.savedAt !== undefined && Date.parse(before.saved_at ?? '') !== Date.parse(change.savedAt))
        throw conflict(
          `draft was saved at ${before.saved_at} by ${before.saved_by}, not at ${change.savedAt}`,
          toSubmission(before),
        );
      // The stamp is what a later save names, so it must move even when two saves share a millisecond.
      const now = this.deps.clock();
      const last = before.saved_at === null ? 0 : Date.parse(before.saved_at);
      const savedAt = Date.parse(now) > last ? now : new Date(last + 1).toISOString();
      // Guarded by status and the stamp read above, so a save racing a colleague's save or Publish
      // either lands first or is refused.
      const row = await trx
        .updateTable('submissions')
        .set({
          content: JSON.stringify(change.content),
          saved_at: savedAt,
          saved_by: change.savedBy,
          ...(change.publishAt !== undefined && { publish_at: change.publishAt }),
        })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .where('saved_at', before.saved_at === null ? 'is' : '=', before.saved_at)
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const latest = await trx
          .selectFrom('submissions')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (latest?.status === 'draft')
          throw conflict('draft was saved by a colleague meanwhile', toSubmission(latest));
        throw await notPending(trx, id);
      }
      const submission = toSubmission(row);
      await writeAlong(trx, this.deps, id, along, submission, null);
      return submission;
    });
  }

  async scheduleDraft(id: string, publishAt: string, along?: WriteAlong<Submission>): Promise<Submission> {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('submissions')
        .set({ status: 'pending', publish_at: publishAt })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .returningAll()
        .executeTakeFirst();
      if (!row) throw await notPending(trx, id);
      const submission = toSubmission(row);
      await writeAlong(trx, this.deps, id, along, submission, null);
      return submission;
    });
  }

  async listByAuthor(storyId: string, authorKey: string, limit: number): Promise<Submission[]> {
    const rows = await this.deps.db
      .selectFrom('submissions')
      .selectAll()
      .where('story_id', '=', storyId)
      .where('author_key', '=', authorKey)
      .where('status', '<>', 'draft')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toSubmission);
  }

  async close(
    id: string,
    status: Extract<SubmissionStatus, 'rejected' | 'withdrawn'>,
    actor: string,
    reason: string,
    along?: WriteAlong<Submission>,
  ): Promise<Submission> {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('submissions')
        .set({ status, decided_at: this.deps.clock(), decided_by: actor, reason })
        .where('id', '=', id)
        .where('status', 'in', status === 'withdrawn' ? ['pending', 'draft'] : ['pending'])
        .returningAll()
        .executeTakeFirst();
      if (!row) throw await notPending(trx, id);
      const submission = toSubmission(row);
      await writeAlong(trx, this.deps, id, along, submission, null);
      return submission;
    });
  }
}

/** The error for acting on a submission that is not pending; reads with `db` (the open transaction, if any). */
async function notPending(db: Kysely<Database>, id: string): Promise<Error> {
  const row = await db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return notFound('submission');
  return conflict(`submission is already ${row.status}`, toSubmission(row));
}

function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    storyId: row.story_id,
    content: JSON.parse(row.content) as UpdateContent,
    author: row.author,
    authorKey: row.author_key,
    status: row.status as SubmissionStatus,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    reason: row.reason,
    publishAt: row.publish_at,
    savedAt: row.saved_at,
    savedBy: row.saved_by,
  };
}
