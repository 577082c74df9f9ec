import { Socket } from 'node:net';
import { DeviceError, describeCause } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import type { ByteTransport, ByteTransportEvents } from './byte-transport';

/** Where a TCP device listens (an ESC/POS printer on 9100). */
export interface TcpTransportOptions {
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs?: number;
}

/** A TCP socket to a device; write resolves when the kernel accepted the bytes. */
export class TcpTransport implements ByteTransport {
  readonly description: string;
  readonly #events = new TypedEmitter<ByteTransportEvents>();
  #socket: Socket | undefined;
  #closing = false;

  constructor(private readonly options: TcpTransportOptions) {
    this.description = `tcp ${options.host}:${options.port}`;
  }

  get isOpen(): boolean {
    return this.#socket !== undefined && !this.#socket.destroyed;
  }

  open(): Promise<void> {
    const timeoutMs = this.options.connectTimeoutMs ?? 3_000;
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new DeviceError(
            'transport.connect-timeout',
            this.description,
            `no answer within ${timeoutMs} ms; is the device on and the address right?`,
          ),
        );
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(
          new DeviceError(
            'transport.connect-failed',
            this.description,
            `cannot connect (${describeCause(error)}).`,
            {},
            { cause: error },
          ),
        );
      });
      socket.connect(this.options.port, this.options.host, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        this.#closing = false;
        this.#socket = socket;
        let lastError: Error | undefined;
        socket.on('data', (chunk: Buffer) => this.#events.emit('data', new Uint8Array(chunk)));
        socket.on('error', (error) => {
          lastError = error;
        });
        socket.on('close', () => {
          if (this.#socket === socket) this.#socket = undefined;
          const error = this.#closing
            ? undefined
            : (lastError ?? new Error('connection closed by the device'));
          this.#events.emit('closed', error ? { error } : {});
        });
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.destroyed) {
      return Promise.reject(
        new DeviceError('transport.not-connected', this.description, 'is not connected.'),
      );
    }
    return new Promise((resolve, reject) => {
      socket.write(bytes, (error) => {
        if (error)
          reject(
            new DeviceError(
              'transport.write-failed',
              this.description,
              `write failed (${describeCause(error)}).`,
              {},
              { cause: error },
            ),
          );
        else resolve();
      });
    });
  }

  close(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.resolve();
    this.#closing = true;
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.#events.on('data', listener);
  }

  onClosed(listener: (event: { error?: Error }) => void): () => void {
    return this.#events.on('closed', listener);
  }
}
