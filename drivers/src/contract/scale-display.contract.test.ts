import { afterEach, describe, expect, it } from 'vitest';
import { SerialLineDisplay } from '../devices/serial-line-display';
import { SerialScale } from '../devices/serial-scale';
import type { PosDevice } from '../model/device';
import { LineDisplaySimulator } from '../simulators/line-display-sim';
import { ScaleSimulator } from '../simulators/scale-sim';
import { SerialTransport } from '../transports/serial-transport';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ready<T extends Pick<PosDevice, 'open' | 'claim' | 'enable' | 'close'>>(
  device: T,
): Promise<T> {
  await device.open();
  await device.claim(1_000);
  await device.enable();
  cleanups.push(() => device.close());
  return device;
}

describe.each(['toledo-8217', 'cas'] as const)('%s scale over a PTY pair', (protocol) => {
  async function setup(): Promise<{ sim: ScaleSimulator; scale: SerialScale }> {
    const sim = await ScaleSimulator.start({ protocol });
    cleanups.push(() => sim.close());
    const scale = await ready(
      new SerialScale('scale', new SerialTransport({ path: sim.devicePath }), {
        protocol,
        unit: 'kg',
        pollMs: 20,
        replyTimeoutMs: 500,
      }),
    );
    return { sim, scale };
  }

  it('reads a stable weight as integer thousandths', async () => {
    const { sim, scale } = await setup();
    sim.place(1_234);
    await expect(scale.readWeight()).resolves.toEqual({
      thousandths: 1_234,
      unit: 'kg',
      stable: true,
      overload: false,
      underZero: false,
    });
  });

  it('tells in-motion from stable and waits for the weight to settle', async () => {
    const { sim, scale } = await setup();
    sim.place(850, true);
    await expect(scale.readWeight()).resolves.toMatchObject({ stable: false });
    setTimeout(() => sim.place(850, false), 100);
    await expect(scale.readStableWeight(2_000)).resolves.toMatchObject({ thousandths: 850, stable: true });
  });

  it('reports overload as an error, and an unsettled weight as a timeout', async () => {
    const { sim, scale } = await setup();
    sim.state.overload = true;
    await expect(scale.readStableWeight(500)).rejects.toMatchObject({ code: 'scale.overload' });
    sim.state.overload = false;
    sim.place(100, true);
    await expect(scale.readStableWeight(150)).rejects.toMatchObject({ code: 'scale.unstable' });
  });

  it('zeroes the scale', async () => {
    const { sim, scale } = await setup();
    sim.place(15);
    await scale.zero();
    await expect(scale.readWeight()).resolves.toMatchObject({ thousandths: 0 });
    sim.place(515);
    await expect(scale.readWeight()).resolves.toMatchObject({ thousandths: 500 });
  });

  it('times out with the protocol named when the scale is silent', async () => {
    const { sim, scale } = await setup();
    sim.state.silent = true;
    await expect(scale.readWeight()).rejects.toMatchObject({
      code: 'scale.no-reply',
      message: expect.stringContaining(protocol) as unknown,
    });
  });
});

describe('2×20 pole display over a PTY pair', () => {
  it('shows two lines exactly as the customer reads them', async () => {
    const sim = await LineDisplaySimulator.start();
    cleanups.push(() => sim.close());
    const display = await ready(
      new SerialLineDisplay('display', new SerialTransport({ path: sim.devicePath })),
    );
    await display.showLines('Crème brûlée', 'TOTAL        4,50 €');
    await expect(sim.waitFor(([a]) => a.startsWith('Crème'))).resolves.toEqual([
      'Crème brûlée'.padEnd(20),
      'TOTAL        4,50 EU',
    ]);
    await display.clear();
    await expect(sim.waitFor(([a, b]) => a.trim() === '' && b.trim() === '')).resolves.toBeDefined();
  });
});
