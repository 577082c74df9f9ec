import { afterEach, describe, expect, it } from 'vitest';
import { EscPosLink } from '../devices/escpos-link';
import { EscPosReceiptPrinter } from '../devices/escpos-receipt-printer';
import type { ByteTransport } from '../transports/byte-transport';
import { PrinterSimulator } from '../simulators/printer-sim';
import { bridgePtyToTcp } from '../simulators/pty-pair';
import { sampleReceipt } from '../simulators/sample-receipt';
import { SerialTransport } from '../transports/serial-transport';
import { UsbLpTransport } from '../transports/usb-lp-transport';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// The TCP simulator behind a socat PTY stands in for a printer on a serial line or on /dev/usb/lp0.
describe.each([
  ['serial', (path: string): ByteTransport => new SerialTransport({ path, baudRate: 38_400 })],
  ['usb-lp', (path: string): ByteTransport => new UsbLpTransport({ path, pollMs: 5 })],
])('ESC/POS printer over %s', (_kind, transport) => {
  it('prints with the same acknowledgement, status and paper-out handling as over TCP', async () => {
    const sim = await PrinterSimulator.start();
    cleanups.push(() => sim.close());
    const bridge = await bridgePtyToTcp({ host: sim.host, port: sim.port, name: 'lp0' });
    cleanups.push(() => bridge.close());
    const printer = new EscPosReceiptPrinter(
      'receipt',
      new EscPosLink('receipt', transport(bridge.devicePath), { statusTimeoutMs: 500 }),
      { pollMs: 20 },
    );
    await printer.open();
    await printer.claim(1_000);
    await printer.enable();
    cleanups.push(() => printer.close());

    await printer.print({ id: 'a', document: sampleReceipt(10) });
    expect(sim.receipts).toHaveLength(1);
    expect(sim.receipts[0]?.text).toContain('Item 10 crème brûlée');

    sim.setState({ paperOut: true });
    const error = new Promise<string>((resolve) =>
      printer.events.on('error', (e) => {
        resolve(e.error.code);
        sim.setState({ paperOut: false });
        e.respond('retry');
      }),
    );
    await printer.print({ id: 'b', document: sampleReceipt(2) });
    await expect(error).resolves.toBe('printer.paper-out');
    expect(sim.receipts).toHaveLength(2);
  });
});
