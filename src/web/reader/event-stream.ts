/** The reader pages' Server-Sent Events connection, shared by the live page and the map. */

const MAX_BACKOFF_MS = 30_000;

/** Handlers by event type. */
export type Handlers = Record<string, (data: Record<string, unknown>) => void>;

/**
 * Opens an EventSource and keeps it open. The browser retries on its own (sending Last-Event-ID); when
 * it gives up (readyState CLOSED, e.g. after an HTTP error) we reconnect with exponential backoff and
 * jitter so a restarted server is not hit by every reader at once.
 */
export function openStream(url: (lastId: string | null) => string, handlers: Handlers): void {
  let attempt = 0;
  let lastId: string | null = null;
  const connect = (): void => {
    const source = new EventSource(url(lastId));
    source.onopen = () => {
      attempt = 0;
    };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
      attempt += 1;
      window.setTimeout(connect, ceiling / 2 + (Math.random() * ceiling) / 2);
    };
    for (const [type, handler] of Object.entries(handlers)) {
      source.addEventListener(type, (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId !== '') lastId = message.lastEventId;
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        if (data !== null && typeof data === 'object') handler(data as Record<string, unknown>);
      });
    }
  };
  connect();
}
