// The one seam that keeps "no client sees what is not durable yet" for every handler, whatever it read
// and however many awaits it took: the response itself. A commit is visible on the SQLite connection
// before its fsync returns, and only one commit is in flight at a time, so if nothing of a response
// leaves while a commit's fsync runs, everything the handler read when it built the response is durable
// by the time the client gets it. The server gives each request its barrier (server.ts `barrierFor`):
// the CouchDB database routes wait only for a commit that touched their database, the others for any.
import { type IncomingMessage, ServerResponse } from 'node:http';

/** What a held response waits for: the running fsync, or undefined when none is running. */
export type DurabilityBarrier = () => Promise<void> | undefined;

type Variadic = (this: ServerResponse, ...args: unknown[]) => unknown;
/** The plain methods, called once a held response may go out. */
const plain = ServerResponse.prototype as unknown as Record<
  'writeHead' | 'flushHeaders' | 'write' | 'end',
  Variadic
>;

/** Counters of held responses (tests, diagnostics). */
export const durableResponseStats = { held: 0, refused: 0 };

/**
 * A `ServerResponse` (passed to `createServer`) that holds its head and body while a commit it may have
 * read is not yet durable. Without a barrier it is a plain `ServerResponse`. While held, `write` reports
 * no back-pressure and `headersSent` stays false; the calls replay in order once the fsync returns. If
 * that fsync fails, what the handler read may be lost, so the client gets a 503 naming the failure
 * instead (or a reset connection when the head had already gone out).
 */
export class DurableResponse<
  Request extends IncomingMessage = IncomingMessage,
> extends ServerResponse<Request> {
  barrier: DurabilityBarrier | undefined;
  private held: (() => unknown)[] | undefined;
  private replaying = false;

  override writeHead(...args: unknown[]): this {
    this.gate(() => plain.writeHead.apply(this, args));
    return this;
  }

  override flushHeaders(): void {
    this.gate(() => plain.flushHeaders.apply(this, []));
  }

  override write(...args: unknown[]): boolean {
    let flowing = true;
    this.gate(() => {
      flowing = plain.write.apply(this, args) as boolean;
    });
    return flowing;
  }

  override end(...args: unknown[]): this {
    this.gate(() => plain.end.apply(this, args));
    return this;
  }

  private gate(call: () => unknown): void {
    if (this.held) {
      this.held.push(call);
      return;
    }
    const pending = this.replaying ? undefined : this.barrier?.();
    if (!pending) {
      call();
      return;
    }
    durableResponseStats.held += 1;
    this.held = [call];
    void pending
      .then(
        () => this.replay(),
        (error: unknown) => this.refuse(error),
      )
      .catch(() => this.destroy());
  }

  private replay(): void {
    const calls = this.held ?? [];
    this.held = undefined;
    this.replaying = true;
    try {
      for (const call of calls) call();
    } catch {
      // A handler that answered twice (its error path after a held answer): the first answer stands;
      // the connection is cut only if that answer is incomplete.
      if (!this.writableEnded) this.destroy();
    } finally {
      this.replaying = false;
    }
  }

  private refuse(error: unknown): void {
    this.held = undefined;
    durableResponseStats.refused += 1;
    if (this.headersSent) {
      this.destroy();
      return;
    }
    const body = Buffer.from(
      JSON.stringify({
        error: 'service_unavailable',
        reason: error instanceof Error ? error.message : String(error),
      }) + '\n',
    );
    this.replaying = true;
    try {
      super.writeHead(503, {
        'Content-Type': 'application/json',
        'Content-Length': String(body.length),
        'Cache-Control': 'must-revalidate',
      });
      super.end(body);
    } finally {
      this.replaying = false;
    }
  }
}
