import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_OPEN_SHIFT } from '../src/renderer/sale/no-open-shift';
import { sampleCatalog } from '../src/renderer/sale/sale-fixtures';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { chromiumUnavailable } from './chromium';
import { DEMO_MANAGER, seedCatalog, startSyncServerProcess, startTerminalStack, STORE_ID } from './fixtures';
import { startOpsDevices, type OpsDevices } from './pages/ops-devices';
import { OpsShiftPage } from './pages/ops-shift-page';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-close.e2e: skipped, ${unavailable}`);

/** Every document of a type in the store's server database (what HQ sees after replication). */
async function serverDocs(server: SyncServerProcess, type: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}/store-${STORE_ID}/_all_docs?include_docs=true`, {
    headers: { Authorization: server.adminAuthorization },
  });
  const body = (await res.json()) as { rows: { doc?: Record<string, unknown> }[] };
  return body.rows.map((r) => r.doc ?? {}).filter((d) => d['type'] === type);
}

describe.skipIf(unavailable !== undefined)('end-of-day close', () => {
  let server: SyncServerProcess;
  let devices: OpsDevices;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase(`store-${STORE_ID}`);
    await seedCatalog(server, sampleCatalog(STORE_ID));
    devices = await startOpsDevices();
  }, 120_000);
  afterAll(async () => {
    await devices?.close();
    await server?.stop();
  });

  it('opens with a float, drops cash, closes blind with a variance and a reason, prints the Z, locks the day', async () => {
    const stack = await startTerminalStack({ server, devices: devices.devices });
    try {
      const sell = await stack.openSellPage({ openShift: false });
      // Before the till is opened the sell screen says payment waits for a shift, and what to do.
      await expect.poll(() => sell.noShift.textContent(), { timeout: 30_000 }).toBe(NO_OPEN_SHIFT);
      const shift = new OpsShiftPage(sell.page);
      await shift.open('F10', 'Shift and close');
      await expect.poll(() => shift.tillState.textContent()).toContain('No shift is open');
      await shift.openShift('150.00');
      await shift.cashMovement('Cash in', '20.00', 'change from the bank');
      await shift.cashMovement('Safe drop', '100.00', 'midday drop');
      // Expected in the drawer: 150 + 20 − 100 = 70.00; counted blind: 2 × 20 + 4 × 10 = 80.00.
      expect(await shift.page.getByTestId('expected-cash').count()).toBe(0);
      await shift.count({ '€20.00': 2, '€10.00': 4 });
      await expect.poll(() => shift.variance('cash').textContent()).toBe('cash€70.00€80.00€10.00');
      await shift.button('Close shift and print Z report').click();
      await shift.said(/Explain the cash variance/);
      await shift.field('Variance reason').fill('float topped up twice');
      await shift.button('Close shift and print Z report').click();
      await shift.approveAs(DEMO_MANAGER.name, DEMO_MANAGER.pin);
      expect(await shift.said(/Shift closed/)).toContain('Z report #1 printed and stored');
      await expect
        .poll(() => shift.tillState.textContent())
        .toMatch(/Business day .* is closed at this till/);

      // The printer simulator got the Z report over ESC/POS and rendered it.
      await expect.poll(() => devices.printer.receipts.length, { timeout: 10_000 }).toBeGreaterThan(0);
      const z = devices.printer.receipts.find((r) => r.text.includes('Z REPORT #1'));
      expect(z?.text).toMatch(/Expected cash\s+€70\.00/);
      expect(z?.text).toMatch(/Counted cash\s+€80\.00/);
      expect(z?.text).toMatch(/Variance cash\s+€10\.00/);
      expect(z?.text).toContain('Note: float topped up twice');
      expect(z?.cut).toBeTruthy();
      const svg = await readFile(z?.svgPath ?? '', 'utf8');
      expect(svg).toContain('<svg');
      expect(svg).toContain('Z REPORT #1');
      console.log(`ops-close.e2e: Z report rendered to ${z?.svgPath}`);

      // The close replicates to the server, where HQ reads it, signed off by the manager.
      await expect
        .poll(() => serverDocs(server, 'close'), { timeout: 15_000, interval: 250 })
        .toMatchObject([
          {
            zNumber: 1,
            approvedBy: 'manager-1',
            note: 'float topped up twice',
            tenders: [
              {
                tenderType: 'cash',
                expected: { amount: 7000 },
                counted: { amount: 8000 },
                variance: { amount: 1000 },
              },
            ],
          },
        ]);
      expect(sell.consoleErrors).toEqual([]);
    } finally {
      await stack.stop();
    }
  }, 120_000);
});
