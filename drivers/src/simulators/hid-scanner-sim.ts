import { encodeHidPosReports, type HidPosLayout } from '../protocols/hid-pos';
import { FakeHidTransport } from '../transports/fake-hid-transport';

/**
 * A HID POS scanner faked at the transport seam (no /dev/uhid in containers): the driver gets a
 * FakeHidTransport, and `scan()` feeds it the exact input reports a HID POS scanner sends.
 */
export class HidScannerSimulator {
  readonly transport: FakeHidTransport;

  constructor(private readonly layout?: HidPosLayout) {
    this.transport = new FakeHidTransport('hid simulated-scanner 0c2e:0b61');
  }

  /** Sends one scan as one or more reports (long data is split with the continuation flag). */
  scan(data: string, aimId?: string): void {
    for (const report of encodeHidPosReports({ data, ...(aimId ? { aimId } : {}) }, this.layout))
      this.transport.pushReport(report);
  }

  /** Sends raw reports, e.g. the first half of a scan only. */
  pushReports(reports: readonly Uint8Array[]): void {
    for (const report of reports) this.transport.pushReport(report);
  }

  unplug(): void {
    this.transport.setPlugged(false);
  }

  plug(): void {
    this.transport.setPlugged(true);
  }
}
