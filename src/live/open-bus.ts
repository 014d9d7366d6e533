/** Chooses the live bus from a URL; only the chosen engine's client is loaded. */
import type { LiveEvent } from '../domain/types.ts';
import type { LiveBus } from './bus.ts';
import { IpcBus, type IpcChannel } from './ipc/ipc-bus.ts';
import { MemoryBus } from './memory/memory-bus.ts';
import type { RedisBusLogger } from './redis/redis-bus.ts';

/** What every bus may be given besides its URL. */
export interface OpenBusOptions {
  /**
   * Starts every key or subject, so several deployments can share one server. A `prefix` query
   * parameter in the URL (`redis://host/?prefix=dateline-eu`) takes precedence. Default `dateline`.
   */
  prefix?: string;
  /** Receives exceptions thrown by subscribers (and, on a network bus, entries that are not events). */
  onError?: (error: unknown, event: LiveEvent | undefined) => void;
  logger?: RedisBusLogger;
  /** In a worker of `dateline serve --workers N`: its channel to the primary, which links the workers. */
  ipc?: IpcChannel;
}

/**
 * Opens the bus `url` names: unset or empty means the in-process MemoryBus (one node), or the IpcBus
 * between the workers of one `serve --workers N` when `ipc` is given; `redis://…` or
 * `rediss://…` the Redis Streams bus for several nodes, resolved once connected. Anything else is
 * refused, and so is a Redis that cannot be reached (boot fails fast; later outages are ridden out).
 */
export async function openBus(url: string | undefined, options: OpenBusOptions = {}): Promise<LiveBus> {
  const onError = options.onError;
  if (url === undefined || url === '') {
    const handler =
      onError === undefined
        ? {}
        : { onError: (error: unknown, event: LiveEvent | undefined) => onError(error, event) };
    return options.ipc === undefined
      ? new MemoryBus(handler)
      : new IpcBus({ channel: options.ipc, ...handler });
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'redis' || scheme === 'rediss') {
    const parsed = new URL(url);
    const prefix = parsed.searchParams.get('prefix') ?? options.prefix;
    // ioredis reads query parameters as client options, so ours must not reach it.
    parsed.searchParams.delete('prefix');
    const { RedisBus } = await import('./redis/redis-bus.ts');
    return RedisBus.open({
      url: parsed.toString(),
      ...(prefix === undefined ? {} : { prefix }),
      ...(onError === undefined ? {} : { onError }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
  }
  // Name only the scheme: the rest of the URL may carry a password.
  const given = scheme === undefined ? 'has no scheme' : `has scheme "${scheme}:"`;
  throw new Error(
    `live bus URL ${given}; use redis://… or rediss://… for several nodes, or leave it unset for one node`,
  );
}
