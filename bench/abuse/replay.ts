/**
 * Replay storm (issue 12, findings 1 and 4): 100 anonymous connections from 4 loopback addresses
 * ask for history over and over: the site stream from `since=0`, a story's stream from `since=0`,
 * and from a random `Last-Event-ID`. Each reads until the replay is over (no data for 100 ms, or a
 * `reload` event), hangs up and asks again. Before the fix every such connection re-read the log and
 * re-rendered every event on the server's main thread: ~100 of them stalled it for 10–16 s.
 */
import http from 'node:http';
import type { Attack, AttackContext } from './attack.ts';

const CONCURRENCY = 100;
const ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
/** A replay counts as over when nothing arrives for this long. */
const IDLE_MS = 100;

/** Replay storm. */
export const replay: Attack = {
  name: 'replay',
  description: '100 connections replaying the site and story history from the start, over and over',
  async run(ctx: AttackContext): Promise<string> {
    const open = new Set<http.ClientRequest>();
    let replays = 0;
    let reloads = 0;
    let refused = 0;
    let failed = 0;
    let bytes = 0;
    let frames = 0;
    const depth = Math.round(ctx.story.updates * 1.2);

    const once = (i: number): Promise<void> =>
      new Promise((resolve) => {
        const mode = i % 3;
        const story = `${ctx.baseUrl}/api/v1/stories/${ctx.story.id}/live`;
        const url =
          mode === 0 ? `${ctx.baseUrl}/api/v1/live?since=0` : mode === 1 ? `${story}?since=0` : story;
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (mode === 2) headers['last-event-id'] = String(Math.floor(Math.random() * depth));
        const request = http.get(
          url,
          { localAddress: ADDRESSES[i % ADDRESSES.length], agent: false, headers },
          (res) => {
            if (res.statusCode === 429) refused++;
            else if (res.statusCode !== 200) failed++;
            let idle: NodeJS.Timeout | undefined;
            const done = (): void => {
              clearTimeout(idle);
              request.destroy();
            };
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              bytes += chunk.length;
              frames += chunk.split('\n\n').length - 1;
              if (chunk.includes('event: reload')) {
                reloads++;
                done();
                return;
              }
              clearTimeout(idle);
              idle = setTimeout(done, IDLE_MS);
            });
            res.once('close', () => {
              clearTimeout(idle);
              if (res.statusCode === 200) replays++;
              resolve();
            });
          },
        );
        open.add(request);
        request.once('error', () => resolve());
        request.once('close', () => {
          open.delete(request);
          resolve();
        });
      });

    ctx.signal.addEventListener('abort', () => {
      for (const request of open) request.destroy();
    });
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        while (!ctx.signal.aborted) await once(i + Math.floor(Math.random() * 3));
      }),
    );
    return (
      `${replays} replays (${reloads} told to reload), ${frames} frames, ${(bytes / 1e6).toFixed(1)} MB received; ` +
      `${refused} refused, ${failed} failed`
    );
  },
};
