import { randomBytes, timingSafeEqual } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { HOST_SOCKET_PATH, serveHostCall, type SocketCall, type SocketMessage } from '@store-os/shared';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../host/content-security-policy';
import type { TerminalHost } from '../host/terminal-host';
import { contentTypeOf } from '../host/content-type';

/** What the browser-mode host needs: the running host, the built renderer, and where to listen. */
export interface BrowserHostOptions {
  readonly host: TerminalHost;
  readonly rendererDir: string;
  readonly port: number;
}

/** A running browser-mode host. `url` carries the token in its fragment, which browsers never send to servers. */
export interface BrowserHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Serves the built renderer and the host contract over a WebSocket on 127.0.0.1 only. A socket is
 * accepted only with this start's random token and only from the page this server served (Origin),
 * because any web page the machine visits may try to open a WebSocket to localhost.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  // Resolved once: a newer build switched in while this host runs must not mix its assets with the page's.
  const root = realpathSync(options.rendererDir);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let origin = '';
  // Computed per response: after an enrollment the page reloads and may connect to the enrolled server.
  const csp = () => {
    const syncServer = options.host.syncServerUrl();
    return contentSecurityPolicy({
      connect: [`ws://127.0.0.1:${port}`, ...(syncServer ? [syncServer] : [])],
    });
  };
  const server = createServer((req, res) => {
    serveStatic(root, req, res, csp()).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(`renderer file failed: ${String(error)}`);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!acceptUpgrade(req, socket, origin, token)) return;
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.host));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function acceptUpgrade(req: IncomingMessage, socket: Duplex, origin: string, token: string): boolean {
  const url = new URL(req.url ?? '/', origin);
  // Plain Uint8Arrays: every program that includes this file type-checks against node:crypto's signature.
  const given = new TextEncoder().encode(url.searchParams.get('token') ?? '');
  const expected = new TextEncoder().encode(token);
  const refuse = (status: string): false => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    return false;
  };
  if (url.pathname !== HOST_SOCKET_PATH) return refuse('404 Not Found');
  if (req.headers.origin !== origin) return refuse('403 Forbidden');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return refuse('401 Unauthorized');
  return true;
}

function serveSocket(ws: WebSocket, host: TerminalHost): void {
  const send = (message: SocketMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const removeSink = host.addSink((event, payload) => send({ kind: 'event', event, payload }));
  ws.on('close', removeSink);
  ws.on('message', (data: Buffer, isBinary) => {
    const call = parseCall(isBinary ? undefined : data.toString('utf8'));
    if (!call) {
      ws.close(1008, 'malformed message: expected {"id":number,"method":string,"payload":...}');
      return;
    }
    serveHostCall(host.handlers, call.method, call.payload).then(
      (result) => send({ kind: 'reply', id: call.id, result }),
      (error: unknown) =>
        send({
          kind: 'reply',
          id: call.id,
          result: { ok: false, error: { code: 'contract.host-failed', message: String(error) } },
        }),
    );
  });
}

function parseCall(text: string | undefined): SocketCall | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<SocketCall> | null;
    if (value && Number.isSafeInteger(value.id) && typeof value.method === 'string') {
      return { id: value.id as number, method: value.method, payload: value.payload };
    }
  } catch {
    // falls through to "malformed"
  }
  return undefined;
}

async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  csp: string,
): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const path = normalize(join(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
  if (req.method !== 'GET' || !path.startsWith(root + sep)) {
    res.writeHead(404).end();
    return;
  }
  const body = await readFile(path).catch(() => undefined);
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}`);
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(path),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}
