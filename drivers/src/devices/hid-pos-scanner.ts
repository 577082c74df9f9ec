import type { DeviceCapabilities } from '../model/device';
import { BaseDevice } from '../model/base-device';
import { DeviceError } from '../model/device-error';
import type { ScanData } from '../protocols/aim';
import { HidPosReassembler, type HidPosLayout } from '../protocols/hid-pos';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from '../transports/backoff';
import type { HidTransport } from '../transports/hid-transport';
import type { Scanner } from './scanner';

/** A HID POS scanner (usage page 0x8C): scans arrive as input reports, long ones in several. */
export class HidPosScanner extends BaseDevice<ScanData> implements Scanner {
  readonly kind = 'scanner';
  readonly capabilities: DeviceCapabilities = { powerReporting: true, statusReporting: false };
  readonly #reassembler: HidPosReassembler;
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #stopped = true;

  constructor(
    name: string,
    private readonly transport: HidTransport,
    layout?: HidPosLayout,
    private readonly backoff: BackoffPolicy = DEFAULT_BACKOFF,
  ) {
    super(name);
    this.#reassembler = new HidPosReassembler(layout);
    transport.onReport((report) => {
      const outcome = this.#reassembler.push(report, Date.now());
      if (outcome.kind === 'ignored')
        this.events.emit('status', { status: 'report-ignored', detail: { reason: outcome.reason } });
      if (outcome.kind === 'scan' && this.enabled) this.events.emit('data', outcome.scan);
    });
    transport.onClosed(({ error }) => {
      if (this.#stopped || !error) return;
      this.setPower('offline');
      this.events.emit('status', { status: 'disconnected', detail: { cause: error.message } });
      this.scheduleReopen();
    });
  }

  private scheduleReopen(): void {
    this.#timer = setTimeout(
      () => {
        this.transport.open().then(
          () => {
            this.#attempt = 0;
            this.setPower('online');
            this.events.emit('status', { status: 'reconnected' });
          },
          () => {
            this.#attempt += 1;
            if (!this.#stopped) this.scheduleReopen();
          },
        );
      },
      backoffDelay(this.backoff, this.#attempt),
    );
  }

  protected async doOpen(): Promise<void> {
    this.#stopped = false;
    try {
      await this.transport.open();
    } catch (error) {
      this.#stopped = true;
      throw error instanceof DeviceError
        ? error
        : new DeviceError('transport.open-failed', this.name, String(error));
    }
    this.setPower('online');
  }

  protected async doClose(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.transport.close();
  }

  protected doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    const ok = this.transport.isOpen;
    return Promise.resolve({ ok, detail: ok ? 'connected' : 'disconnected (reconnecting)' });
  }
}
