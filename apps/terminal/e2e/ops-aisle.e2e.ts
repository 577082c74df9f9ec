import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../src/renderer/sale/sale-fixtures';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { chromiumUnavailable } from './chromium';
import {
  seedCatalog,
  startSyncServerProcess,
  startTerminalStack,
  STORE_ID,
  type TerminalStack,
} from './fixtures';
import { startOpsDevices, type OpsDevices } from './pages/ops-devices';
import { OpsPage } from './pages/ops-page';
import { receiveStock } from './pages/ops-server';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-aisle.e2e: skipped, ${unavailable}`);

/** Store B: the only store with the coffee the customer of store A wants. */
const OTHER = 's002';
const OTHER_FLOOR = `${OTHER}-floor`;

type Doc = Record<string, unknown>;

async function docsOf(server: SyncServerProcess, storeId: string): Promise<Doc[]> {
  const res = await fetch(`${server.url}/store-${storeId}/_all_docs?include_docs=true`, {
    headers: { Authorization: server.adminAuthorization },
  });
  return ((await res.json()) as { rows: { doc?: Doc }[] }).rows.map((r) => r.doc ?? {});
}

describe.skipIf(unavailable !== undefined)('endless aisle: sold at store A, shipped from store B', () => {
  let server: SyncServerProcess;
  let devices: OpsDevices;
  let stack: TerminalStack;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase(`store-${STORE_ID}`);
    await server.createStore(OTHER);
    const catalog = sampleCatalog(STORE_ID);
    const ownStore = catalog.find((d) => d['type'] === 'store') ?? {};
    await seedCatalog(server, [
      ...catalog,
      {
        ...ownStore,
        id: `store:${OTHER}`,
        storeId: OTHER,
        name: 'Lyon Part-Dieu',
        locations: [{ locationId: OTHER_FLOOR, name: 'Sales floor', kind: 'sales-floor' }],
      },
    ]);
    // Store A has no coffee on its shelf; store B has five.
    await receiveStock(server, OTHER, OTHER_FLOOR, { 'COF-250': 5 });
    devices = await startOpsDevices();
    stack = await startTerminalStack({ server, devices: devices.devices });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await devices?.close();
    await server?.stop();
  });

  it('the customer pays at store A; store B gets the ship-from-store order with the coffee reserved', async () => {
    const sell = await stack.openSellPage();
    const ops = new OpsPage(sell.page);
    const page = sell.page;
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /^Endless aisle/ })
      .click();
    await page.getByRole('heading', { name: 'Endless aisle' }).waitFor();

    // Availability from the replicated stock levels, with its age: only Lyon has it.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await ops.field('Item barcode, SKU or name').fill('4006381333931');
      await ops.button('Show availability').click();
      const said = await ops.said(/available in the chain|have reached this till/);
      if (/5 available in the chain/.test(said)) break;
      if (Date.now() > deadline) throw new Error(`stock of store B never reached the till: ${said}`);
      await page.waitForTimeout(500);
    }
    const row = page.getByTestId('availability').filter({ hasText: 'Lyon Part-Dieu' });
    expect(await row.textContent()).toMatch(/Lyon Part-Dieu · Sales floor5.*5 \/ 0.*(just now|min ago)/);

    await ops.field('Quantity wanted').fill('2');
    await ops.button('Plan delivery').click();
    expect(await page.getByTestId('delivery-plan').textContent()).toContain(
      'Ship 2 from Lyon Part-Dieu · Sales floor',
    );

    // Paid now at the counter, in cash.
    await ops.field('Deliver to').fill('Ada Lovelace, 12 Rue de la Paix, 75002 Paris');
    await ops.field('Cash from customer').fill('20.00');
    await ops.button('Take payment and order').click();
    expect(await ops.said(/Sold for delivery/)).toContain('€9.98 paid, change €10.02');

    // The order lives in store A's database: a counter sale to ship, paid in cash, with no movement at A.
    let order: Doc | undefined;
    await expect
      .poll(
        async () => {
          order = (await docsOf(server, STORE_ID)).find(
            (d) => d['type'] === 'order' && d['fulfillment'] === 'ship',
          );
          return order;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toMatchObject({
        kind: 'sale',
        channel: 'store',
        totals: { total: { amount: 998 } },
        tenders: [{ type: 'cash', amount: { amount: 998 } }],
        note: 'Ship to: Ada Lovelace, 12 Rue de la Paix, 75002 Paris',
      });
    const orderId = String(order?.['_id'] ?? order?.['id']);
    expect((await docsOf(server, STORE_ID)).filter((d) => d['type'] === 'movement')).toEqual([]);

    // Store B's database: its fulfillment (the ship-from-store queue item) and the reservation.
    await expect
      .poll(async () => (await docsOf(server, OTHER)).find((d) => d['type'] === 'fulfillment'), {
        timeout: 20_000,
        interval: 250,
      })
      .toMatchObject({ orderId, storeId: OTHER, method: 'ship', state: 'new' });
    expect((await docsOf(server, OTHER)).filter((d) => d['reason'] === 'reserve')).toMatchObject([
      { sku: 'COF-250', locationId: OTHER_FLOOR, delta: 2, ref: { kind: 'order', id: orderId } },
    ]);
    await expect
      .poll(() => server.getDocument('stock-levels', `stock-level:COF-250:${OTHER_FLOOR}`), {
        timeout: 15_000,
      })
      .toMatchObject({ onHand: 5, reserved: 2 });
    // Store A owns no part: nothing was backordered.
    expect((await docsOf(server, STORE_ID)).filter((d) => d['type'] === 'fulfillment')).toEqual([]);
    expect(sell.consoleErrors).toEqual([]);
  }, 120_000);
});
