import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HidPosScanner } from '../devices/hid-pos-scanner';
import { SerialScanner } from '../devices/serial-scanner';
import type { PosDevice } from '../model/device';
import type { ScanData } from '../protocols/aim';
import { ascii } from '../protocols/bytes';
import { FRAMINGS } from '../protocols/serial-framing';
import { HidScannerSimulator } from '../simulators/hid-scanner-sim';
import { SerialScannerSimulator } from '../simulators/serial-scanner-sim';
import { SerialTransport } from '../transports/serial-transport';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ready<T extends PosDevice<ScanData>>(device: T): Promise<{ device: T; scans: ScanData[] }> {
  const scans: ScanData[] = [];
  device.events.on('data', (scan) => scans.push(scan));
  await device.open();
  await device.claim(1_000);
  await device.enable();
  cleanups.push(() => device.close());
  return { device, scans };
}

describe('serial scanner over a PTY pair', () => {
  it('delivers framed scans with their AIM symbology, ignoring noise', async () => {
    const sim = await SerialScannerSimulator.start({ framing: 'cr' });
    cleanups.push(() => sim.close());
    const { scans } = await ready(
      new SerialScanner('scanner', new SerialTransport({ path: sim.devicePath }), FRAMINGS.cr),
    );
    await sim.garbage('\u0000\u0000');
    await sim.scan('4006381333931', ']E0');
    await sim.raw(ascii('9780201'));
    await sim.raw(ascii('379624\r'));
    await expect.poll(() => scans.length).toBe(2);
    expect(scans[0]).toEqual({ data: '4006381333931', aimId: ']E0', symbology: 'ean-13' });
    expect(scans[1]).toEqual({ data: '9780201379624', symbology: 'unknown' });
  });

  it('STX/ETX framing drops noise outright and does not deliver scans while disabled', async () => {
    const sim = await SerialScannerSimulator.start({ framing: 'stx-etx' });
    cleanups.push(() => sim.close());
    const { device, scans } = await ready(
      new SerialScanner('scanner', new SerialTransport({ path: sim.devicePath }), FRAMINGS['stx-etx']),
    );
    await sim.garbage();
    await sim.scan('ABC-123', ']C0');
    await expect.poll(() => scans.length).toBe(1);
    expect(scans[0]).toEqual({ data: 'ABC-123', aimId: ']C0', symbology: 'code-128' });
    await device.disable();
    await sim.scan('SHOULD-NOT-ARRIVE');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await device.enable();
    await sim.scan('AFTER');
    await expect.poll(() => scans.map((s) => s.data)).toEqual(['ABC-123', 'AFTER']);
  });

  it('reopens the port with backoff after the device disappears and comes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanner-replug-'));
    let sim = await SerialScannerSimulator.start({ dir });
    const scanner = new SerialScanner('scanner', new SerialTransport({ path: sim.devicePath }), FRAMINGS.cr);
    const { scans } = await ready(scanner);
    const statuses: string[] = [];
    scanner.events.on('status', (s) => statuses.push(s.status));
    await sim.close();
    await expect.poll(() => statuses).toContain('disconnected');
    expect(scanner.power).toBe('offline');
    sim = await SerialScannerSimulator.start({ dir });
    cleanups.push(async () => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await expect.poll(() => scanner.power, { timeout: 8_000 }).toBe('online');
    await sim.scan('96385074', ']E4');
    await expect.poll(() => scans).toEqual([{ data: '96385074', aimId: ']E4', symbology: 'ean-8' }]);
  });

  it('fails to open a missing port with the path and a hint in the error', async () => {
    const scanner = new SerialScanner(
      'scanner',
      new SerialTransport({ path: '/dev/does-not-exist-ttyUSB9' }),
      FRAMINGS.cr,
    );
    await expect(scanner.open()).rejects.toMatchObject({
      code: 'transport.open-failed',
      message: expect.stringContaining('/dev/does-not-exist-ttyUSB9') as unknown,
    });
  });
});

describe('HID POS scanner faked at the transport seam', () => {
  it('reassembles a long multi-report scan into one data event', async () => {
    const sim = new HidScannerSimulator();
    const { scans } = await ready(new HidPosScanner('hid-scanner', sim.transport));
    const url = 'https://receipts.example/' + 'q'.repeat(140);
    sim.scan(url, ']Q1');
    sim.scan('4006381333931', ']E0');
    expect(scans).toEqual([
      { data: url, aimId: ']Q1', symbology: 'qr' },
      { data: '4006381333931', aimId: ']E0', symbology: 'ean-13' },
    ]);
  });

  it('reconnects after being unplugged and replugged', async () => {
    const sim = new HidScannerSimulator();
    const scanner = new HidPosScanner('hid-scanner', sim.transport, undefined, {
      initialMs: 10,
      maxMs: 50,
      factor: 2,
    });
    const { scans } = await ready(scanner);
    const statuses: string[] = [];
    scanner.events.on('status', (s) => statuses.push(s.status));
    sim.unplug();
    expect(scanner.power).toBe('offline');
    await new Promise((resolve) => setTimeout(resolve, 60));
    sim.plug();
    await expect.poll(() => statuses).toContain('reconnected');
    sim.scan('12345670', ']E4');
    expect(scans).toEqual([{ data: '12345670', aimId: ']E4', symbology: 'ean-8' }]);
  });
});
