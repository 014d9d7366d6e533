// Piscina's worker imports this file, not feed-parse-worker.ts: sources are TypeScript run through tsx,
// which bin/dateline.js registers in the main thread only, and a worker thread has its own module loader.
// So this registers tsx in the worker (once per worker, not per feed) and hands Piscina the real handler.
import { register } from 'tsx/esm/api';

register();
const { parseFeedDocument } = await import('./feed-parse-worker.ts');
export default parseFeedDocument;
