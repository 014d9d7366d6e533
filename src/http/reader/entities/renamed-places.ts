/**
 * Where a place's page went when editors renamed it (its slug follows its displayed name). Read from
 * the audit log's `place.renamed` entries, which keep the slug renamed, the new name and the country,
 * following renames of renames. Asked only when a place slug finds no page, and the renames are kept
 * for a few seconds, so a run of unknown slugs costs one read of the log.
 */
import { slugify } from '../../../domain/slug.ts';
import type { Store } from '../../../store/store.ts';

const KEEP_MS = 5_000;
// Renames are rare; far more than any deployment makes.
const MOST_READ = 5000;

/** A function giving a renamed place's current slug, or null when `slug` was never renamed. */
export function renamedPlaces(store: Store): (slug: string) => Promise<string | null> {
  let known: { at: number; moves: Map<string, string> } | null = null;
  const moves = async (): Promise<Map<string, string>> => {
    if (known !== null && Date.now() - known.at < KEEP_MS) return known.moves;
    const entries = await store.audit.list({ limit: MOST_READ, action: 'place.renamed' });
    const map = new Map<string, string>();
    // Newest first: a slug renamed twice (renamed back, then again) goes where it went last.
    for (const { target, detail } of entries) {
      const { from, to, country } = detail as { from?: unknown; to?: unknown; country?: unknown };
      if (map.has(target) || typeof from !== 'string' || typeof to !== 'string') continue;
      // A country's slug is its name alone; any other place's adds its country.
      const next = target === slugify(from) ? slugify(to) : slugify(`${to} ${String(country)}`);
      if (next !== target) map.set(target, next);
    }
    known = { at: Date.now(), moves: map };
    return map;
  };
  return async (slug) => {
    const map = await moves();
    let current = slug;
    for (let hop = 0; hop < 20 && map.has(current); hop++) current = map.get(current)!;
    return current === slug ? null : current;
  };
}
