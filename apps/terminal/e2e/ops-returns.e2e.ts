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
import { OpsReturnsPage } from './pages/ops-returns-page';
import { postWebOrder, receiveStock } from './pages/ops-server';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-returns.e2e: skipped, ${unavailable}`);

const FLOOR = `${STORE_ID}-floor`;

/** Orders in the store's server database that return something from `originalId`. */
async function returnsOnServer(
  server: SyncServerProcess,
  originalId: string,
): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}/store-${STORE_ID}/_all_docs?include_docs=true`, {
    headers: { Authorization: server.adminAuthorization },
  });
  const rows = ((await res.json()) as { rows: { doc?: Record<string, unknown> }[] }).rows;
  return rows
    .map((r) => r.doc ?? {})
    .filter(
      (d) =>
        d['type'] === 'order' &&
        (d['returnLines'] as { originalOrderId?: string }[] | undefined)?.some(
          (l) => l.originalOrderId === originalId,
        ),
    );
}

describe.skipIf(unavailable !== undefined)('returns and exchanges in store', () => {
  let server: SyncServerProcess;
  let devices: OpsDevices;
  let stack: TerminalStack;
  let ops: OpsReturnsPage;
  let consoleErrors: string[];
  let webOrderId: string;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase(`store-${STORE_ID}`);
    await seedCatalog(server, sampleCatalog(STORE_ID));
    await receiveStock(server, STORE_ID, FLOOR, { 'COF-250': 10, 'TEA-100': 10 });
    devices = await startOpsDevices();
    // An online purchase shipped from this store, paid by card in the web shop (2 coffees, 1 tea: 14.50).
    const status = await postWebOrder(server, {
      externalRef: 'WEB-30001',
      fulfillment: { method: 'ship', locations: [{ locationId: FLOOR, rank: 0 }] },
    });
    webOrderId = status.orderId;
    stack = await startTerminalStack({ server, devices: devices.devices });
    const sell = await stack.openSellPage();
    consoleErrors = sell.consoleErrors;
    ops = new OpsReturnsPage(sell.page);
    await ops.openFromNavigation();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await devices?.close();
    await server?.stop();
  });

  it('an online purchase comes back in store: refunded to its original card through the payment terminal', async () => {
    await ops.find('WEB-30001');
    await ops.button('Return from WEB-30001').click();
    await ops.returnUnits('Coffee 250 g', 1);
    await ops.button('Review return').click();
    await expect.poll(() => ops.summary.textContent()).toContain('Refund €5.00 to card 4242');
    await ops.button('Complete return').click();
    expect(await ops.said(/Return complete/, 30_000)).toContain('refunded €5.00 to card 4242');
    // The payment terminal refunded the card; nothing was charged.
    expect(devices.payment.journal.map((r) => [r.refund, r.amountText, r.status])).toEqual([
      [true, '5.00', 'approved'],
    ]);
    expect(devices.payment.charges).toEqual([]);
    await expect
      .poll(() => returnsOnServer(server, webOrderId), { timeout: 15_000, interval: 250 })
      .toMatchObject([
        {
          kind: 'return',
          channel: 'store',
          totals: { total: { amount: -500 } },
          tenders: [
            {
              type: 'card',
              amount: { amount: -500 },
              refundOf: `${webOrderId}/web-1`,
              token: 'psp_tok_19af',
            },
          ],
        },
      ]);
    await expect
      .poll(() => server.getDocument('stock-levels', `stock-level:COF-250:${FLOOR}`), { timeout: 15_000 })
      .toMatchObject({ onHand: 11 });
  }, 90_000);

  it('an exchange with a price difference is one order: the tea is written off, two coffees sold, the customer pays the rest', async () => {
    await ops.find('WEB-30001');
    await ops.button('Return from WEB-30001').click();
    await ops.returnUnits('Green tea 100 g', 1, 'opened packet');
    await ops.addExchangeItem('4006381333931');
    await ops.addExchangeItem('4006381333931');
    await ops.button('Review return').click();
    // Two coffees at 4.99 = 9.98, less the tea as paid (4.50) = 5.48.
    await expect.poll(() => ops.summary.textContent()).toContain('Customer pays €5.48');
    await ops.field('Cash from customer').fill('10.00');
    await ops.button('Complete return').click();
    expect(await ops.said(/Exchange complete/)).toContain('customer paid €5.48 in cash');
    await expect
      .poll(async () => (await returnsOnServer(server, webOrderId)).filter((o) => o['kind'] === 'exchange'), {
        timeout: 15_000,
        interval: 250,
      })
      .toMatchObject([
        {
          kind: 'exchange',
          totals: { total: { amount: 548 } },
          tenders: [
            { type: 'cash', amount: { amount: 548 }, tendered: { amount: 1000 }, change: { amount: 452 } },
          ],
          returnLines: [{ sku: 'TEA-100', restock: false, reason: 'opened packet' }],
        },
      ]);
    // Two coffees left the shelf (11 → 9); the tea came back and was written off, so its count is unchanged.
    await expect
      .poll(() => server.getDocument('stock-levels', `stock-level:COF-250:${FLOOR}`), { timeout: 15_000 })
      .toMatchObject({ onHand: 9 });
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
