/**
 * The fictional sample desk's address. Known here, below the sample seed, because creating the first
 * real desk archives it (service/live-blog.ts) so it never mixes with real reporting.
 */
export const SAMPLE_DESK_SLUG = 'sample-desk-kestria-daily';
