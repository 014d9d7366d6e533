/** Times on reader pages: the desk's time zone with its abbreviation (see domain/time-format.ts, shared with the newsroom's browser code). */
export * from '../../domain/time-format.ts';
