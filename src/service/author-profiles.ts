/**
 * Authors' public profiles: who may set one (an editor or admin their own; an admin anyone's), what
 * is kept (plain text, one line for the name and role, short paragraphs for the bio; the photo as a
 * snapshot of an upload, which the media pipeline already stripped of its metadata) and the audit entry.
 */
import { hasRole, requireActorRole, type Actor } from '../domain/actors.ts';
import { authorSlug, type AuthorProfile } from '../domain/authors.ts';
import { conflict, DomainError, invalid, notFound } from '../domain/errors.ts';
import type { MediaRef, User } from '../domain/types.ts';
import type { MediaService } from '../media/media-service.ts';
import type { Store } from '../store/store.ts';

/** Longest name, role and bio kept (the API's schema refuses longer ones first). */
export const PROFILE_LIMITS = { name: 100, jobTitle: 100, bio: 1000 } as const;

/** A profile as its owner (or an admin) sends it. */
export interface ProfileRequest {
  name: string;
  jobTitle?: string | undefined;
  bio?: string | undefined;
  /** An uploaded photo's id; null removes the photo; undefined keeps the one there is. */
  photoId?: string | null | undefined;
  /** The profile's `updatedAt` the form was filled from (null: none yet); a save since is refused. */
  updatedAt?: string | null | undefined;
}

/** Dependencies of the profile service. */
export interface AuthorProfileDeps {
  store: Store;
  media: MediaService;
}

/** Reads and writes authors' profiles under the rules above. */
export class AuthorProfileService {
  readonly #store: Store;
  readonly #media: MediaService;

  constructor(deps: AuthorProfileDeps) {
    this.#store = deps.store;
    this.#media = deps.media;
  }

  /** The user and their profile (null when they have none), for them or an admin. */
  async get(actor: Actor | null, userId: string): Promise<{ user: User; profile: AuthorProfile | null }> {
    const user = await this.#mayEdit(actor, userId);
    return { user, profile: await this.#store.authors.getProfile(userId) };
  }

  /** Creates or replaces the user's profile; its page is public from then on. */
  async save(actor: Actor | null, userId: string, request: ProfileRequest): Promise<AuthorProfile> {
    const user = await this.#mayEdit(actor, userId);
    const by = actor!;
    const name = oneLine(request.name);
    if (name === '') throw invalid('name', 'name: must not be empty');
    const slug = authorSlug(name);
    if (slug === '')
      throw invalid('name', 'name: must contain Latin letters or digits, which the page address is made of');
    const current = await this.#store.authors.getProfile(userId);
    // The owner and an admin may both change a page: one's save must not silently undo the other's.
    if (request.updatedAt !== undefined && request.updatedAt !== (current?.updatedAt ?? null))
      throw conflict('this author page was changed since you opened it: reload to see it', current);
    let photo: MediaRef | null = current?.photo ?? null;
    if (request.photoId === null) photo = null;
    else if (request.photoId !== undefined) {
      const ref = await this.#media.ref(request.photoId, 'photoId');
      photo = { ...ref, alt: name, caption: '', credit: ref.credit };
    }
    // The page lists every update bylined to its slug, and bylines are account names: a profile under
    // another name would put its owner's photo and bio over someone else's reporting.
    if (slug !== authorSlug(user.name))
      throw invalid(
        'name',
        `name: must be the byline of the account's updates (${user.name}); an admin renames the account`,
      );
    const profile = await this.#store.authors.saveProfile({
      userId,
      slug,
      name,
      jobTitle: oneLine(request.jobTitle ?? ''),
      bio: paragraphs(request.bio ?? ''),
      photo,
    });
    await this.#store.audit.record({
      actor: by.name,
      actorKey: by.key,
      action: 'profile.update',
      target: userId,
      detail: { slug, photo: photo?.id ?? null },
    });
    return profile;
  }

  /** The user, if `actor` is that user (an editor or admin) or an admin; 404 for an unknown user. */
  async #mayEdit(actor: Actor | null, userId: string): Promise<User> {
    const by = requireActorRole(actor, 'editor');
    const own = by.key === `user:${userId}`;
    if (!own && !hasRole(by.role, 'admin'))
      throw new DomainError('forbidden', "only an admin can change another person's profile");
    const user = await this.#store.accounts.getUser(userId);
    if (!user) throw notFound('user');
    return user;
  }
}

// Bidi overrides could make a name read backwards; other control characters have no place in a profile.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/** One line of plain text: controls and bidi overrides dropped, runs of white space made one space. */
function oneLine(text: string): string {
  return text
    .replace(BIDI, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain-text paragraphs: each cleaned to one line, separated by one blank line. */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map(oneLine)
    .filter(Boolean)
    .join('\n\n');
}
