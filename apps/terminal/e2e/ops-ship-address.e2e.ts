// The shipping store's till reads where a ship-from-store parcel goes. An endless-aisle sale written at
// store s002 (the address on its order) is routed by the server to this store, the only one with the
// tea; the web-order queue here asks the server's routing record for the address, with this till's
// own credential, and shows it next to the order before it is shipped; shipped, the order is listed
// among the finished ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder } from '@store-os/shared/schemas';
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
import { OpsPickupPage } from './pages/ops-pickup-page';
import { receiveStock } from './pages/ops-server';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-ship-address.e2e: skipped, ${unavailable}`);

const OTHER = 's002';
const ADDRESS = 'Grace Hopper, 3 Quai Perrache, Lyon';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** What a till of s002 writes for an endless-aisle sale of tea only s001 has: the paid order, to ship. */
function aisleSaleAtOtherStore(): Record<string, unknown> {
  const [line] = exampleOrder.lines;
  return {
    id: `${OTHER}-t01-01JD5Z8Q2W3E4R5T6Y7V8X9B1G`,
    type: 'order',
    schemaVersion: 1,
    storeId: OTHER,
    terminalId: `${OTHER}-t01`,
    kind: 'sale',
    channel: 'store',
    fulfillment: 'ship',
    createdAt: new Date().toISOString(),
    currency: 'EUR',
    pricesIncludeTax: true,
    note: `Ship to: ${ADDRESS}`,
    lines: [{ ...line, sku: 'TEA-100', name: 'Tea 100 g' }],
    returnLines: [],
    taxes: [
      { rateId: 'FR-R', name: 'TVA 5,5 %', percent: '5.5', taxable: eur(853), tax: eur(47), gross: eur(900) },
    ],
    totals: { subtotal: eur(1000), discountTotal: eur(100), taxTotal: eur(47), total: eur(900) },
    tenders: [{ tenderId: 't1', type: 'cash', amount: eur(900) }],
  };
}

describe.skipIf(unavailable !== undefined)(
  'ship-from-store: the delivery address at the shipping store',
  () => {
    let server: SyncServerProcess;
    let devices: OpsDevices;
    let stack: TerminalStack | undefined;
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
          locations: [{ locationId: `${OTHER}-floor`, name: 'Sales floor', kind: 'sales-floor' }],
        },
      ]);
      await receiveStock(server, STORE_ID, `${STORE_ID}-floor`, { 'TEA-100': 5 });
      devices = await startOpsDevices();
    }, 180_000);
    afterAll(async () => {
      await stack?.stop();
      await devices?.close();
      await server?.stop();
    });

    it("shows the address of another store's sale routed here, read from the server with this till's credential", async () => {
      stack = await startTerminalStack({ server, devices: devices.devices });
      const sell = await stack.openSellPage();
      const order = aisleSaleAtOtherStore();
      const orderId = String(order['id']);
      const name = orderId.slice(-8);
      await server.putDocuments(`store-${OTHER}`, [order]);
      await expect
        .poll(() => server.getDocument(`store-${STORE_ID}`, `fulfillment:${orderId}`), { timeout: 20_000 })
        .toMatchObject({ storeId: STORE_ID, method: 'ship', state: 'new' });
      // The order itself stays in s002's database: this store has only the fulfillment and reservations.
      expect(await server.getDocument(`store-${STORE_ID}`, orderId)).toBeUndefined();

      const ops = new OpsPickupPage(sell.page);
      await ops.open('F3', 'Web orders');
      const entry = sell.page.getByRole('listitem', { name: `Web order ${name}` });
      await entry.waitFor({ timeout: 30_000 });
      await ops.button(`Delivery address for ${name}`).click();
      await expect
        .poll(() => entry.getByTestId('ship-to').textContent(), { timeout: 15_000 })
        .toBe(` · ship to ${ADDRESS}`);

      // Shipped, it leaves the active sections and is listed as finished (the queue's last 24 hours).
      await ops.button(`Start picking ${name}`).click();
      await ops.said(new RegExp(`Picking ${name}`));
      await ops.button(`Mark ${name} ready`).click();
      await ops.said(/ready to ship/);
      await ops.field(`Tracking number for ${name}`).fill('COLISSIMO-7B456');
      await ops.button(`Ship ${name}`).click();
      await ops.said(new RegExp(`${name} shipped`));
      await expect
        .poll(() => ops.finished.allTextContents(), { timeout: 15_000 })
        .toEqual([expect.stringMatching(new RegExp(`^${name}: shipped at \\d\\d:\\d\\d UTC$`))]);
      expect(await entry.count()).toBe(0);
      expect(sell.consoleErrors).toEqual([]);
    }, 120_000);
  },
);
