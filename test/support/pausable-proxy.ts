import net from 'node:net';

export type PausableProxy = {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Stops forwarding in both directions (bytes wait, nothing is closed): a network stall. */
  pause(): void;
  /** Forwards again, what waited first. */
  resume(): void;
  close(): Promise<void>;
};

/**
 * A TCP proxy on 127.0.0.1 that can be paused, to stall a database connection as a broken network does:
 * connections stay open, nothing arrives. Data is forwarded by hand (not `pipe`) so a paused side stays
 * paused whatever the other side does.
 */
export async function startPausableProxy(target: { host: string; port: number }): Promise<PausableProxy> {
  let paused = false;
  const sockets = new Set<net.Socket>();
  const links: { from: net.Socket; to: net.Socket; waiting: Buffer[] }[] = [];
  const forward = (from: net.Socket, to: net.Socket) => {
    const link = { from, to, waiting: [] as Buffer[] };
    links.push(link);
    from.on('data', (chunk: Buffer) => {
      if (paused || to.connecting) link.waiting.push(chunk);
      else to.write(chunk);
    });
    to.on('connect', () => flush(link));
    from.on('close', () => {
      links.splice(links.indexOf(link), 1);
      to.destroy();
    });
    from.on('error', () => to.destroy());
  };
  const flush = (link: (typeof links)[number]) => {
    if (paused || link.to.connecting || link.to.destroyed) return;
    for (const chunk of link.waiting.splice(0)) link.to.write(chunk);
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      for (const link of links) flush(link);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
