/**
 * The live bus between the worker processes of one `dateline serve --workers N`: each worker delivers
 * its own events at once, as the MemoryBus does, and sends them over its IPC channel to the primary,
 * which relays them to every other worker (`relayLiveEvents`). Workers share the database, so the hub's
 * usual gap filling from the EventLog covers anything that arrives out of order.
 */
import type { Cluster, Worker } from 'node:cluster';
import type { LiveEvent, PrivateEvent } from '../../domain/types.ts';
import { MemoryBus, type BusErrorHandler } from '../memory/memory-bus.ts';

const KIND = 'dateline:live-event';
const PRIVATE_KIND = 'dateline:private-event';

interface LiveEventMessage {
  kind: typeof KIND;
  event: LiveEvent;
}

interface PrivateEventMessage {
  kind: typeof PRIVATE_KIND;
  event: PrivateEvent;
}

/** The side of an IPC channel a worker has: its own `process`. */
export interface IpcChannel {
  connected: boolean;
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

function isLiveEventMessage(message: unknown): message is LiveEventMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === KIND;
}

function isPrivateEventMessage(message: unknown): message is PrivateEventMessage {
  return (
    typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === PRIVATE_KIND
  );
}

/** A worker's bus: local subscribers plus the other workers, through the primary. */
export class IpcBus extends MemoryBus {
  readonly #channel: IpcChannel;
  readonly #receive = (message: unknown): void => {
    if (isLiveEventMessage(message)) void super.publish(message.event);
    else if (isPrivateEventMessage(message)) void super.publishPrivate(message.event);
  };

  constructor(deps: { channel: IpcChannel; onError?: BusErrorHandler }) {
    super(deps.onError === undefined ? {} : { onError: deps.onError });
    this.#channel = deps.channel;
    this.#channel.on('message', this.#receive);
  }

  /** Delivers to this worker's subscribers, then hands the event to the primary for the others. */
  override async publish(event: LiveEvent): Promise<void> {
    await super.publish(event);
    // A worker whose primary is gone is shutting down; its own readers already have the event.
    if (this.#channel.connected) this.#channel.send({ kind: KIND, event } satisfies LiveEventMessage);
  }

  /** Delivers to this worker's private subscribers, then to the other workers' through the primary. */
  override async publishPrivate(event: PrivateEvent): Promise<void> {
    await super.publishPrivate(event);
    if (this.#channel.connected)
      this.#channel.send({ kind: PRIVATE_KIND, event } satisfies PrivateEventMessage);
  }

  /** Ready while the channel to the primary is open. */
  override isReady(): boolean {
    return super.isReady() && this.#channel.connected;
  }

  override async close(): Promise<void> {
    this.#channel.off('message', this.#receive);
    await super.close();
  }
}

/** In the primary: passes each worker's live and private events to every other worker. */
export function relayLiveEvents(cluster: Cluster): void {
  cluster.on('message', (from: Worker, message: unknown) => {
    if (!isLiveEventMessage(message) && !isPrivateEventMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker !== undefined && worker !== from && worker.isConnected()) worker.send(message);
    }
  });
}
