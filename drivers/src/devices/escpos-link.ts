import { DeviceError } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import { enableAsb, processIdRequest, realtimeStatusRequest } from '../protocols/escpos-commands';
import { EscPosResponseReader } from '../protocols/escpos-response-reader';
import { applyRealtimeStatus, HEALTHY_STATUS, type PrinterStatus } from '../protocols/escpos-status';
import type { BackoffPolicy } from '../transports/backoff';
import type { ByteTransport } from '../transports/byte-transport';
import { ReconnectingTransport } from '../transports/reconnecting-transport';

/** Events of the shared printer connection. */
export interface EscPosLinkEvents extends Record<string, unknown> {
  status: PrinterStatus;
  connected: { attempt: number };
  disconnected: { error: Error };
  /** Bytes that fit no response shape (line noise, a confused printer). */
  discarded: { bytes: number };
}

/** Settings of the shared printer connection. */
export interface EscPosLinkOptions {
  /** How long a real-time status answer may take before the printer counts as not answering. */
  readonly statusTimeoutMs?: number;
  /** Ask for automatic status back (GS a) on every connect. */
  readonly asb?: boolean;
  readonly backoff?: BackoffPolicy;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/**
 * One connection to an ESC/POS printer, shared by the printer and the drawer on its kick-out port
 * (two logical devices, one wire). It matches real-time status answers to requests in order and
 * hands out process ids, whose answers tell that everything sent before them has been executed.
 */
export class EscPosLink {
  readonly events = new TypedEmitter<EscPosLinkEvents>();
  readonly link: ReconnectingTransport;
  #status: PrinterStatus = HEALTHY_STATUS;
  #realtime: Array<Waiter<number>> = [];
  readonly #processIds = new Map<string, Waiter<void>>();
  readonly #reader = new EscPosResponseReader();
  #nextProcessId = Math.floor(Math.random() * 10_000);
  #statusChain: Promise<unknown> = Promise.resolve();
  #users = 0;

  constructor(
    readonly name: string,
    transport: ByteTransport,
    private readonly options: EscPosLinkOptions = {},
  ) {
    this.link = new ReconnectingTransport(transport, options.backoff);
    this.link.events.on('data', (chunk) => this.onBytes(chunk));
    this.link.events.on('disconnected', (event) => {
      this.failAll(
        new DeviceError(
          'printer.disconnected',
          this.name,
          `connection lost (${event.error.message}).`,
          {},
          { cause: event.error },
        ),
      );
      this.#reader.reset();
      this.events.emit('disconnected', event);
    });
    this.link.events.on('connected', (event) => {
      void this.afterConnect().catch(() => undefined);
      this.events.emit('connected', event);
    });
  }

  get status(): PrinterStatus {
    return this.#status;
  }
  get isConnected(): boolean {
    return this.link.isOpen;
  }
  get description(): string {
    return this.link.description;
  }

  /** Opens on first use; the printer and its drawer each call this once. */
  async acquire(): Promise<void> {
    this.#users += 1;
    if (this.#users === 1) {
      try {
        await this.link.open();
      } catch (error) {
        this.#users -= 1;
        throw error;
      }
    }
  }

  async releaseUse(): Promise<void> {
    this.#users = Math.max(0, this.#users - 1);
    if (this.#users === 0) {
      await this.link.close();
      this.failAll(new DeviceError('printer.closed', this.name, 'the connection was closed.'));
    }
  }

  private async afterConnect(): Promise<void> {
    if (this.options.asb) await this.link.write(enableAsb(true));
  }

  private onBytes(chunk: Uint8Array): void {
    for (const response of this.#reader.push(chunk)) {
      switch (response.kind) {
        case 'realtime':
          this.#realtime.shift()?.resolve(response.byte);
          break;
        case 'asb':
          this.setStatus(response.status);
          break;
        case 'process-id': {
          const waiter = this.#processIds.get(response.id);
          this.#processIds.delete(response.id);
          waiter?.resolve();
          break;
        }
        case 'discarded':
          this.events.emit('discarded', { bytes: response.bytes });
          break;
      }
    }
  }

  private setStatus(status: PrinterStatus): void {
    const changed = JSON.stringify(status) !== JSON.stringify(this.#status);
    this.#status = status;
    if (changed) this.events.emit('status', status);
  }

  private failAll(error: Error): void {
    const realtime = this.#realtime;
    this.#realtime = [];
    for (const waiter of realtime) waiter.reject(error);
    const ids = [...this.#processIds.values()];
    this.#processIds.clear();
    for (const waiter of ids) waiter.reject(error);
  }

  /**
   * DLE EOT 1–4, answered by the printer on receipt even while it is offline. Requests are serialised
   * so the n-th answer belongs to the n-th question.
   */
  queryStatus(): Promise<PrinterStatus> {
    const run = async (): Promise<PrinterStatus> => {
      const timeoutMs = this.options.statusTimeoutMs ?? 1_000;
      const answers = ([1, 2, 3, 4] as const).map(() => this.expectRealtime(timeoutMs));
      const guarded = answers.map((p) =>
        p.then(
          (b) => ({ b }),
          (e: unknown) => ({ e }),
        ),
      );
      try {
        await this.link.write(
          Uint8Array.of(
            ...realtimeStatusRequest(1),
            ...realtimeStatusRequest(2),
            ...realtimeStatusRequest(3),
            ...realtimeStatusRequest(4),
          ),
        );
      } catch (error) {
        // Requests are serialised, so every waiter still queued is one of ours.
        for (const waiter of this.#realtime.splice(0)) waiter.reject(error as Error);
        throw error;
      }
      let status = this.#status;
      const results = await Promise.all(guarded);
      for (const [index, result] of results.entries()) {
        if ('e' in result) {
          this.#realtime = [];
          throw result.e;
        }
        status = applyRealtimeStatus(status, (index + 1) as 1 | 2 | 3 | 4, result.b);
      }
      this.setStatus(status);
      return status;
    };
    const next = this.#statusChain.then(run, run);
    this.#statusChain = next.catch(() => undefined);
    return next;
  }

  private expectRealtime(timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter<number> = {
        resolve: (b) => {
          clearTimeout(timer);
          resolve(b);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.#realtime = this.#realtime.filter((w) => w !== waiter);
        reject(
          new DeviceError(
            'printer.no-status',
            this.name,
            `did not answer a status request within ${timeoutMs} ms; it may be stalled or busy with a jam.`,
            { timeoutMs },
          ),
        );
      }, timeoutMs);
      this.#realtime.push(waiter);
    });
  }

  /** A fresh process id and the promise of its answer; send `request` after the bytes it acknowledges. */
  newProcessId(): { id: string; request: Uint8Array; done: Promise<void> } {
    this.#nextProcessId = (this.#nextProcessId + 1) % 10_000;
    const id = String(this.#nextProcessId).padStart(4, '0');
    const done = new Promise<void>((resolve, reject) => this.#processIds.set(id, { resolve, reject }));
    done.catch(() => undefined);
    return { id, request: processIdRequest(id), done };
  }

  /** Forgets a process id whose answer is no longer awaited. */
  dropProcessId(id: string): void {
    this.#processIds.delete(id);
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.link.write(bytes);
  }
}
