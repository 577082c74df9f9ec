import type { DeviceCapabilities } from '../model/device';
import { BaseDevice } from '../model/base-device';
import { DeviceError } from '../model/device-error';
import { ascii } from '../protocols/bytes';
import type { ByteTransport } from '../transports/byte-transport';
import { ReconnectingTransport } from '../transports/reconnecting-transport';
import type { CashDrawer, DrawerPolarity } from './cash-drawer';
import { RequestReply } from './request-reply';
import { pollUntilClosed } from './wait-for-close';

/**
 * Serial drawer interfaces answer single-byte commands: `O` fires the solenoid and is acknowledged
 * with `A`; `S` reports the switch as `1` (line high) or `0`. The bytes are configurable because
 * interface boxes differ.
 */
export interface SerialDrawerOptions {
  readonly openCommand?: string;
  readonly openAck?: string;
  readonly statusCommand?: string;
  readonly polarity?: DrawerPolarity;
  readonly replyTimeoutMs?: number;
  readonly pollMs?: number;
}

/** A cash drawer on its own serial line. */
export class SerialDrawer extends BaseDevice implements CashDrawer {
  readonly kind = 'cash-drawer';
  readonly capabilities: DeviceCapabilities = { powerReporting: false, statusReporting: true };
  readonly #link: ReconnectingTransport;
  readonly #replies = new RequestReply<string>();

  constructor(
    name: string,
    transport: ByteTransport,
    private readonly options: SerialDrawerOptions = {},
  ) {
    super(name);
    this.#link = new ReconnectingTransport(transport);
    this.#link.events.on('data', (chunk) => {
      for (const byte of chunk) this.#replies.offer(String.fromCharCode(byte));
    });
  }

  protected doOpen(): Promise<void> {
    return this.#link.open();
  }
  protected doClose(): Promise<void> {
    return this.#link.close();
  }
  protected async doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    return { ok: true, detail: (await this.isOpen()) ? 'open' : 'closed' };
  }

  /** Sends one command and waits for a reply byte from `accepted`; one exchange at a time. */
  private exchange(command: string, accepted: string): Promise<string> {
    const timeoutMs = this.options.replyTimeoutMs ?? 1_000;
    return this.#replies.request({
      send: () => this.#link.write(ascii(command)),
      accepts: (byte) => accepted.includes(byte),
      timeoutMs,
      timeoutError: () =>
        new DeviceError(
          'drawer.no-reply',
          this.name,
          `no reply to "${command}" within ${timeoutMs} ms; check the cable and the interface's power.`,
          { timeoutMs },
        ),
    });
  }

  async openDrawer(): Promise<void> {
    this.assertEnabled('open the drawer');
    await this.exchange(this.options.openCommand ?? 'O', this.options.openAck ?? 'A');
    this.events.emit('outputComplete', { outputId: 'kick' });
  }

  async isOpen(): Promise<boolean> {
    this.assertOpen('read the drawer');
    const high = (await this.exchange(this.options.statusCommand ?? 'S', '01')) === '1';
    return (this.options.polarity ?? 'high-is-open') === 'high-is-open' ? high : !high;
  }

  waitForClose(timeoutMs: number): Promise<void> {
    return pollUntilClosed(this.name, () => this.isOpen(), timeoutMs, this.options.pollMs ?? 200);
  }
}
