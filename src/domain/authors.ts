/**
 * Authors as readers meet them: every byline name links to `/authors/{slug}`, the page of whoever
 * writes under that name. A page exists when a public update carries the byline or a newsroom user
 * published a profile under it (see http/reader/authors/author-page.tsx).
 */
import { slugify } from './slug.ts';
import { bylineOf, type MediaRef, type Update } from './types.ts';

/** A newsroom user's public profile: the name they are bylined under, their role, bio and photo. */
export interface AuthorProfile {
  userId: string;
  /** slugify(name): the page's address and what bylines are matched on. */
  slug: string;
  name: string;
  /** What they do, as readers see it: "Kyiv correspondent". */
  jobTitle: string;
  /** A short plain-text bio; blank lines separate paragraphs. */
  bio: string;
  photo: MediaRef | null;
  updatedAt: string;
}

/** The address of an author's page. */
export function authorPath(slug: string): string {
  return `/authors/${slug}`;
}

/** The slug a byline name links to, or '' when the name has no letters or digits a URL can carry. */
export function authorSlug(name: string): string {
  return slugify(name);
}

/** The distinct author slugs of an update's byline (names without a slug are left out). */
export function bylineSlugs(update: Pick<Update, 'author' | 'authors'>): string[] {
  return [...new Set(bylineOf(update).map(authorSlug))].filter((slug) => slug !== '');
}
