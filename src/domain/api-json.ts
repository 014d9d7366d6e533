/** JSON shapes of desks, stories and updates as the API returns them. */
import { storyPath, updateAnchor, updatePath } from './paths.ts';
import { bylineOf, type Desk, type Revision, type Story, type Submission, type Update } from './types.ts';

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
  return {
    ...rest,
    authors: bylineOf(update),
    status: 'published' as const,
    url: updatePath(storyUrl, update.id),
    anchor: `${storyUrl}#${updateAnchor(update.id)}`,
  };
}

/**
 * A submission in API responses: shaped like an update so clients handle both, with `status` telling
 * them apart and no sequence or URL until an editor approves it.
 */
export function submissionJson(submission: Submission) {
  const { content, ...rest } = submission;
  const status =
    submission.status === 'pending' && submission.publishAt !== null ? 'scheduled' : submission.status;
  return {
    ...content,
    ...rest,
    authors: bylineOf({ author: submission.author, authors: content.authors }),
    status,
    sequence: null,
    url: null,
    anchor: null,
  };
}

/** A revision in API responses. */
export function revisionJson(revision: Revision) {
  return revision;
}
