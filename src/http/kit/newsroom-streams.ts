/**
 * The newsroom's own event streams (the submissions queue, enrichment suggestions): opened, kept alive,
 * ended when the user's credentials lapse and closed at shutdown in one way. Readers' streams are the
 * SSE hub's (live/sse-hub.ts), with caps and replay these do not need.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../domain/types.ts';
import { createCommentFrame } from '../../live/sse-frame.ts';
import type { LiveBus } from '../../live/bus.ts';
import type { Store } from '../../store/store.ts';
import { endWhenCredentialsLapse } from '../auth.ts';

// Comment frames keep proxies from closing a quiet stream.
const HEARTBEAT_MS = 20_000;

export interface NewsroomStreams {
  /**
   * Takes over `reply` as an event stream named `name` for a user who keeps at least `role`. The
   * caller adds its own cleanup with `res.on('close', …)`.
   */
  start(request: FastifyRequest, reply: FastifyReply, name: string, role: Role): ServerResponse;
}

export function newsroomStreams(
  app: FastifyInstance,
  store: Store,
  bus: Pick<LiveBus, 'subscribePrivate'>,
): NewsroomStreams {
  // Open streams end when the server closes, so shutdown does not wait out its grace period for them.
  const open = new Set<ServerResponse>();
  app.addHook('preClose', (done) => {
    for (const res of open) res.end();
    done();
  });
  return {
    start(request, reply, name, role) {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      });
      res.write(createCommentFrame(name));
      open.add(res);
      const heartbeat = setInterval(() => res.write(createCommentFrame('heartbeat')), HEARTBEAT_MS);
      endWhenCredentialsLapse(store, bus, request, res, role);
      res.on('close', () => {
        open.delete(res);
        clearInterval(heartbeat);
      });
      return res;
    },
  };
}
