import { SerialPort } from 'serialport';
import { DeviceError, describeCause } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import type { ByteTransport, ByteTransportEvents } from './byte-transport';

/** Line settings of a serial device; defaults are the common 9600 8N1. */
export interface SerialTransportOptions {
  readonly path: string;
  readonly baudRate?: number;
  readonly dataBits?: 7 | 8;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly stopBits?: 1 | 2;
  /** Serial receipt printers pace a fast host with RTS/CTS or XON/XOFF; the wrong one loses bytes. */
  readonly flowControl?: 'none' | 'rtscts' | 'xonxoff';
}

/** A serial line through serialport 13; write resolves after `drain`, i.e. the bytes left the UART buffer. */
export class SerialTransport implements ByteTransport {
  readonly description: string;
  readonly #events = new TypedEmitter<ByteTransportEvents>();
  #port: SerialPort | undefined;
  #closing = false;

  constructor(private readonly options: SerialTransportOptions) {
    this.description = `serial ${options.path}`;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  open(): Promise<void> {
    const {
      path,
      baudRate = 9600,
      dataBits = 8,
      parity = 'none',
      stopBits = 1,
      flowControl = 'none',
    } = this.options;
    const xonxoff = flowControl === 'xonxoff';
    const port = new SerialPort({
      path,
      baudRate,
      dataBits,
      parity,
      stopBits,
      rtscts: flowControl === 'rtscts',
      xon: xonxoff,
      xoff: xonxoff,
      autoOpen: false,
    });
    return new Promise((resolve, reject) => {
      port.open((error) => {
        if (error) {
          reject(
            new DeviceError(
              'transport.open-failed',
              this.description,
              `cannot open (${describeCause(error)}); check the path and that this user may use it (group dialout).`,
              {},
              { cause: error },
            ),
          );
          return;
        }
        this.#closing = false;
        this.#port = port;
        let lastError: Error | undefined;
        port.on('data', (chunk: Buffer) => this.#events.emit('data', new Uint8Array(chunk)));
        port.on('error', (e: Error) => {
          lastError = e;
        });
        port.on('close', (e: Error | null) => {
          if (this.#port === port) this.#port = undefined;
          const err = this.#closing ? undefined : (e ?? lastError ?? new Error('port closed'));
          this.#events.emit('closed', err ? { error: err } : {});
        });
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) {
      return Promise.reject(new DeviceError('transport.not-connected', this.description, 'is not open.'));
    }
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void =>
        reject(
          new DeviceError(
            'transport.write-failed',
            this.description,
            `write failed (${describeCause(error)}).`,
            {},
            { cause: error },
          ),
        );
      port.write(Buffer.from(bytes), (error) => {
        if (error) return fail(error);
        port.drain((drainError) => (drainError ? fail(drainError) : resolve()));
      });
    });
  }

  close(): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return Promise.resolve();
    this.#closing = true;
    return new Promise((resolve) => port.close(() => resolve()));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.#events.on('data', listener);
  }

  onClosed(listener: (event: { error?: Error }) => void): () => void {
    return this.#events.on('closed', listener);
  }
}
