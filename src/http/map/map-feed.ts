/**
 * `/map/live`: open map pages hear of markers as they change, pushed from the live bus on every node.
 *
 * An update's place is known only once it is enriched, so the feed listens to the newsroom-private
 * `enriched` event (whichever node enriched it; see live/bus.ts) and to the public `delete` and `story`
 * events. It re-reads what it announces from the store and sends only what a reload of the map would
 * show: a published update of a live or ended story, with its located place. An update that is
 * deleted, or in a draft story, is never sent; its id goes out only as an `unmark` once it had been
 * public (a deletion is on the public site stream too).
 *
 * One subscription per node, one store read per event (only while maps are open), the result filtered
 * per connection: each page has its own filters.
 */
import type { ServerResponse } from 'node:http';
import type { LiveEvent, PrivateEvent } from '../../domain/types.ts';
import type { LiveBus } from '../../live/bus.ts';
import { createCommentFrame, createSseFrame } from '../../live/sse-frame.ts';
import type { Store } from '../../store/store.ts';
import type { MapMarkerFrame } from '../../web/shared/wire.ts';
import { iconOf } from './map-view.tsx';
import { locateUpdates, type LocatedUpdate, type MapFilter } from './located-updates.ts';

// Comment frames keep proxies from closing a quiet stream.
const HEARTBEAT_MS = 20_000;

interface MapConnection {
  res: ServerResponse;
  filter: MapFilter;
}

/** The markers' part of the wire: public fields only, and the projected point. */
export function markerFrame(u: LocatedUpdate, point: [number, number]): MapMarkerFrame {
  return {
    id: u.updateId,
    storyId: u.storyId,
    url: u.url,
    headline: u.headline,
    publishedAt: u.publishedAt,
    day: u.day,
    claimStatus: u.claimStatus,
    eventType: u.eventType,
    icon: iconOf(u.eventType),
    place: u.place.name,
    admin1: u.place.admin1 !== undefined && u.place.admin1 !== u.place.name ? u.place.admin1 : null,
    x: point[0],
    y: point[1],
  };
}

export class MapFeed {
  readonly #store: Store;
  readonly #project: (lon: number, lat: number) => [number, number] | null;
  readonly #conns = new Set<MapConnection>();
  readonly #stop: (() => void)[];
  readonly #heartbeat: NodeJS.Timeout;
  /** One event at a time, in bus order: a deletion is never overtaken by an earlier enrichment's read. */
  #queue: Promise<void> = Promise.resolve();

  constructor(deps: {
    bus: LiveBus;
    store: Store;
    project: (lon: number, lat: number) => [number, number] | null;
    onError: (error: unknown) => void;
  }) {
    this.#store = deps.store;
    this.#project = deps.project;
    const run = (task: () => Promise<void>) => {
      if (this.#conns.size === 0) return;
      this.#queue = this.#queue.then(task).catch(deps.onError);
    };
    this.#stop = [
      deps.bus.subscribePrivate((event: PrivateEvent) => {
        if (event.kind === 'enriched') run(() => this.#enriched(event.updateId));
        // A layer drawn, revised or deleted: the maps showing its desk reload their layers.
        else if (event.kind === 'layer') run(() => this.#layer(event.deskId));
      }),
      deps.bus.subscribe((event: LiveEvent) => {
        const { data } = event;
        if (data.type === 'delete') run(async () => this.#send(() => 'unmark', { id: data.update.id }));
        // A story taken back to draft leaves the map; its id was public while it was live.
        else if (data.type === 'story' && data.story.status === 'draft')
          run(async () => this.#send(() => 'unmark-story', { storyId: event.storyId }));
      }),
    ];
    this.#heartbeat = setInterval(() => {
      for (const { res } of this.#conns) res.write(createCommentFrame('heartbeat'));
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Streams marker changes passing `filter` to `res` (already hijacked) until it closes. */
  attach(res: ServerResponse, filter: MapFilter): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    res.write(createCommentFrame('map'));
    const conn = { res, filter };
    this.#conns.add(conn);
    res.on('close', () => this.#conns.delete(conn));
  }

  /** Open connections, for tests. */
  get size(): number {
    return this.#conns.size;
  }

  close(): void {
    for (const stop of this.#stop) stop();
    clearInterval(this.#heartbeat);
    for (const { res } of this.#conns) res.end();
    this.#conns.clear();
  }

  async #enriched(updateId: string): Promise<void> {
    const update = await this.#store.updates.getById(updateId);
    // Deleted or never public: nothing about it goes out (a deletion sends its own `unmark`).
    if (update === null || update.deletedAt !== null) return;
    const [story, enrichment] = await Promise.all([
      this.#store.stories.getById(update.storyId),
      this.#store.enrichments.get(updateId),
    ]);
    if (story === null || story.status === 'draft' || enrichment === null) return;
    const desk = story.deskId === null ? null : await this.#store.desks.getById(story.deskId);
    const enriched = [{ enrichment, update, story, desk }];
    this.#send(
      (filter) => {
        if (filter.desk !== undefined && filter.desk !== desk?.slug) return null;
        const [located] = locateUpdates(enriched, filter);
        const point = located && this.#project(located.place.lon, located.place.lat);
        if (located === undefined || point === null || point === undefined) return 'unmark';
        return markerFrame(located, point);
      },
      { id: updateId },
    );
  }

  async #layer(deskId: string): Promise<void> {
    const desk = await this.#store.desks.getById(deskId);
    if (desk === null) return;
    const frame = createSseFrame({ event: 'layers', data: JSON.stringify({ desk: desk.slug }) });
    for (const { res, filter } of this.#conns)
      if (filter.desk === undefined || filter.desk === '' || filter.desk === desk.slug) res.write(frame);
  }

  /**
   * Sends to each connection what `decide` says for its filter: a marker, an `unmark`/`unmark-story`
   * with `ids`, or nothing (null). Frames are built once per distinct answer.
   */
  #send(
    decide: (filter: MapFilter) => MapMarkerFrame | 'unmark' | 'unmark-story' | null,
    ids: Record<string, string>,
  ): void {
    const built = new Map<string, Buffer>();
    for (const { res, filter } of this.#conns) {
      const answer = decide(filter);
      if (answer === null) continue;
      // Every marker answer of one event is the same update: one frame each kind.
      const kind = typeof answer === 'string' ? answer : 'marker';
      let frame = built.get(kind);
      if (frame === undefined) {
        frame = createSseFrame({ event: kind, data: JSON.stringify(kind === 'marker' ? answer : ids) });
        built.set(kind, frame);
      }
      res.write(frame);
    }
  }
}
