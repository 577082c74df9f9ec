import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DeviceError, describeCause } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import type { ByteTransport, ByteTransportEvents } from './byte-transport';

/** A Linux USB printer-class node (`/dev/usb/lp0`). */
export interface UsbLpTransportOptions {
  readonly path: string;
  /** How often to poll the node for status bytes the printer sends back. */
  readonly pollMs?: number;
}

const READ_SIZE = 256;

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The usblp character device, opened non-blocking read-write. A blocking fs read on a character
 * device would pin a libuv thread until the printer spoke, so reads are polled instead; writes retry
 * on EAGAIN until the kernel took every byte.
 */
export class UsbLpTransport implements ByteTransport {
  readonly description: string;
  readonly #events = new TypedEmitter<ByteTransportEvents>();
  #handle: FileHandle | undefined;
  #poll: NodeJS.Timeout | undefined;
  #reading = false;

  constructor(private readonly options: UsbLpTransportOptions) {
    this.description = `usb-lp ${options.path}`;
  }

  get isOpen(): boolean {
    return this.#handle !== undefined;
  }

  async open(): Promise<void> {
    try {
      this.#handle = await open(
        this.options.path,
        constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY,
      );
    } catch (error) {
      const hint = errno(error) === 'EACCES' ? ' Add this user to group lp or add a udev rule.' : '';
      throw new DeviceError(
        'transport.open-failed',
        this.description,
        `cannot open (${describeCause(error)}).${hint}`,
        {},
        { cause: error },
      );
    }
    this.#poll = setInterval(() => void this.readAvailable(), this.options.pollMs ?? 10);
  }

  private async readAvailable(): Promise<void> {
    const handle = this.#handle;
    if (!handle || this.#reading) return;
    this.#reading = true;
    try {
      for (;;) {
        const buffer = new Uint8Array(READ_SIZE);
        const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null);
        if (bytesRead === 0) break;
        this.#events.emit('data', buffer.slice(0, bytesRead));
      }
    } catch (error) {
      if (errno(error) !== 'EAGAIN') await this.lost(error);
    } finally {
      this.#reading = false;
    }
  }

  private async lost(error: unknown): Promise<void> {
    if (!this.#handle) return;
    await this.shutdown();
    this.#events.emit('closed', { error: error instanceof Error ? error : new Error(String(error)) });
  }

  async write(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const handle = this.#handle;
      if (!handle) throw new DeviceError('transport.not-connected', this.description, 'is not open.');
      try {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
      } catch (error) {
        if (errno(error) === 'EAGAIN') {
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        await this.lost(error);
        throw new DeviceError(
          'transport.write-failed',
          this.description,
          `write failed (${describeCause(error)}).`,
          {},
          { cause: error },
        );
      }
    }
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.#poll);
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }

  async close(): Promise<void> {
    if (!this.#handle) return;
    await this.shutdown();
    this.#events.emit('closed', {});
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.#events.on('data', listener);
  }

  onClosed(listener: (event: { error?: Error }) => void): () => void {
    return this.#events.on('closed', listener);
  }
}
