import { DeviceError } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import type { HidTransport, HidTransportEvents } from './hid-transport';

/**
 * A HID device faked at the transport seam: tests and the HID scanner simulator push input reports
 * in and can unplug it. Everything above this (reassembly, the scanner device) is the real code.
 */
export class FakeHidTransport implements HidTransport {
  readonly #events = new TypedEmitter<HidTransportEvents>();
  readonly written: Uint8Array[] = [];
  #open = false;
  #plugged = true;

  constructor(readonly description = 'hid fake') {}

  get isOpen(): boolean {
    return this.#open;
  }

  open(): Promise<void> {
    if (!this.#plugged) {
      return Promise.reject(
        new DeviceError('transport.open-failed', this.description, 'cannot open (device unplugged).'),
      );
    }
    this.#open = true;
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.#open) {
      this.#open = false;
      this.#events.emit('closed', {});
    }
    return Promise.resolve();
  }

  write(report: Uint8Array): Promise<void> {
    if (!this.#open)
      return Promise.reject(new DeviceError('transport.not-connected', this.description, 'is not open.'));
    this.written.push(report);
    return Promise.resolve();
  }

  /** Delivers an input report as the device would; dropped while closed, as the kernel would. */
  pushReport(report: Uint8Array): void {
    if (this.#open) this.#events.emit('report', report);
  }

  /** Simulates the cable being pulled (and, with `false`, plugged back in). */
  setPlugged(plugged: boolean): void {
    this.#plugged = plugged;
    if (!plugged && this.#open) {
      this.#open = false;
      this.#events.emit('closed', { error: new Error('device unplugged') });
    }
  }

  onReport(listener: (report: Uint8Array) => void): () => void {
    return this.#events.on('report', listener);
  }

  onClosed(listener: (event: { error?: Error }) => void): () => void {
    return this.#events.on('closed', listener);
  }
}
