import type { DeviceCapabilities } from '../model/device';
import { BaseDevice } from '../model/base-device';
import type { ScanData } from '../protocols/aim';
import { parseAimScan } from '../protocols/aim';
import { SerialFrameDecoder, type SerialFraming } from '../protocols/serial-framing';
import type { ByteTransport } from '../transports/byte-transport';
import { ReconnectingTransport } from '../transports/reconnecting-transport';
import type { Scanner } from './scanner';

/** A scanner on a serial line (RS-232 or USB-CDC): framed text, optionally with AIM ids. */
export class SerialScanner extends BaseDevice<ScanData> implements Scanner {
  readonly kind = 'scanner';
  readonly capabilities: DeviceCapabilities = { powerReporting: true, statusReporting: false };
  readonly #link: ReconnectingTransport;
  readonly #decoder: SerialFrameDecoder;

  constructor(name: string, transport: ByteTransport, framing: SerialFraming) {
    super(name);
    this.#decoder = new SerialFrameDecoder(framing);
    this.#link = new ReconnectingTransport(transport);
    this.#link.events.on('data', (chunk) => this.onBytes(chunk));
    this.#link.events.on('disconnected', ({ error }) => {
      this.#decoder.reset();
      this.setPower('offline');
      this.events.emit('status', { status: 'disconnected', detail: { cause: error.message } });
    });
    this.#link.events.on('connected', () => this.setPower('online'));
  }

  private onBytes(chunk: Uint8Array): void {
    const { frames, discarded } = this.#decoder.push(chunk);
    if (discarded > 0)
      this.events.emit('status', { status: 'noise-discarded', detail: { bytes: discarded } });
    // A disabled scanner's input is dropped, not queued: a stale scan must not add a line later.
    if (!this.enabled) return;
    for (const frame of frames) this.events.emit('data', parseAimScan(frame));
  }

  protected async doOpen(): Promise<void> {
    await this.#link.open();
  }
  protected async doClose(): Promise<void> {
    await this.#link.close();
  }
  protected doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    const ok = this.#link.isOpen;
    return Promise.resolve({
      ok,
      detail: ok ? 'connected' : `disconnected (${this.#link.lastError?.message ?? 'reconnecting'})`,
    });
  }
}
