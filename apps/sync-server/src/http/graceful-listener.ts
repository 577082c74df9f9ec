// The HTTP listener both server modes use: keep-alive for browsers and replicators, a deep accept
// backlog for a fleet reconnecting at once, and a shutdown that stops accepting, lets the requests in
// flight finish (at most 10 s) and only then closes what is left.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DurableResponse } from './durable-response';

/**
 * A fleet reconnecting at once (a store's network back, a server restart) opens hundreds of connections
 * in a burst; Node's default backlog of 511 overflowed at 200 terminals, and a dropped SYN costs the
 * client a 1-3 s retransmit.
 */
export const LISTEN_BACKLOG = 4096;
/** How long a shutdown waits for requests in flight before closing their connections. */
export const DRAIN_TIMEOUT_MS = 10_000;

/** A listening server and its graceful stop. */
export interface GracefulListener {
  readonly server: Server;
  readonly port: number;
  /**
   * Stops accepting, runs `closing` (e.g. to end live feeds so they answer now), closes idle
   * connections, waits for the requests in flight (at most {@link DRAIN_TIMEOUT_MS}), then closes the rest.
   */
  stop(closing?: () => void): Promise<void>;
}

/** Listens on `host:port` (port 0: one the system picks) and hands each request to `onRequest`. */
export async function listenGracefully(
  options: { port: number; host: string },
  onRequest: (req: IncomingMessage, res: DurableResponse) => void,
): Promise<GracefulListener> {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer({ keepAlive: true, ServerResponse: DurableResponse }, (req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    onRequest(req, res);
  });
  // Longer than the usual 60 s idle timeout of clients and proxies, so the server never closes a
  // connection a client is about to reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    async stop(closing) {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      closing?.();
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((r) => (drained = r)),
          new Promise((r) => (timer = setTimeout(r, DRAIN_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await stopped;
    },
  };
}
