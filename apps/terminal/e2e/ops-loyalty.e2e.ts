// Loyalty at the counter, end to end: the customer attached by loyalty card, points earned on a card
// sale through the ledger, attached again by phone and the points redeemed on a later sale. The balance
// after both is checked on the customer screen, on the receipts the printer simulator rendered, and in
// the ledger documents the server holds; HQ's customer history shows both counter sales and a web order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { checkoutServer, scanUntilAdded, startCheckout, type CheckoutStack } from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import { hqApi, ledgerEntriesOf, ordersOf } from './ledger-checks';
import { OpsPage } from './pages/ops-page';
import { postWebOrder } from './pages/ops-server';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-loyalty.e2e: skipped, ${unavailable}`);

const COFFEE = '4006381333931';
const SLOW = { timeout: 30_000, interval: 250 };

describe.skipIf(unavailable !== undefined)('loyalty points earned and redeemed at the counter', () => {
  let server: SyncServerProcess;
  let checkout: CheckoutStack | undefined;
  beforeAll(async () => {
    server = await checkoutServer();
  }, 120_000);
  afterAll(async () => {
    await checkout?.stop();
    await server?.stop();
  });

  it('earns on a sale (card scan), redeems on the next (phone); balance right on screen, receipts and server', async () => {
    checkout = await startCheckout(server);
    const { sell, sims, stack } = checkout;

    // Sale 1: the loyalty card identifies the customer; 25 coffees (124.75) paid by card earn 124 points.
    await scanUntilAdded(checkout, COFFEE, 1);
    await sell.press('Alt+c');
    await sell.answer('Phone, e-mail or loyalty card', 'L77');
    await expect
      .poll(() => sell.page.getByTestId('customer').textContent(), SLOW)
      .toBe('Customer: Ada Lovelace (loyalty L77)');
    await sell.selectLine('Coffee 250 g');
    await sell.press('Alt+q');
    await sell.answer('Quantity', '25');
    await expect.poll(() => sell.total.textContent()).toBe('€124.75');
    const tender = await sell.openPayment();
    await tender.card('124.75');
    await sell.waitForCompletion();
    expect(await sell.message.textContent()).toContain('Sale complete: €124.75');

    // Sale 2: found by phone; the points pay what they are worth (124 points = €1.24), cash the rest.
    await sims.scanner.scan(COFFEE);
    await expect.poll(() => sell.lines.count(), SLOW).toBe(1);
    await sell.press('Alt+c');
    await sell.answer('Phone, e-mail or loyalty card', '079 123 45 67');
    await expect
      .poll(() => sell.page.getByTestId('customer').textContent(), SLOW)
      .toBe('Customer: Ada Lovelace (loyalty L77)');
    await sell.openPayment();
    await sell.page.keyboard.press('F9');
    await expect
      .poll(() => tender.tenders.allTextContents(), SLOW)
      .toEqual([expect.stringMatching(/€1\.24/)]);
    await expect.poll(() => tender.remaining.textContent(), SLOW).toContain('€3.75');
    // Points again on the same sale: the 124 already tendered are not spent twice.
    await sell.page.keyboard.press('F9');
    await expect
      .poll(() => tender.message.textContent(), SLOW)
      .toBe('The customer has 0 points, worth nothing yet.');
    expect(await tender.tenders.count()).toBe(1);
    await tender.exactCash();
    await sell.waitForCompletion();

    // The receipts say what each sale earned and redeemed.
    const receipts = await sims.printer.waitForReceipts(2);
    expect(receipts[0]?.text).toContain('Points earned 124, redeemed 0');
    expect(receipts[1]?.text).toMatch(/Points \(124\)\s+€1\.24/);
    // No points on the part paid with points: 3.75 paid in cash earns 3.
    expect(receipts[1]?.text).toContain('Points earned 3, redeemed 124');

    // On the server: earn 124, redeem 124, earn 3 (on the 3.75 paid in cash) — a balance of 3, each once.
    const journaled = stack.host.journal.since(0).entries.map((e) => e.entry.id);
    expect(journaled).toHaveLength(2);
    await expect.poll(async () => (await ledgerEntriesOf(server, 'loyalty', 'L77')).length, SLOW).toBe(3);
    const entries = await ledgerEntriesOf(server, 'loyalty', 'L77');
    expect(entries.map((e) => [e['entryKind'], e['delta'], (e['ref'] as { id?: string }).id])).toEqual([
      ['earn', 124, journaled[0]],
      ['redeem', -124, journaled[1]],
      ['earn', 3, journaled[1]],
    ]);
    expect(entries.reduce((n, e) => n + Number(e['delta']), 0)).toBe(3);
    await expect.poll(async () => (await ordersOf(server, stack.terminalId)).length, SLOW).toBe(2);
    const second = (await ordersOf(server, stack.terminalId)).find((o) => o._id === journaled[1]);
    expect(second).toMatchObject({
      customer: { customerId: 'customer:c-77', loyaltyAccountId: 'L77' },
      tenders: expect.arrayContaining([
        expect.objectContaining({
          type: 'loyalty-points',
          points: 124,
          amount: { amount: 124, currency: 'EUR' },
        }),
      ]) as unknown,
    });

    // A web-shop order of the same customer arrives through the integration API.
    await postWebOrder(server, {
      externalRef: 'WEB-LOYAL-1',
      fulfillment: { method: 'pickup', storeId: 's001', pickupCode: 'LOYAL1' },
    });

    // The customer screen: the balance left after both sales, and the history across channels.
    const ops = new OpsPage(sell.page);
    await sell.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /^Customers/ })
      .click();
    await sell.page.getByRole('heading', { name: 'Customers' }).waitFor();
    await ops.field('Phone, e-mail or loyalty card').fill('L77');
    await ops.button('Find customer').click();
    await ops.button('Open Ada Lovelace').click();
    await expect
      .poll(() => sell.page.getByTestId('loyalty-points').textContent(), SLOW)
      .toBe('3 (worth €0.03)');
    const history = sell.page.getByRole('table', { name: 'Purchase history' }).getByRole('row');
    // Header + two counter sales + the web order (replicated to the pickup store).
    await expect
      .poll(async () => {
        await ops.button('Find customer').click();
        await ops.button('Open Ada Lovelace').click();
        return history.count();
      }, SLOW)
      .toBe(4);
    expect(await history.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('web shop'), expect.stringContaining('store')]),
    );

    // HQ's customer history has the same three orders, by channel.
    type History = { orders: { id: string; channel: string; total: number }[] };
    await expect
      .poll(async () => (await hqApi<History>(server, 'customers/customer:c-77')).orders.length, SLOW)
      .toBe(3);
    const hq = await hqApi<History>(server, 'customers/customer:c-77');
    expect(hq.orders.map((o) => [o.channel, o.total]).sort()).toEqual([
      ['store', 12475],
      ['store', 499],
      ['web', 1450],
    ]);
    expect(sell.consoleErrors).toEqual([]);
  }, 240_000);
});
