import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { OpsPage } from './pages/ops-page';
import { OpsPickupPage } from './pages/ops-pickup-page';
import { receiveStock } from './pages/ops-server';
import type { SellPage } from './pages/sell-page';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-aisle.e2e: skipped, ${unavailable}`);

/** Store B: the only store with the coffee the customer of store A wants. */
const OTHER = 's002';
const OTHER_FLOOR = `${OTHER}-floor`;

type Doc = Record<string, unknown>;

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/**
 * What a till of store s002 writes for an endless-aisle sale of two teas (which only s001 has): the paid
 * order, to be shipped, in its own store database. Nothing else: the server routes it.
 */
function aisleSaleAtOtherStore(): Doc {
  const [line] = exampleOrder.lines;
  return {
    id: `${OTHER}-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0F`,
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
    note: 'Ship to: Grace Hopper, 3 Quai Perrache, Lyon',
    lines: [{ ...line, sku: 'TEA-100', name: 'Tea 100 g' }],
    returnLines: [],
    taxes: [
      { rateId: 'FR-R', name: 'TVA 5,5 %', percent: '5.5', taxable: eur(853), tax: eur(47), gross: eur(900) },
    ],
    totals: { subtotal: eur(1000), discountTotal: eur(100), taxTotal: eur(47), total: eur(900) },
    tenders: [{ tenderId: 't1', type: 'cash', amount: eur(900) }],
  };
}

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
  let sell: SellPage;
  let serverData: string;
  beforeAll(async () => {
    // Its own data folder, so the offline test can restart the same server.
    serverData = await mkdtemp(join(tmpdir(), 'ops-aisle-server-'));
    server = await startSyncServerProcess(undefined, { dataDir: serverData });
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
    sell = await stack.openSellPage();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await devices?.close();
    await server?.stop();
    if (serverData) await rm(serverData, { recursive: true, force: true });
  });

  it('the customer pays at store A; store B gets the ship-from-store order with the coffee reserved', async () => {
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
    // A customer the store does not know is refused before any money is taken.
    await ops.field('Customer: id, loyalty card, phone or e-mail (optional)').fill('nobody@example.org');
    await ops.button('Take payment and order').click();
    expect(await ops.said(/Not sold/)).toContain('No customer "nobody@example.org" in this store');
    await ops.field('Customer: id, loyalty card, phone or e-mail (optional)').fill('');
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
    // The cashier can tell the customer where it ships from.
    await ops.button('Check delivery status').click();
    await page
      .getByTestId('aisle-order')
      .filter({ hasText: `${orderId.slice(-8)} · 2 × Coffee 250 g: Ships 2 from Lyon Part-Dieu.` })
      .waitFor();
    expect(sell.consoleErrors).toEqual([]);
  }, 120_000);

  it("the other way round: a sale at s002 only this store can fill shows in this till's queue and ships from here", async () => {
    await receiveStock(server, STORE_ID, `${STORE_ID}-floor`, { 'TEA-100': 5 });
    const order = aisleSaleAtOtherStore();
    const orderId = String(order['id']);
    await server.putDocuments(`store-${OTHER}`, [order]);
    const name = orderId.slice(-8);

    // The server routed it to this store, the only one with tea.
    await expect
      .poll(() => server.getDocument(`store-${STORE_ID}`, `fulfillment:${orderId}`), { timeout: 20_000 })
      .toMatchObject({ storeId: STORE_ID, method: 'ship', state: 'new' });
    const page = sell.page;
    const ops = new OpsPickupPage(page);
    await ops.open('F3', 'Web orders');
    const entry = page.getByRole('listitem', { name: `Web order ${name}` });
    await entry.waitFor({ timeout: 30_000 });
    expect(await entry.textContent()).toContain('ship from store');
    await expect
      .poll(() => server.getDocument('stock-levels', `stock-level:TEA-100:${STORE_ID}-floor`), {
        timeout: 15_000,
      })
      .toMatchObject({ onHand: 5, reserved: 2 });

    await ops.button(`Start picking ${name}`).click();
    await ops.said(new RegExp(`Picking ${name}`));
    await ops.button(`Mark ${name} ready`).click();
    await ops.said(/ready to ship/);
    await ops.field(`Tracking number for ${name}`).fill('COLISSIMO-6A123');
    await ops.button(`Ship ${name}`).click();
    await ops.said(new RegExp(`${name} shipped`));
    // The teas left this store's shelf and the reservation is gone; the fulfillment says shipped.
    await expect
      .poll(() => server.getDocument('stock-levels', `stock-level:TEA-100:${STORE_ID}-floor`), {
        timeout: 20_000,
      })
      .toMatchObject({ onHand: 3, reserved: 0 });
    await expect
      .poll(() => server.getDocument(`store-${STORE_ID}`, `fulfillment:${orderId}`), { timeout: 20_000 })
      .toMatchObject({ state: 'shipped', trackingNumber: 'COLISSIMO-6A123', method: 'ship' });
  }, 120_000);

  it('offline: sold while the server is down, routed once when it is back', async () => {
    const ops = new OpsPage(sell.page);
    const shipOrders = async () =>
      (await docsOf(server, STORE_ID)).filter((d) => d['type'] === 'order' && d['fulfillment'] === 'ship');
    const before = new Set((await shipOrders()).map((d) => d['_id']));
    await server.stop();
    await sell.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /^Endless aisle/ })
      .click();
    await sell.page.getByRole('heading', { name: 'Endless aisle' }).waitFor();
    // The replicated figures are still on the till: Lyon has 3 coffees free (5 on hand, 2 reserved).
    await ops.field('Item barcode, SKU or name').fill('4006381333931');
    await ops.button('Show availability').click();
    expect(await ops.said(/available in the chain/)).toContain('3 available in the chain');
    await ops.field('Quantity wanted').fill('1');
    await ops.button('Plan delivery').click();
    await ops.field('Deliver to').fill('Alan Turing, 2 Rue Mercière, Lyon');
    await ops.field('Cash from customer').fill('4.99');
    await ops.button('Take payment and order').click();
    expect(await ops.said(/Sold for delivery/)).toContain('€4.99 paid');
    await ops.button('Check delivery status').click();
    await sell.page
      .getByTestId('aisle-order')
      .filter({ hasText: /1 × Coffee 250 g: .*the delivery status needs the network/ })
      .waitFor();

    server = await startSyncServerProcess(undefined, { dataDir: serverData, port: server.port });
    let orderId = '';
    await expect
      .poll(
        async () => {
          const fresh = (await shipOrders()).filter((d) => !before.has(d['_id']));
          orderId = (fresh[0]?.['_id'] as string | undefined) ?? '';
          return fresh.length;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(1);
    await expect
      .poll(
        async () =>
          (await docsOf(server, OTHER)).filter(
            (d) => d['reason'] === 'reserve' && (d['ref'] as Doc | undefined)?.['id'] === orderId,
          ),
        { timeout: 20_000, interval: 250 },
      )
      .toMatchObject([{ sku: 'COF-250', locationId: OTHER_FLOOR, delta: 1 }]);
    await expect
      .poll(() => server.getDocument('stock-levels', `stock-level:COF-250:${OTHER_FLOOR}`), {
        timeout: 15_000,
      })
      .toMatchObject({ onHand: 5, reserved: 3 });
    // Back online, the till tells where it ships from.
    const routed = sell.page
      .getByTestId('aisle-order')
      .filter({ hasText: `${orderId.slice(-8)} · 1 × Coffee 250 g: Ships 1 from Lyon Part-Dieu.` });
    await expect
      .poll(
        async () => {
          await ops.button('Check delivery status').click();
          return routed.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    // Once: the till's retries and the server's restart wrote one fulfillment for it, nothing more.
    expect(
      (await docsOf(server, OTHER)).filter((d) => d['type'] === 'fulfillment' && d['orderId'] === orderId),
    ).toHaveLength(1);
  }, 180_000);
});
