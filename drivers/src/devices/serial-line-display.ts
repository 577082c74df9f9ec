import type { DeviceCapabilities } from '../model/device';
import { BaseDevice } from '../model/base-device';
import {
  DISPLAY_CLEAR,
  DISPLAY_COLUMNS,
  DISPLAY_INIT,
  DISPLAY_ROWS,
  encodeDisplayLines,
} from '../protocols/pole-display';
import type { ByteTransport } from '../transports/byte-transport';
import { ReconnectingTransport } from '../transports/reconnecting-transport';
import type { LineDisplay } from './line-display';

/**
 * A 2×20 pole display on a serial line (Epson DM-D command set). Displays never answer, so a write
 * is acknowledged when the UART drained it.
 */
export class SerialLineDisplay extends BaseDevice implements LineDisplay {
  readonly kind = 'line-display';
  readonly columns = DISPLAY_COLUMNS;
  readonly rows = DISPLAY_ROWS;
  readonly capabilities: DeviceCapabilities = { powerReporting: false, statusReporting: false };
  readonly #link: ReconnectingTransport;
  #last: [string, string] | undefined;

  constructor(name: string, transport: ByteTransport) {
    super(name);
    this.#link = new ReconnectingTransport(transport);
    // After a reconnect the display may have been power-cycled: show the last text again.
    this.#link.events.on('connected', ({ attempt }) => {
      if (attempt > 0 && this.#last)
        void this.#link.write(encodeDisplayLines(...this.#last)).catch(() => undefined);
    });
  }

  protected async doOpen(): Promise<void> {
    await this.#link.open();
    await this.#link.write(Uint8Array.of(...DISPLAY_INIT, ...DISPLAY_CLEAR));
  }
  protected doClose(): Promise<void> {
    return this.#link.close();
  }
  protected doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    const ok = this.#link.isOpen;
    return Promise.resolve({ ok, detail: ok ? 'connected' : 'disconnected' });
  }

  async showLines(line1: string, line2: string): Promise<void> {
    this.assertEnabled('show text');
    this.#last = [line1, line2];
    await this.#link.write(encodeDisplayLines(line1, line2));
    this.events.emit('outputComplete', { outputId: 'lines' });
  }

  async clear(): Promise<void> {
    this.assertEnabled('clear');
    this.#last = ['', ''];
    await this.#link.write(DISPLAY_CLEAR);
  }
}
