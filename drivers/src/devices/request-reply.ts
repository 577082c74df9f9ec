import { describeCause } from '../model/device-error';

/** How one request is sent and which reply answers it. */
export interface RequestOptions<T> {
  /** Writes the request; a failed write fails the request with the transport's error. */
  readonly send: () => Promise<void>;
  /** True for the reply that answers this request; other replies are left for listeners. */
  readonly accepts: (reply: T) => boolean;
  readonly timeoutMs: number;
  /** The error to fail with when no accepted reply arrives in time (names the device and the fix). */
  readonly timeoutError: () => Error;
}

/**
 * Request/reply over a serial link whose replies arrive as a stream (drawer status bytes, scale
 * readings): one request in flight at a time, so a reply is never matched to the wrong request, and
 * every request ends in its reply, its timeout or its write error.
 */
export class RequestReply<T> {
  #waiting: ((reply: T) => void) | undefined;
  #chain: Promise<unknown> = Promise.resolve();

  /** Hands a reply from the device to the request waiting for it, if any. */
  offer(reply: T): void {
    this.#waiting?.(reply);
  }

  /** Sends a request after the previous one has finished and resolves with its accepted reply. */
  request(options: RequestOptions<T>): Promise<T> {
    const run = (): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.#waiting = undefined;
          reject(options.timeoutError());
        }, options.timeoutMs);
        this.#waiting = (reply) => {
          if (!options.accepts(reply)) return;
          clearTimeout(timer);
          this.#waiting = undefined;
          resolve(reply);
        };
        options.send().catch((error: unknown) => {
          clearTimeout(timer);
          this.#waiting = undefined;
          reject(error instanceof Error ? error : new Error(describeCause(error)));
        });
      });
    const next = this.#chain.then(run, run);
    this.#chain = next.catch(() => undefined);
    return next;
  }
}
