import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReceipt } from '../simulators/sample-receipt';
import { startSimulators, type SimulatorSet } from '../simulators/start-simulators';
import { DeviceRegistry } from './device-registry';
import { parseDeviceConfig } from './parse-device-config';

describe('DeviceRegistry with the simulator CLI config', () => {
  let dir: string;
  let sims: SimulatorSet;
  let registry: DeviceRegistry;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-'));
    sims = await startSimulators({ dir });
    registry = DeviceRegistry.fromConfig(JSON.parse(readFileSync(sims.configPath, 'utf8')));
  });
  afterAll(async () => {
    await registry.closeAll();
    await sims.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens, claims and enables every configured device and reports each healthy', async () => {
    const reports = await registry.openAll();
    expect(reports.map((r) => [r.device, r.ok])).toEqual(registry.names.map((name) => [name, true]));
  });

  it('drives a sale end to end: scan, weigh, display, pay, print, kick the drawer on the printer port', async () => {
    const scans: string[] = [];
    registry.get('scanner', 'scanner').events.on('data', (s) => scans.push(s.data));
    await sims.scanner.scan('4006381333931', ']E0');
    await expect.poll(() => scans).toEqual(['4006381333931']);
    sims.scale.place(1_250);
    await expect(registry.get('scale', 'scale').readStableWeight(1_000)).resolves.toMatchObject({
      thousandths: 1_250,
    });
    await registry.get('display', 'line-display').showLines('TOTAL', '12,30 €');
    await expect(
      registry
        .get('card', 'payment-terminal')
        .pay({ transactionId: 'sale-1', amount: { amount: 1230, currency: 'EUR' } }),
    ).resolves.toMatchObject({ status: 'approved' });
    await registry.get('receipt', 'receipt-printer').print({ id: 'sale-1', document: sampleReceipt(3) });
    const drawer = registry.get('drawer', 'cash-drawer');
    await drawer.openDrawer();
    expect(await drawer.isOpen()).toBe(true);
    expect(sims.printer.receipts).toHaveLength(1);
    expect(sims.printer.kicks).toBe(1);
  });

  it('refuses a device of the wrong kind or an unknown name with an actionable message', () => {
    expect(() => registry.get('receipt', 'scanner')).toThrow(/receipt: is a receipt-printer, not a scanner/);
    expect(() => registry.get('nope', 'scanner')).toThrow(/known: scanner, receipt/);
  });
});

describe('parseDeviceConfig', () => {
  const base = { version: 1, terminalId: 't1' };

  it('accepts a minimal valid config', () => {
    expect(
      parseDeviceConfig({
        ...base,
        devices: [
          {
            name: 'receipt',
            kind: 'receipt-printer',
            transport: { type: 'tcp', host: '10.0.0.5', port: 9100 },
          },
        ],
      }).devices,
    ).toHaveLength(1);
  });

  it('names the offending field of a schema violation', () => {
    expect(() =>
      parseDeviceConfig({
        ...base,
        devices: [
          { name: 'receipt', kind: 'receipt-printer', transport: { type: 'tcp', host: 'x', port: 99999 } },
        ],
      }),
    ).toThrow(/device config: is not a valid device config: .*\/devices\/0/);
  });

  it('rejects broken cross-references: drawer on a missing printer, fallback loops, duplicate names', () => {
    const config = {
      ...base,
      devices: [
        { name: 'a', kind: 'receipt-printer', transport: { type: 'tcp', host: 'x', port: 1 }, fallback: 'b' },
        { name: 'b', kind: 'receipt-printer', transport: { type: 'tcp', host: 'y', port: 1 }, fallback: 'a' },
        { name: 'drawer', kind: 'cash-drawer', transport: { type: 'printer-port', printer: 'missing' } },
        { name: 'drawer', kind: 'line-display', transport: { type: 'serial', path: '/dev/ttyS0' } },
      ],
    };
    let message = '';
    try {
      parseDeviceConfig(config);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('"drawer" is used twice');
    expect(message).toContain('names printer "missing"');
    expect(message).toContain('form a loop');
  });

  it('opens what it can when one device is missing, and says why for the other', async () => {
    const registry = DeviceRegistry.fromConfig({
      ...base,
      devices: [
        { name: 'display', kind: 'line-display', transport: { type: 'serial', path: '/dev/no-such-tty' } },
      ],
    });
    const [report] = await registry.openAll();
    expect(report).toMatchObject({ device: 'display', ok: false, state: 'closed' });
    expect(report?.detail).toContain('/dev/no-such-tty');
    await registry.closeAll();
  });
});

describe('DeviceRegistry hot-plug', () => {
  it('opens a configured serial device when its node appears later', async () => {
    const { HotplugWatcher } = await import('../transports/enumerate');
    const { LineDisplaySimulator } = await import('../simulators/line-display-sim');
    const dir = mkdtempSync(join(tmpdir(), 'hotplug-'));
    const registry = DeviceRegistry.fromConfig({
      version: 1,
      terminalId: 't',
      devices: [
        { name: 'display', kind: 'line-display', transport: { type: 'serial', path: join(dir, 'display') } },
      ],
    });
    const [report] = await registry.openAll();
    expect(report?.ok).toBe(false);

    // udev itself cannot be driven in a container; the watcher is fed the line udevadm would print.
    class FakeWatcher extends HotplugWatcher {
      override start(): void {}
    }
    const watcher = new FakeWatcher();
    const seen: string[] = [];
    registry.events.on('hotplug', (e) => seen.push(`${e.action} ${e.device}`));
    registry.watchHotplug(watcher);
    const sim = await LineDisplaySimulator.start({ dir });
    watcher.events.emit('change', { action: 'add', devNode: join(dir, 'display'), subsystem: 'tty' });
    const display = registry.get('display', 'line-display');
    await expect.poll(() => display.enabled).toBe(true);
    await display.showLines('plugged in', '');
    await sim.waitFor(([a]) => a.startsWith('plugged in'));
    expect(seen).toEqual(['add display']);
    await registry.closeAll();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
