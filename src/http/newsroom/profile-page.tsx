/**
 * /newsroom/profile: an editor or admin sets the author profile readers see at /authors/{slug} (name as
 * bylined, role, short bio, photo). Admins open anyone's with ?user=ID (from the users page). The
 * form saves through PUT /api/v1/users/{id}/profile (web/newsroom/profile.ts), which checks who may.
 */
import type { FastifyInstance } from 'fastify';
import type { JSX } from 'preact';
import { z } from 'zod';
import { authorPath, type AuthorProfile } from '../../domain/authors.ts';
import { hasRole } from '../../domain/actors.ts';
import type { User } from '../../domain/types.ts';
import { PROFILE_LIMITS } from '../../service/author-profiles.ts';
import type { Store } from '../../store/store.ts';
import type { Assets } from '../assets/build-assets.ts';
import { authenticate } from '../auth.ts';
import { sendNewsroomPage } from './send-page.tsx';

/** What the profile page needs. */
export interface ProfilePageDeps {
  store: Store;
  assets: Assets;
}

const Query = z.object({ user: z.string().max(64).optional() });

function ProfileForm(props: { user: User; profile: AuthorProfile | null; own: boolean }): JSX.Element {
  const { user, profile, own } = props;
  const photo = profile?.photo;
  const thumb = photo?.variants.find((v) => v.type === 'image/jpeg')?.url ?? photo?.url;
  return (
    <section class="nr-profile" aria-labelledby="profile-title">
      <h1 id="profile-title">{own ? 'Your author page' : `Author page of ${user.name}`}</h1>
      <p>
        Readers see this at{' '}
        {profile ? <a href={authorPath(profile.slug)}>{authorPath(profile.slug)}</a> : '/authors/your-name'},
        with every published update bylined to this name. Saving makes it public.
      </p>
      <form
        class="nr-profile-form"
        data-profile-user={user.id}
        data-profile-updated={profile?.updatedAt ?? ''}
      >
        <label class="nr-field">
          <span>Name, as bylined</span>
          <input name="name" required maxLength={PROFILE_LIMITS.name} value={profile?.name ?? user.name} />
        </label>
        <label class="nr-field">
          <span>Role</span>
          <input
            name="jobTitle"
            maxLength={PROFILE_LIMITS.jobTitle}
            value={profile?.jobTitle ?? ''}
            placeholder="Kyiv correspondent"
          />
        </label>
        <label class="nr-field">
          <span>Short bio</span>
          <textarea name="bio" rows={5} maxLength={PROFILE_LIMITS.bio}>
            {profile?.bio ?? ''}
          </textarea>
          <small>Plain text; a blank line starts a new paragraph.</small>
        </label>
        <div class="nr-profile-photo">
          {thumb !== undefined && <img src={thumb} alt="" width={96} height={96} data-profile-thumb="" />}
          <label class="nr-field">
            <span>Photo</span>
            <input type="file" name="photo" accept="image/jpeg,image/png,image/webp,image/avif" />
            <small>A portrait; location data is removed when it is uploaded.</small>
          </label>
          {photo && (
            <label>
              <input type="checkbox" name="removePhoto" /> Remove the photo
            </label>
          )}
        </div>
        <button type="submit" class="nr-primary">
          Save profile
        </button>
        <p class="nr-status" role="status" />
      </form>
    </section>
  );
}

/** Registers /newsroom/profile. */
export async function registerProfilePage(app: FastifyInstance, deps: ProfilePageDeps): Promise<void> {
  const { store, assets } = deps;
  app.get('/newsroom/profile', async (request, reply) => {
    const principal = await authenticate(store, request).catch(() => null);
    if (!principal?.userId) return reply.redirect('/newsroom/login', 303);
    const chrome = {
      css: [assets.url('reader.css'), assets.url('newsroom.css')],
      js: assets.url('newsroom.js'),
      user: { name: principal.name, role: principal.role },
      csrfToken: principal.csrfToken ?? null,
    };
    const notAllowed = (status: number, text: string) =>
      sendNewsroomPage(reply, status, 'Author page', chrome, <p class="nr-error">{text}</p>);
    const query = Query.safeParse(request.query);
    const userId = (query.success ? query.data.user : undefined) ?? principal.userId;
    const own = userId === principal.userId;
    if (!hasRole(principal.role, own ? 'editor' : 'admin'))
      return notAllowed(
        403,
        own
          ? 'Author pages are for editors and admins.'
          : 'Only an admin can change another person’s author page.',
      );
    const user = await store.accounts.getUser(userId);
    if (!user) return notAllowed(404, 'There is no such user.');
    const profile = await store.authors.getProfile(userId);
    return sendNewsroomPage(
      reply,
      200,
      'Author page',
      chrome,
      <ProfileForm user={user} profile={profile} own={own} />,
    );
  });
}
