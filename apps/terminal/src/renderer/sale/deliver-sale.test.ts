import type { HostBridge } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noWait, startFakeCounter, type FakeCounter } from './counter-fixture';
import { deliverSale, describeDelivery, printReceipt } from './deliver-sale';

let counter: FakeCounter;
beforeEach(async () => {
  counter = await startFakeCounter();
});
afterEach(() => counter.dispose());

const delivery = (openDrawer: boolean) => ({
  orderId: 'o-1',
  openDrawer,
  receipt: { jobId: 'o-1-r', blocks: [{ kind: 'text' as const, text: 'hello' }, { kind: 'cut' as const }] },
  display: ['Paid', 'Change'],
});

describe('deliverSale', () => {
  it('opens the drawer for cash before printing, and shows the change on the customer display', async () => {
    const outcome = await deliverSale(counter.bridge, delivery(true), { wait: noWait });
    expect(outcome).toEqual({ drawer: { ok: true }, receipt: { ok: true }, display: { ok: true } });
    expect(counter.calls.map((c) => c.method)).toEqual(['drawer.open', 'display.text', 'printer.print']);
    expect(counter.display).toEqual([['Paid', 'Change']]);
    expect(describeDelivery(outcome)).toBe('Receipt printed. Drawer open.');
  });

  it('keeps the drawer shut for a card-only sale', async () => {
    await deliverSale(counter.bridge, delivery(false), { wait: noWait });
    expect(counter.drawerOpens).toBe(0);
  });

  it('reports a receipt that could not print, so the cashier reprints it; nothing is retried behind their back', async () => {
    counter.paperOut = true;
    const outcome = await deliverSale(counter.bridge, delivery(false), { wait: noWait });
    expect(outcome.receipt).toMatchObject({
      ok: false,
      reason: expect.stringContaining('paper-out') as unknown,
    });
    expect(describeDelivery(outcome)).toMatch(/Receipt not printed: .*paper-out.*Reprint it/);
    expect(counter.calls.filter((c) => c.method === 'printer.print')).toHaveLength(1);
  });

  it('answers as soon as the receipt is printed, without waiting out the slow-print delay', async () => {
    const progress: string[] = [];
    // The delay never ends: a print that finished must not wait for it.
    const outcome = await printReceipt(counter.bridge, delivery(false).receipt, {
      wait: () => new Promise<void>(() => undefined),
      onProgress: (m) => progress.push(m),
    });
    expect(outcome).toEqual({ ok: true });
    expect(progress).toEqual([]);
  });

  it('explains a receipt the printer holds (paper out), then reports it printed once the printer finishes', async () => {
    let finish: () => void = () => undefined;
    const calls: string[] = [];
    const host: HostBridge = {
      invoke: ((method: string) => {
        calls.push(method);
        if (method === 'printer.print')
          return new Promise((resolve) => (finish = () => resolve({ jobId: 'j', state: 'printed' })));
        if (method === 'devices.list')
          return Promise.resolve({
            devices: [{ id: 'receipt', kind: 'printer', name: 'receipt', state: 'busy' }],
          });
        return Promise.resolve({
          id: 'receipt',
          kind: 'printer',
          name: 'receipt',
          state: 'busy',
          detail: 'paper-out',
        });
      }) as unknown as HostBridge['invoke'],
      on: () => () => undefined,
    };
    const progress: string[] = [];
    let released: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (released = resolve));
    const printing = printReceipt(
      host,
      { jobId: 'j', blocks: [{ kind: 'cut' }] },
      {
        wait: () => slow,
        onProgress: (m) => {
          progress.push(m);
          finish();
        },
      },
    );
    released();
    expect(await printing).toEqual({ ok: true });
    expect(progress).toEqual([expect.stringContaining('Receipt waiting: paper-out') as unknown]);
    expect(calls.filter((m) => m === 'printer.print')).toHaveLength(1);
  });
});
