/**
 * The JSON the server sends to browser code, defined once: the server's formatters and the browser's
 * clients import these types (type-only, so nothing of either side is bundled into the other).
 * Enrichment payloads are defined beside the code that makes them and named here.
 */

import type { ClaimStatus } from '../../domain/types.ts';

export type { SuggestionField, SuggestionItem, Suggestions } from '../../enrich/suggestions.ts';
export type { NameCandidate, PlaceCandidate } from '../../enrich/types.ts';

/** `update` frame on a story's stream: the article as the page renders it. */
export interface LiveUpdateFrame {
  id: string;
  sequence: number;
  pinned: boolean;
  keyEvent: boolean;
  /** The `<article>` of the update, rendered and sanitised by the server. */
  html: string;
}

/** `story` frame on a story's stream: the header changed. */
export interface LiveStoryFrame {
  headline: string;
  standfirst: string;
  bodyHtml: string;
  status: 'draft' | 'live' | 'ended';
}

/** `delete` frame on a story's stream. */
export interface LiveDeleteFrame {
  id: string;
}

/** `update` frame on the site stream (the LATEST rail): the rail item of a live story's update. */
export interface SiteUpdateFrame {
  id: string;
  storyId: string;
  html: string;
}

/** `delete` frame on the site stream. */
export interface SiteDeleteFrame {
  id: string;
  storyId: string;
}

/** An `application/problem+json` answer of the API, as the newsroom reads it. */
export interface Problem {
  status: number;
  detail?: string;
  field?: string;
  /** On a version conflict: the current state, for the merge view. */
  current?: Record<string, unknown>;
}

/**
 * `marker` frame on the map's stream (/map/live): a located public update, at its point in the
 * map's coordinate space. `unmark` frames carry `{ id }`, `unmark-story` frames `{ storyId }`.
 */
export interface MapMarkerFrame {
  id: string;
  storyId: string;
  url: string;
  headline: string;
  publishedAt: string;
  /** Publication day in the desk's time zone. */
  day: string;
  claimStatus: ClaimStatus;
  eventType: string | null;
  /** The event icon's symbol (`#e-{icon}`), '' for none. */
  icon: string;
  place: string;
  /** The place's region, when it is not the place itself. */
  admin1: string | null;
  x: number;
  y: number;
}
