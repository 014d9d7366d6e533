/** The newsroom part of the storage contract (submissions; later accounts and media), for every engine. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../../src/domain/errors.ts';
import type { Store } from '../../src/store/store.ts';
import { content } from './store-contract.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'ok';
}

/** Runs the newsroom contract against stores made by `open`. */
export function runNewsroomContract(name: string, open: () => Promise<Store>): void {
  describe(`newsroom store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(() => store.close());

    const story = (slug: string) =>
      store.stories.create({
        deskId: null,
        slug,
        date: null,
        headline: slug,
        standfirst: '',
        body: '',
        bodyHtml: '',
        topPhoto: null,
        status: 'live',
      });

    it('keeps submissions out of the story until approved, then publishes under the same id', async () => {
      const s = await story('submissions');
      const submitted = await store.submissions.create({
        storyId: s.id,
        content: content('From the field', {
          claimStatus: 'claimed',
          sources: [{ label: 'A', url: 'https://a.example/' }],
        }),
        author: 'Rana',
        authorKey: 'user:r1',
      });
      assert.equal(submitted.status, 'pending');
      assert.equal(await store.updates.countByStory(s.id), 0);
      assert.deepEqual(await store.events.listAfter(s.id, 0, 10), []);
      assert.deepEqual(
        (await store.submissions.listPending(s.id)).map((x) => x.id),
        [submitted.id],
      );

      const { update, event, submission } = await store.submissions.approve(
        submitted.id,
        { ...submitted.content, claimNote: 'Checked by the desk' },
        'Editor',
      );
      assert.equal(update.id, submitted.id);
      assert.equal(update.sequence, 1);
      assert.equal(update.author, 'Rana');
      assert.equal(update.claimNote, 'Checked by the desk');
      assert.equal(event.data.type, 'update');
      assert.equal(submission.decidedBy, 'Editor');
      assert.deepEqual(await store.submissions.listPending(s.id), []);
      assert.equal((await store.submissions.getById(submitted.id))?.status, 'approved');
    });

    it('publishes a submission once when two editors approve it at the same time', async () => {
      const s = await story('double-approve');
      const submitted = await store.submissions.create({
        storyId: s.id,
        content: content('Once'),
        author: 'Rana',
        authorKey: 'user:r1',
      });
      const codes = await Promise.all([
        codeOf(store.submissions.approve(submitted.id, submitted.content, 'A')),
        codeOf(store.submissions.approve(submitted.id, submitted.content, 'B')),
      ]);
      assert.deepEqual(codes.sort(), ['conflict', 'ok']);
      assert.equal(await store.updates.countByStory(s.id), 1);
    });

    it('rejects with a reason, and refuses to act on what is not pending', async () => {
      const s = await story('reject');
      const submitted = await store.submissions.create({
        storyId: s.id,
        content: content('Unsourced'),
        author: 'Rana',
        authorKey: 'user:r1',
      });
      const rejected = await store.submissions.close(submitted.id, 'rejected', 'Editor', 'No source');
      assert.equal(rejected.status, 'rejected');
      assert.equal(rejected.reason, 'No source');
      assert.equal(await codeOf(store.submissions.approve(submitted.id, submitted.content, 'E')), 'conflict');
      assert.equal(await codeOf(store.submissions.close('nope', 'withdrawn', 'E', '')), 'not_found');
      assert.equal(await store.updates.countByStory(s.id), 0);
    });

    it('keeps users by lower-cased email, refuses a taken one, and ends sessions', async () => {
      const user = await store.accounts.createUser({
        email: 'ed@example.org',
        name: 'Ed',
        role: 'editor',
        passwordHash: '$argon2id$fake',
      });
      assert.equal(
        await codeOf(
          store.accounts.createUser({
            email: 'ed@example.org',
            name: 'E2',
            role: 'admin',
            passwordHash: 'x',
          }),
        ),
        'conflict',
      );
      assert.equal((await store.accounts.findLogin('ED@example.org'))?.user.id, user.id);
      const limited = await store.accounts.changeUser(user.id, { desks: ['d1'], role: 'contributor' });
      assert.deepEqual([limited.role, limited.desks], ['contributor', ['d1']]);
      const now = new Date().toISOString();
      const later = new Date(Date.now() + 60_000).toISOString();
      await store.accounts.createSession({
        id: 's1',
        userId: user.id,
        secretHash: 'h1',
        csrfToken: 'c',
        expiresAt: later,
      });
      await store.accounts.createSession({
        id: 's2',
        userId: user.id,
        secretHash: 'h2',
        csrfToken: 'c',
        expiresAt: now,
      });
      assert.equal((await store.accounts.findSession('h1', now))?.user.email, 'ed@example.org');
      assert.equal(await store.accounts.findSession('h2', now), null, 'expired');
      await store.accounts.changeUser(user.id, { disabled: true });
      assert.equal(await store.accounts.findSession('h1', now), null, 'disabled');
      assert.equal(await store.accounts.deleteSessionsOf(user.id), 2);
    });

    it('edits only pending submissions, and lists an author’s own newest first', async () => {
      const s = await story('author-list');
      const first = await store.submissions.create({
        storyId: s.id,
        content: content('First'),
        author: 'Rana',
        authorKey: 'user:rana',
      });
      const other = await store.submissions.create({
        storyId: s.id,
        content: content('Not hers'),
        author: 'Omar',
        authorKey: 'user:omar',
      });
      const second = await store.submissions.create({
        storyId: s.id,
        content: content('Second'),
        author: 'Rana',
        authorKey: 'user:rana',
      });
      const edited = await store.submissions.edit(first.id, content('First, corrected'));
      assert.equal(edited.content.body, 'First, corrected');
      assert.equal((await store.submissions.getById(first.id))?.content.body, 'First, corrected');
      await store.submissions.close(second.id, 'rejected', 'Editor', 'Unsourced');
      assert.equal(await codeOf(store.submissions.edit(second.id, content('Too late'))), 'conflict');
      assert.equal(await codeOf(store.submissions.edit('nope', content('x'))), 'not_found');
      const mine = await store.submissions.listByAuthor(s.id, 'user:rana', 10);
      assert.deepEqual(
        mine.map((x) => [x.content.body, x.status, x.reason]),
        [
          ['Second', 'rejected', 'Unsourced'],
          ['First, corrected', 'pending', ''],
        ],
      );
      assert.deepEqual(
        (await store.submissions.listByAuthor(s.id, 'user:omar', 10)).map((x) => x.id),
        [other.id],
      );
    });

    it('finds what shows a photo, and deletes only its record', async () => {
      const s = await story('photo-refs');
      const photo = {
        id: 'photoref1',
        alt: 'Street',
        caption: '',
        credit: '',
        width: 480,
        height: 320,
        url: '/media/photoref1/480.jpg',
        variants: [{ width: 480, url: '/media/photoref1/480.jpg', type: 'image/jpeg' as const }],
        uploadedBy: 'Ed',
        createdAt: new Date().toISOString(),
      };
      await store.media.create(photo);
      await store.media.create({ ...photo, id: 'photoref10' });
      const { uploadedBy: _u, createdAt: _c, ...ref } = photo;
      assert.deepEqual(await store.media.findReferences('photoref1'), []);
      const { update } = await store.updates.create(s.id, content('With photo', { media: ref }), 'Ed');
      const pending = await store.submissions.create({
        storyId: s.id,
        content: content('Also', { media: ref }),
        author: 'R',
        authorKey: 'user:r',
      });
      await store.stories.patch(s.id, s.version, {
        topPhoto: { url: ref.url, alt: 'Street', caption: '', credit: '', mediaId: 'photoref1' },
      });
      const refs = await store.media.findReferences('photoref1');
      assert.deepEqual(
        refs.map((r) => [r.kind, r.id]).sort(),
        [
          ['story', s.id],
          ['submission', pending.id],
          ['update', update.id],
        ].sort(),
      );
      assert.deepEqual(
        await store.media.findReferences('photoref10'),
        [],
        'an id that extends another is not it',
      );
      assert.deepEqual(
        (await store.media.list(10))
          .map((m) => m.id)
          .filter((id) => id.startsWith('photoref'))
          .sort(),
        ['photoref1', 'photoref10'],
      );
      await store.media.delete('photoref10');
      assert.equal(await store.media.getById('photoref10'), null);
      assert.equal(await codeOf(store.media.delete('photoref10')), 'not_found');
    });

    it('keeps whether a password is an admin’s one-time one, through sign-in lookups', async () => {
      const user = await store.accounts.createUser({
        email: 'temp@example.org',
        name: 'Temp',
        role: 'contributor',
        passwordHash: '$argon2id$fake',
        passwordTemporary: true,
      });
      assert.equal(user.passwordTemporary, true);
      await store.accounts.createSession({
        id: 'st1',
        userId: user.id,
        secretHash: 'ht1',
        csrfToken: 'c',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const now = new Date().toISOString();
      assert.equal((await store.accounts.findSession('ht1', now))?.user.passwordTemporary, true);
      await store.accounts.changeUser(user.id, { passwordHash: '$argon2id$own', passwordTemporary: false });
      assert.equal((await store.accounts.findLogin('temp@example.org'))?.user.passwordTemporary, false);
      assert.equal((await store.accounts.findSession('ht1', now))?.user.passwordTemporary, false);
    });

    it('filters the audit log by actor or target, action or family, and time', async () => {
      await store.audit.record({
        actor: 'A',
        actorKey: 'user:a',
        action: 'login',
        target: 'a@x.org',
        detail: {},
      });
      await store.audit.record({
        actor: 'A',
        actorKey: 'user:a',
        action: 'update.publish',
        target: 'u1',
        detail: {},
      });
      await store.audit.record({
        actor: 'cli',
        actorKey: 'cli',
        action: 'user.role',
        target: 'a@x.org',
        detail: {},
      });
      await store.audit.record({
        actor: 'B',
        actorKey: 'user:b',
        action: 'update_x',
        target: 'u2',
        detail: {},
      });
      const actions = async (filter: Parameters<Store['audit']['list']>[0]) =>
        (await store.audit.list(filter)).map((e) => e.action);
      assert.deepEqual(await actions({ limit: 10, actor: 'user:a' }), ['update.publish', 'login']);
      assert.deepEqual(await actions({ limit: 10, actor: 'a@x.org' }), ['user.role', 'login']);
      assert.deepEqual(
        await actions({ limit: 10, action: 'update.' }),
        ['update.publish'],
        'a family, not LIKE',
      );
      assert.deepEqual(await actions({ limit: 10, action: 'login' }), ['login']);
      assert.deepEqual(await actions({ limit: 10, to: '2000-01-01T00:00:00.000Z' }), []);
      assert.equal((await actions({ limit: 10, from: '2000-01-01T00:00:00.000Z' })).length, 4);
    });
  });
}
