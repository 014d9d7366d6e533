/**
 * The default cap on live streams, from the process's open-file limit. Here rather than in http/ so that
 * reading the configuration (every CLI command does) loads no HTTP module.
 */
import { readFileSync } from 'node:fs';

/** File descriptors kept back from streams by the default total cap. */
export const STREAM_FD_RESERVE = 1024;

/**
 * The default total: the process's open-file limit minus STREAM_FD_RESERVE (Linux reports it in
 * /proc/self/limits; Node has no API for it), at least 64; 10 000 where the limit cannot be read.
 */
export function defaultStreamTotal(limitsText?: string): number {
  let text = limitsText;
  try {
    text ??= readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return 10_000;
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
  if (soft === undefined) return 10_000;
  if (soft === 'unlimited') return 100_000;
  return Math.max(64, Number(soft) - STREAM_FD_RESERVE);
}
