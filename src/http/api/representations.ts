/** JSON shapes of desks, stories and updates as the API returns them. */
import { storyPath, updateAnchor, updatePath } from '../../domain/paths.ts';
import type { Desk, Revision, Story, Update } from '../../domain/types.ts';

/** A desk in API responses. */
export function deskJson(desk: Desk) {
  return { ...desk, url: `/${desk.slug}` };
}

/** A story in API responses; `url` is the reader page's absolute path. */
export function storyJson(story: Story, deskSlug: string | null) {
  return { ...story, desk: deskSlug, url: storyPath(deskSlug, story.slug) };
}

/** An update in API responses; `url` is its permalink page, `anchor` its place on the story page. */
export function updateJson(update: Update, storyUrl: string) {
  const { deletedAt: _deletedAt, ...rest } = update;
  return { ...rest, url: updatePath(storyUrl, update.id), anchor: `${storyUrl}#${updateAnchor(update.id)}` };
}

/** A revision in API responses. */
export function revisionJson(revision: Revision) {
  return revision;
}
