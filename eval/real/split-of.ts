/** The real-text set's dev / held-out split, fixed before any held-out result was seen. */
import { createHash } from 'node:crypto';

/** 50/50 by the first byte of sha256(id). */
export function splitOf(id: string): 'dev' | 'heldout' {
  const byte = createHash('sha256').update(id).digest()[0] ?? 0;
  return byte < 128 ? 'dev' : 'heldout';
}
