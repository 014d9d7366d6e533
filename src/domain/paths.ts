/** Reader-site paths of desks, stories and updates; one place so links never disagree. */

/** Path of a desk's page. */
export function deskPath(deskSlug: string): string {
  return `/${deskSlug}`;
}

/** Path of a story's reader page: under its desk, or under /stories for standalone ones. */
export function storyPath(deskSlug: string | null, storySlug: string): string {
  return deskSlug === null ? `/stories/${storySlug}` : `/${deskSlug}/${storySlug}`;
}

/** Anchor id of an update within its story page. */
export function updateAnchor(updateId: string): string {
  return `update-${updateId}`;
}

/** Standalone permalink page of one update. */
export function updatePath(storyPathname: string, updateId: string): string {
  return `${storyPathname}/updates/${updateId}`;
}
