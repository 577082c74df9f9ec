// A webhook receiver for tests: a real HTTP server on 127.0.0.1 that records each request (headers,
// raw body) and answers with whatever status the test scripts, or holds the request open.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** A scripted receiver; `respond` picks the status of each request (or 'hold' to never answer). */
export class WebhookReceiver {
  readonly received: Received[] = [];
  respond: (n: number, body: string) => number | 'hold' = () => 200;
  private server: Server | undefined;
  private readonly held: (() => void)[] = [];
  url = '';

  async start(port = 0): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Uint8Array[] = [];
      req.on('data', (c: Uint8Array) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answer = this.respond(this.received.length, body);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
        this.received.push({ headers, body, status: answer === 'hold' ? 0 : answer });
        if (answer === 'hold') {
          this.held.push(() => res.writeHead(200).end());
          return;
        }
        res.writeHead(answer, { 'Content-Type': 'text/plain' }).end(answer < 300 ? 'ok' : 'receiver broken');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Answers every held request. */
  release(): void {
    for (const done of this.held.splice(0)) done();
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Waits (bounded) until `check` holds; throws with `what` if it never does. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
