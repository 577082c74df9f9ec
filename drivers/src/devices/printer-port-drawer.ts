import type { DeviceCapabilities } from '../model/device';
import { BaseDevice } from '../model/base-device';
import { DeviceError } from '../model/device-error';
import { drawerKick } from '../protocols/escpos-commands';
import type { CashDrawer, DrawerPolarity } from './cash-drawer';
import type { EscPosLink } from './escpos-link';
import { pollUntilClosed } from './wait-for-close';

/** Wiring of a drawer on a printer's kick-out connector. */
export interface PrinterPortDrawerOptions {
  readonly pin?: 2 | 5;
  readonly polarity?: DrawerPolarity;
  readonly pollMs?: number;
  /** Longest wait for the printer to acknowledge the kick (default 5 s). */
  readonly ackTimeoutMs?: number;
}

/**
 * A drawer on the printer's kick-out connector: opened with ESC p, its switch read from pin 3 through
 * DLE EOT 1. The kick is acknowledged by a process-id answer, which the printer sends only after it
 * executed the pulse.
 */
export class PrinterPortDrawer extends BaseDevice implements CashDrawer {
  readonly kind = 'cash-drawer';
  readonly capabilities: DeviceCapabilities = { powerReporting: true, statusReporting: true };
  #off: (() => void) | undefined;

  constructor(
    name: string,
    private readonly link: EscPosLink,
    private readonly options: PrinterPortDrawerOptions = {},
  ) {
    super(name);
  }

  protected async doOpen(): Promise<void> {
    await this.link.acquire();
    this.setPower('online');
    let last: boolean | undefined;
    // With ASB on, the printer reports the drawer switch by itself; no polling needed to notice.
    this.#off = this.link.events.on('status', ({ drawerPinHigh }) => {
      const open = this.options.polarity === 'low-is-open' ? !drawerPinHigh : drawerPinHigh;
      if (last !== undefined && open !== last)
        this.events.emit('status', { status: open ? 'drawer-opened' : 'drawer-closed' });
      last = open;
    });
  }
  protected async doClose(): Promise<void> {
    this.#off?.();
    await this.link.releaseUse();
  }
  protected async doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    return { ok: true, detail: (await this.isOpen()) ? 'open' : 'closed' };
  }

  async openDrawer(): Promise<void> {
    this.assertEnabled('open the drawer');
    const ack = this.link.newProcessId();
    const timeoutMs = this.options.ackTimeoutMs ?? 5_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.link.write(Uint8Array.of(...drawerKick(this.options.pin ?? 2), ...ack.request));
      await Promise.race([
        ack.done,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new DeviceError(
                  'drawer.no-ack',
                  this.name,
                  `the printer did not confirm the drawer kick within ${timeoutMs} ms (paper out or cover open stops it).`,
                  { timeoutMs },
                ),
              ),
            timeoutMs,
          );
        }),
      ]);
      this.events.emit('outputComplete', { outputId: `kick-${ack.id}` });
    } finally {
      clearTimeout(timer);
      this.link.dropProcessId(ack.id);
    }
  }

  async isOpen(): Promise<boolean> {
    this.assertOpen('read the drawer');
    const { drawerPinHigh } = await this.link.queryStatus();
    return (this.options.polarity ?? 'high-is-open') === 'high-is-open' ? drawerPinHigh : !drawerPinHigh;
  }

  waitForClose(timeoutMs: number): Promise<void> {
    return pollUntilClosed(this.name, () => this.isOpen(), timeoutMs, this.options.pollMs ?? 200);
  }
}
