import { afterEach, describe, expect, it } from 'vitest';
import { ascii } from '../protocols/bytes';
import { createPtyPair, type PtyPair } from '../simulators/pty-pair';
import { SerialTransport } from './serial-transport';
import { UsbLpTransport } from './usb-lp-transport';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('UsbLpTransport (fs streams on a PTY standing in for /dev/usb/lp0)', () => {
  it('writes print data and reads the status bytes the printer sends back', async () => {
    const pty: PtyPair = await createPtyPair({ name: 'lp0' });
    cleanups.push(() => pty.close());
    const printerSide = new SerialTransport({ path: pty.simulatorPath });
    await printerSide.open();
    cleanups.push(() => printerSide.close());
    const received: number[] = [];
    printerSide.onData((chunk) => received.push(...chunk));

    const lp = new UsbLpTransport({ path: pty.devicePath, pollMs: 5 });
    await lp.open();
    cleanups.push(() => lp.close());
    const fromPrinter: number[] = [];
    lp.onData((chunk) => fromPrinter.push(...chunk));

    const job = Uint8Array.from({ length: 5000 }, (_, i) => 0x20 + (i % 90));
    await lp.write(job);
    await expect.poll(() => received.length).toBe(5000);
    expect(Uint8Array.from(received)).toEqual(job);
    await printerSide.write(Uint8Array.of(0x16));
    await expect.poll(() => fromPrinter).toEqual([0x16]);
  });

  it('names the node and the cause when it cannot open', async () => {
    const lp = new UsbLpTransport({ path: '/dev/usb/lp-missing' });
    await expect(lp.open()).rejects.toMatchObject({
      code: 'transport.open-failed',
      message: expect.stringContaining('usb-lp /dev/usb/lp-missing: cannot open (ENOENT') as unknown,
    });
    await expect(lp.write(ascii('x'))).rejects.toMatchObject({ code: 'transport.not-connected' });
  });
});
