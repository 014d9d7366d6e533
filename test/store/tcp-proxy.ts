/** A loopback TCP proxy that can stop passing bytes, to make a server look hung without stopping it. */
import { createConnection, createServer, type Socket } from 'node:net';

/** A running proxy: connect to `port`; `hold()` stops traffic (buffering it), `release()` lets it flow. */
export interface TcpProxy {
  port: number;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port forwarding to `host:port`. */
export async function createTcpProxy(host: string, port: number): Promise<TcpProxy> {
  let held = false;
  const waiting: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => {
      if (held) waiting.push(() => to.write(chunk));
      else to.write(chunk);
    });
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    const upstream = createConnection({ host, port });
    sockets.add(client).add(upstream);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    hold() {
      held = true;
    },
    release() {
      held = false;
      for (const write of waiting.splice(0)) write();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
