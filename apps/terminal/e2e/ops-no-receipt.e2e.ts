import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentExamples, exampleOrder } from '@store-os/shared/schemas';
import { sampleCatalog } from '../src/renderer/sale/sale-fixtures';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { chromiumUnavailable } from './chromium';
import {
  DEMO_MANAGER,
  seedCatalog,
  startSyncServerProcess,
  startTerminalStack,
  STORE_ID,
  type TerminalStack,
} from './fixtures';
import { startOpsDevices, type OpsDevices } from './pages/ops-devices';
import { OpsPage } from './pages/ops-page';
import { OpsReturnsPage } from './pages/ops-returns-page';
import { receiveStock } from './pages/ops-server';
import type { SellPage } from './pages/sell-page';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-no-receipt.e2e: skipped, ${unavailable}`);

const FLOOR = `${STORE_ID}-floor`;
const OTHER = 's002';
const CUSTOMER = 'customer:c-77';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

type Doc = Record<string, unknown>;

/** A no-receipt return the customer already made at store s002 two days ago (9.00 to store credit). */
function earlierReturnAtOtherStore(): Doc {
  return {
    id: `${OTHER}-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0D`,
    type: 'order',
    schemaVersion: 1,
    storeId: OTHER,
    terminalId: `${OTHER}-t01`,
    kind: 'return',
    channel: 'store',
    fulfillment: 'take-now',
    createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    currency: 'EUR',
    pricesIncludeTax: true,
    customer: { customerId: CUSTOMER },
    lines: [],
    returnLines: [
      {
        lineId: 'nr1',
        sku: 'COF-250',
        name: 'Coffee 250 g',
        unit: 'each',
        quantity: 1,
        unitPrice: eur(900),
        grossAmount: eur(900),
        discounts: [],
        taxes: [],
        total: eur(900),
        restock: true,
        approvedBy: 'manager-9',
      },
    ],
    taxes: [],
    totals: { subtotal: eur(-900), discountTotal: eur(0), taxTotal: eur(0), total: eur(-900) },
    tenders: [{ tenderId: 'r1', type: 'store-credit', accountId: 'SC-OLD', amount: eur(-900) }],
  };
}

/** A sale of store s002 yesterday (2 coffees by card ****4242 and apples), which store s001 never replicates. */
const saleAtOtherStore = {
  ...exampleOrder,
  id: `${OTHER}-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0E`,
  storeId: OTHER,
  terminalId: `${OTHER}-t01`,
  createdAt: new Date(Date.now() - 86_400_000).toISOString(),
  shiftId: undefined,
};

async function docsOf(server: SyncServerProcess, storeId: string): Promise<Doc[]> {
  const res = await fetch(`${server.url}/store-${storeId}/_all_docs?include_docs=true`, {
    headers: { Authorization: server.adminAuthorization },
  });
  return ((await res.json()) as { rows: { doc?: Doc }[] }).rows.map((r) => r.doc ?? {});
}

describe.skipIf(unavailable !== undefined)('returns without a receipt', () => {
  let server: SyncServerProcess;
  let devices: OpsDevices;
  let stack: TerminalStack;
  let sell: SellPage;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase(`store-${STORE_ID}`);
    await server.createStore(OTHER);
    await seedCatalog(server, sampleCatalog(STORE_ID));
    await receiveStock(server, STORE_ID, FLOOR, { 'COF-250': 10, 'TEA-100': 10 });
    await server.putDocuments(`store-${STORE_ID}`, [{ ...documentExamples.customer }]);
    await server.putDocuments(`store-${OTHER}`, [
      earlierReturnAtOtherStore(),
      JSON.parse(JSON.stringify(saleAtOtherStore)) as Doc,
    ]);
    devices = await startOpsDevices();
    stack = await startTerminalStack({ server, devices: devices.devices });
    sell = await stack.openSellPage();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await devices?.close();
    await server?.stop();
  });

  it('a sale of another store is found through the server by its receipt barcode and returned to its card here', async () => {
    const ops = new OpsReturnsPage(sell.page);
    await ops.openFromNavigation();
    const receipt = saleAtOtherStore.id.slice(-20);
    const find = async () => {
      await ops.field('Receipt, order number, web order or customer').fill(receipt);
      await ops.button('Find order').click();
      return ops.said(/found|No order|network|server/);
    };
    expect(await find()).toBe('1 order found on the server (another store or the web shop).');
    await ops.button(`Return from ${saleAtOtherStore.id.slice(-8)}`).click();
    await ops.returnUnits('Coffee 250 g', 1);
    await ops.button('Review return').click();
    await expect.poll(() => ops.summary.textContent()).toContain('Refund €4.50 to card 4242');
    await ops.button('Complete return').click();
    expect(await ops.said(/Return complete|nothing was written/, 30_000)).toContain(
      'refunded €4.50 to card 4242',
    );
    expect(devices.payment.journal.map((r) => [r.refund, r.amountText, r.status])).toEqual([
      [true, '4.50', 'approved'],
    ]);
    await expect
      .poll(
        async () =>
          (await docsOf(server, STORE_ID)).filter(
            (d) =>
              d['type'] === 'order' &&
              (d['returnLines'] as Doc[]).some((l) => l['originalOrderId'] === saleAtOtherStore.id),
          ),
        { timeout: 20_000, interval: 250 },
      )
      .toMatchObject([
        {
          kind: 'return',
          storeId: STORE_ID,
          tenders: [{ type: 'card', refundOf: `${saleAtOtherStore.id}/t1` }],
        },
      ]);
    // Found again: the return made here counts, so one coffee is left to return.
    expect(await find()).toBe('1 order found on the server (another store or the web shop).');
    await ops.button(`Return from ${saleAtOtherStore.id.slice(-8)}`).click();
    await sell.page.getByText(/Coffee 250 g: 1 of 2 returnable/).waitFor();
  }, 120_000);

  it('manager-approved, valued by the policy, limits counted chain-wide online and locally offline', async () => {
    const page = sell.page;
    const ops = new OpsPage(page);
    // This store's settings: at most 2 no-receipt returns and 20.00 per customer in 90 days.
    await page.evaluate(() =>
      localStorage.setItem(
        'store-os.no-receipt-policy',
        JSON.stringify({ limits: { maxReturns: 2, maxAmount: 2000 } }),
      ),
    );
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /^Returns/ })
      .click();
    await page.getByRole('heading', { name: 'Returns and exchanges' }).waitFor();
    await ops.button('Return without receipt').click();
    await page.getByText(/checking the customer.s limits at other stores needs the network/).waitFor();

    // The customer, by loyalty card (replicated into this store's data).
    const deadline = Date.now() + 30_000;
    for (;;) {
      await ops.field('Customer (id, loyalty card, phone or e-mail)').fill('L77');
      await ops.button('Find customer').click();
      if (/Customer: Ada/.test(await ops.said(/Customer|No such customer/))) break;
      if (Date.now() > deadline) throw new Error('the customer never reached the till');
      await page.waitForTimeout(500);
    }
    const scan = async (code: string, name: string) => {
      await ops.field('Scan a returned item').fill(code);
      await ops.button('Add returned item').click();
      await ops.said(new RegExp(`Added ${name}`));
    };
    await scan('4006381333931', 'Coffee 250 g');
    await scan('4006381333948', 'Tea 100 g');
    await page.getByLabel('Restock Tea 100 g').uncheck();
    await ops.field('Write-off reason for Tea 100 g').fill('seal broken');
    await page.getByRole('radio', { name: 'New gift card' }).check();

    // Online: the earlier return at s002 counts (1 of 2, 9.00 of 20.00); 4.99 + 3.50 fits.
    await ops.button('Check policy').click();
    expect(await ops.said(/Allowed|Refused/)).toContain(
      'Allowed by the policy: refund €8.49. A manager must approve.',
    );
    expect(await page.getByTestId('no-receipt-local-note').count()).toBe(0);
    await ops.button('Approve and refund').click();
    await ops.approveAs(DEMO_MANAGER.name, DEMO_MANAGER.pin);
    expect(await ops.said(/No-receipt return complete|Not recorded/)).toMatch(
      /refunded €8\.49 to a new gift card GC-/,
    );

    let refund: Doc | undefined;
    await expect
      .poll(
        async () => {
          refund = (await docsOf(server, STORE_ID)).find(
            (d) =>
              d['type'] === 'order' &&
              (d['returnLines'] as Doc[] | undefined)?.every((l) => !l['originalOrderId']),
          );
          return refund;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toMatchObject({
        customer: { customerId: CUSTOMER },
        totals: { total: eur(-849) },
        tenders: [{ type: 'gift-card', amount: eur(-849) }],
        returnLines: [
          { sku: 'COF-250', restock: true, approvedBy: DEMO_MANAGER.userId },
          { sku: 'TEA-100', restock: false, reason: 'seal broken', approvedBy: DEMO_MANAGER.userId },
        ],
      });
    expect((refund?.['returnLines'] as Doc[]).map((l) => l['originalOrderId'])).toEqual([
      undefined,
      undefined,
    ]);
    const refundId = String(refund?.['_id']);
    const related = (await docsOf(server, STORE_ID)).filter(
      (d) => (d['ref'] as Doc | undefined)?.['id'] === refundId,
    );
    expect(related.filter((d) => d['type'] === 'ledger-entry')).toMatchObject([
      { ledger: 'gift-card', entryKind: 'refund', delta: 849 },
    ]);
    expect(
      related
        .filter((d) => d['type'] === 'movement')
        .map((m) => [m['sku'], m['reason'], m['delta']])
        .sort(),
    ).toEqual([
      ['COF-250', 'return', 1],
      ['TEA-100', 'return', 1],
      ['TEA-100', 'write-off', -1],
    ]);
    // The coffee is back on the shelf (10 received, one returned from store s002's sale, this one); the tea
    // came back and was written off.
    await expect
      .poll(() => server.getDocument('stock-levels', `stock-level:COF-250:${FLOOR}`), { timeout: 15_000 })
      .toMatchObject({ onHand: 12 });
    expect(await server.getDocument('stock-levels', `stock-level:TEA-100:${FLOOR}`)).toMatchObject({
      onHand: 10,
    });

    // A third no-receipt return in 90 days, counted across the chain: refused, nothing written.
    await scan('4006381333931', 'Coffee 250 g');
    await ops.button('Check policy').click();
    expect(await ops.said(/Allowed|Refused/)).toContain(
      'Refused: This customer already made 2 no-receipt return(s) in the last 90 days; the limit is 2.',
    );
    expect(await ops.button('Approve and refund').count()).toBe(0);

    // Offline: only this store's data is counted (1 return here), and the screen says so.
    await server.stop();
    await ops.button('Check policy').click();
    await page.getByTestId('no-receipt-local-note').waitFor({ timeout: 30_000 });
    expect(await ops.said(/Allowed/)).toContain('Allowed by the policy: refund €4.99');
    const note = await page.getByTestId('no-receipt-local-note').textContent();
    expect(note).toContain("Limits checked against this store's data only.");
    expect(note).toMatch(/needs the network/);
    await ops.button('Approve and refund').click();
    await ops.approveAs(DEMO_MANAGER.name, DEMO_MANAGER.pin);
    expect(await ops.said(/No-receipt return complete|Not recorded/)).toMatch(
      /refunded €4\.99 to a new gift card/,
    );
    expect(
      sell.consoleErrors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e)),
    ).toEqual([]);
  }, 180_000);
});
