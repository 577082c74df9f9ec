import { DeviceError } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
import type { ByteTransport } from './byte-transport';

/** Connection lifecycle of a device link, for status events and health checks. */
export interface LinkEvents extends Record<string, unknown> {
  data: Uint8Array;
  connected: { attempt: number };
  disconnected: { error: Error };
}

/**
 * Keeps a transport open: after an unexpected close it reopens with exponential backoff until
 * `close()` is called. Writes while disconnected fail at once with a DeviceError naming the device,
 * so the layer above (the print queue) decides what to resend.
 */
export class ReconnectingTransport {
  readonly events = new TypedEmitter<LinkEvents>();
  #stopped = true;
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #lastError: Error | undefined;

  constructor(
    readonly inner: ByteTransport,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {
    inner.onData((chunk) => this.events.emit('data', chunk));
    inner.onClosed(({ error }) => {
      if (this.#stopped || !error) return;
      this.#lastError = error;
      this.events.emit('disconnected', { error });
      this.schedule();
    });
  }

  get description(): string {
    return this.inner.description;
  }
  get isOpen(): boolean {
    return this.inner.isOpen;
  }
  /** Why the link is down, when it is. */
  get lastError(): Error | undefined {
    return this.isOpen ? undefined : this.#lastError;
  }

  /** First connection: fails fast with the transport's error, so misconfiguration is reported at open. */
  async open(): Promise<void> {
    this.#stopped = false;
    this.#attempt = 0;
    await this.inner.open();
    this.events.emit('connected', { attempt: 0 });
  }

  private schedule(): void {
    clearTimeout(this.#timer);
    const delay = backoffDelay(this.policy, this.#attempt);
    this.#timer = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    if (this.#stopped) return;
    this.#attempt += 1;
    try {
      await this.inner.open();
      if (this.#stopped) {
        await this.inner.close();
        return;
      }
      const attempt = this.#attempt;
      this.#attempt = 0;
      this.events.emit('connected', { attempt });
    } catch (error) {
      this.#lastError = error instanceof Error ? error : new Error(String(error));
      this.schedule();
    }
  }

  /** Resolves when connected, or rejects after `timeoutMs` with the last connection error. */
  async waitConnected(timeoutMs: number): Promise<void> {
    if (this.isOpen) return;
    try {
      await this.events.once('connected', timeoutMs);
    } catch {
      const cause = this.#lastError?.message ?? 'no connection';
      throw new DeviceError(
        'transport.unreachable',
        this.description,
        `not reachable for ${timeoutMs} ms (${cause}).`,
        {},
        { cause: this.#lastError },
      );
    }
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.inner.write(bytes);
  }

  async close(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.inner.close();
  }
}
