/** Where a story lives on the reader site: its path, the time zone its times are shown in, a short label. */
import { storyPath } from '../../domain/paths.ts';
import type { Desk, Story } from '../../domain/types.ts';

/** Time zone of stories that belong to no desk. */
export const DEFAULT_TIMEZONE = 'UTC';

/** A story's path, display time zone and short label (desk name for daily pages, else the headline). */
export interface StoryPlace {
  path: string;
  timezone: string;
  label: string;
}

/** Where `story` (of `desk`, if any) is shown. */
export function storyPlace(story: Story, desk: Desk | null): StoryPlace {
  return {
    path: storyPath(desk?.slug ?? null, story.slug),
    timezone: desk?.timezone ?? DEFAULT_TIMEZONE,
    label: desk !== null && story.date !== null ? desk.name : story.headline,
  };
}
