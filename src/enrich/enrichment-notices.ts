/**
 * Tells this process's open newsroom pages that an update's enrichment was stored. In-process only:
 * pages connected to another node learn of it from the live bus event that caused it (see
 * http/api/suggestion-live.ts).
 */

/** An update's enrichment was stored. */
export interface EnrichmentNotice {
  storyId: string;
  updateId: string;
  updateVersion: number;
}

/** Subscribers by story. */
export class EnrichmentNotices {
  readonly #byStory = new Map<string, Set<(notice: EnrichmentNotice) => void>>();

  /** Calls `handler` for each notice about `storyId`; returns a function that stops it. */
  subscribe(storyId: string, handler: (notice: EnrichmentNotice) => void): () => void {
    let set = this.#byStory.get(storyId);
    if (!set) {
      set = new Set();
      this.#byStory.set(storyId, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.#byStory.delete(storyId);
    };
  }

  /** Delivers a notice to the story's subscribers; one that throws does not stop the others. */
  emit(notice: EnrichmentNotice): void {
    for (const handler of this.#byStory.get(notice.storyId) ?? []) {
      try {
        handler(notice);
      } catch {
        // A page that went away mid-write; its stream cleans itself up.
      }
    }
  }
}
