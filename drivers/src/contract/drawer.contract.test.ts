import { afterEach, describe, expect, it } from 'vitest';
import { EscPosLink } from '../devices/escpos-link';
import { PrinterPortDrawer } from '../devices/printer-port-drawer';
import { SerialDrawer } from '../devices/serial-drawer';
import type { PosDevice } from '../model/device';
import { PrinterSimulator } from '../simulators/printer-sim';
import { SerialDrawerSimulator } from '../simulators/serial-drawer-sim';
import { SerialTransport } from '../transports/serial-transport';
import { TcpTransport } from '../transports/tcp-transport';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ready<T extends PosDevice>(device: T): Promise<T> {
  await device.open();
  await device.claim(1_000);
  await device.enable();
  cleanups.push(() => device.close());
  return device;
}

async function printerDrawer(
  options: { pinHighWhenOpen?: boolean; polarity?: 'high-is-open' | 'low-is-open' } = {},
): Promise<{ sim: PrinterSimulator; drawer: PrinterPortDrawer }> {
  const sim = await PrinterSimulator.start({ drawerPinHighWhenOpen: options.pinHighWhenOpen ?? true });
  cleanups.push(() => sim.close());
  const link = new EscPosLink('receipt', new TcpTransport({ host: sim.host, port: sim.port }), {
    statusTimeoutMs: 300,
  });
  const drawer = await ready(
    new PrinterPortDrawer('drawer', link, {
      pollMs: 20,
      ackTimeoutMs: 500,
      ...(options.polarity ? { polarity: options.polarity } : {}),
    }),
  );
  return { sim, drawer };
}

describe('cash drawer on the printer kick-out port (ESC p over TCP)', () => {
  it('kicks the drawer, acknowledged by the printer, and reads it open', async () => {
    const { sim, drawer } = await printerDrawer();
    expect(await drawer.isOpen()).toBe(false);
    await drawer.openDrawer();
    expect(sim.kicks).toBe(1);
    expect(await drawer.isOpen()).toBe(true);
  });

  it('waits for close with a timeout, then resolves once the cashier closes it', async () => {
    const { sim, drawer } = await printerDrawer();
    await drawer.openDrawer();
    await expect(drawer.waitForClose(150)).rejects.toMatchObject({ code: 'drawer.close-timeout' });
    const closed = drawer.waitForClose(2_000);
    setTimeout(() => sim.setState({ drawerOpen: false }), 100);
    await expect(closed).resolves.toBeUndefined();
  });

  it('reports the drawer opening and closing from automatic status back', async () => {
    const sim = await PrinterSimulator.start();
    cleanups.push(() => sim.close());
    const link = new EscPosLink('receipt', new TcpTransport({ host: sim.host, port: sim.port }), {
      asb: true,
    });
    const drawer = await ready(new PrinterPortDrawer('drawer', link));
    const statuses: string[] = [];
    drawer.events.on('status', (s) => statuses.push(s.status));
    await expect.poll(() => sim.connections).toBe(1);
    await drawer.openDrawer();
    sim.setState({ drawerOpen: false });
    await expect.poll(() => statuses).toEqual(['drawer-opened', 'drawer-closed']);
  });

  it('honours low-is-open wiring', async () => {
    const { drawer } = await printerDrawer({ pinHighWhenOpen: false, polarity: 'low-is-open' });
    expect(await drawer.isOpen()).toBe(false);
    await drawer.openDrawer();
    expect(await drawer.isOpen()).toBe(true);
  });

  it('fails the kick with a clear error when the printer cannot execute it (paper out holds the buffer)', async () => {
    const { sim, drawer } = await printerDrawer();
    sim.setState({ paperOut: true });
    await expect(drawer.openDrawer()).rejects.toMatchObject({ code: 'drawer.no-ack' });
  });

  it('refuses to kick before it is claimed and enabled', async () => {
    const sim = await PrinterSimulator.start();
    cleanups.push(() => sim.close());
    const drawer = new PrinterPortDrawer(
      'drawer',
      new EscPosLink('receipt', new TcpTransport({ host: sim.host, port: sim.port })),
    );
    await drawer.open();
    cleanups.push(() => drawer.close());
    await expect(drawer.openDrawer()).rejects.toMatchObject({ code: 'device.disabled' });
    expect(sim.kicks).toBe(0);
  });
});

describe('cash drawer on its own serial line (PTY)', () => {
  it('opens with an acknowledged command, reports status, and waits for close', async () => {
    const sim = await SerialDrawerSimulator.start();
    cleanups.push(() => sim.close());
    const drawer = await ready(
      new SerialDrawer('drawer', new SerialTransport({ path: sim.devicePath }), { pollMs: 20 }),
    );
    expect(await drawer.isOpen()).toBe(false);
    await drawer.openDrawer();
    expect(sim.kicks).toBe(1);
    expect(await drawer.isOpen()).toBe(true);
    setTimeout(() => sim.closeDrawer(), 100);
    await drawer.waitForClose(2_000);
    expect(await drawer.isOpen()).toBe(false);
  });

  it('times out with the device named when the interface does not answer', async () => {
    const sim = await SerialDrawerSimulator.start();
    cleanups.push(() => sim.close());
    sim.silent = true;
    const drawer = await ready(
      new SerialDrawer('drawer', new SerialTransport({ path: sim.devicePath }), { replyTimeoutMs: 200 }),
    );
    await expect(drawer.openDrawer()).rejects.toMatchObject({ code: 'drawer.no-reply', device: 'drawer' });
  });
});
