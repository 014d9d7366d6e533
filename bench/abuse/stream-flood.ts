/**
 * Stream flood (issue 12, finding 2): opens live streams (story and site) from 40 loopback addresses
 * as fast as the attempt budget allows, holds every one it gets, and keeps retrying the refused ones,
 * ignoring Retry-After. Before the caps, such a client held streams until the server ran out of file
 * descriptors. The server runs with DATELINE_STREAMS_MAX=2000 here, standing in for a smaller
 * descriptor budget, so the total cap is reached too.
 */
import http from 'node:http';
import type { Attack, AttackContext } from './attack.ts';

const ADDRESSES = Array.from({ length: 40 }, (_, i) => `127.0.0.${i + 2}`);
/** New stream requests per second, all loops together: a determined client, not a request flood. */
const ATTEMPTS_PER_S = 400;

/** Stream flood from many loopback addresses. */
export const streamFlood: Attack = {
  name: 'stream-flood',
  description: 'holds as many live streams as it can from 40 addresses and retries refused ones',
  serverEnv: { DATELINE_STREAMS_MAX: '2000' },
  async run(ctx: AttackContext): Promise<string> {
    const urls = [`${ctx.baseUrl}/api/v1/stories/${ctx.story.id}/live`, `${ctx.baseUrl}/api/v1/live`];
    const open = new Set<http.ClientRequest>();
    let held = 0;
    let maxHeld = 0;
    let accepted = 0;
    let refused = 0;
    let errors = 0;
    let attempts = 0;
    // A shared budget of attempts, refilled every 50 ms.
    let budget = 0;
    const waiters: (() => void)[] = [];
    const refill = setInterval(() => {
      budget = ATTEMPTS_PER_S / 20;
      while (budget > 0 && waiters.length > 0) {
        budget--;
        waiters.shift()!();
      }
    }, 50);
    const turn = (): Promise<void> => {
      if (budget > 0) {
        budget--;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiters.push(resolve));
    };

    /** One stream attempt; resolves when the stream (or the refusal) is over. */
    const attempt = (i: number): Promise<void> =>
      new Promise((resolve) => {
        attempts++;
        const request = http.get(
          urls[i % urls.length]!,
          {
            localAddress: ADDRESSES[i % ADDRESSES.length],
            agent: false,
            headers: { accept: 'text/event-stream' },
          },
          (res) => {
            if (res.statusCode === 200) {
              accepted++;
              held++;
              maxHeld = Math.max(maxHeld, held);
              res.once('close', () => held--);
            } else if (res.statusCode === 429) {
              refused++;
            } else {
              errors++;
            }
            res.resume();
            res.once('close', () => resolve());
          },
        );
        open.add(request);
        request.once('error', () => {
          // Hanging up when the attack ends is not a failure.
          if (!ctx.signal.aborted) errors++;
          resolve();
        });
        request.once('close', () => {
          open.delete(request);
          resolve();
        });
      });

    const loop = async (i: number): Promise<void> => {
      while (!ctx.signal.aborted) {
        await turn();
        if (ctx.signal.aborted) return;
        await attempt(i);
      }
    };
    const stopAll = (): void => {
      for (const request of open) request.destroy();
      for (const wake of waiters.splice(0)) wake();
    };
    ctx.signal.addEventListener('abort', stopAll, { once: true });
    await Promise.all(Array.from({ length: ctx.limits.connections }, (_, i) => loop(i)));
    clearInterval(refill);
    return (
      `${attempts} stream requests; held up to ${maxHeld} at once (${accepted} accepted), ` +
      `${refused} refused with 429, ${errors} failed`
    );
  },
};
