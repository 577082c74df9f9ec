// Store credit end to end: a customer's purchase is returned to store credit on the returns screen, and
// on the next sale, with the customer attached, the store-credit key (F8) offers that customer's account
// without the refund slip; it pays the sale. On the server the account has the refund and the redemption
// once each, and nothing left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { checkoutServer, scanUntilAdded, startCheckout, type CheckoutStack } from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import { ledgerEntriesOf, ordersOf, untilSynced } from './ledger-checks';
import { OpsReturnsPage } from './pages/ops-returns-page';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-store-credit.e2e: skipped, ${unavailable}`);

const COFFEE = '4006381333931';
const SLOW = { timeout: 30_000, interval: 250 };

describe.skipIf(unavailable !== undefined)('store credit issued by a return and spent at the counter', () => {
  let server: SyncServerProcess;
  let checkout: CheckoutStack | undefined;
  beforeAll(async () => {
    server = await checkoutServer();
  }, 120_000);
  afterAll(async () => {
    await checkout?.stop();
    await server?.stop();
  });

  it('refunds a coffee to store credit, then F8 offers the attached customer’s account and it pays; balance 0 on the server', async () => {
    checkout = await startCheckout(server);
    const { sell, stack } = checkout;

    // Ada buys a coffee (4.99) in cash, with her loyalty card on the sale.
    await scanUntilAdded(checkout, COFFEE, 1);
    await sell.press('Alt+c');
    await sell.answer('Phone, e-mail or loyalty card', 'L77');
    await expect
      .poll(() => sell.page.getByTestId('customer').textContent(), SLOW)
      .toBe('Customer: Ada Lovelace (loyalty L77)');
    await sell.payCashExact();
    await sell.waitForCompletion();
    const saleId = stack.host.journal.since(0).entries.at(-1)?.entry.id ?? '';
    expect(saleId).not.toBe('');

    // She brings it back: refunded to store credit, a new account on the slip.
    const returns = new OpsReturnsPage(sell.page);
    await returns.openFromNavigation();
    await returns.find(saleId);
    await returns.button(`Return from ${saleId.slice(-8)}`).click();
    await returns.returnUnits('Coffee 250 g', 1);
    await sell.page
      .getByRole('region', { name: 'Lines to return' })
      .getByLabel('Store credit', { exact: true })
      .check();
    await returns.button('Review return').click();
    await expect.poll(() => returns.summary.textContent()).toContain('Refund €4.99 to store-credit');
    await returns.button('Complete return').click();
    const said = await returns.said(/Return complete/, 30_000);
    const account = /store credit (SC-[0-9A-Z]+)/.exec(said)?.[1];
    expect(account, said).toBeDefined();

    // The next sale: customer attached, F8 offers her account with its balance; no slip is scanned.
    await sell.press('F1');
    await scanUntilAdded(checkout, COFFEE, 1);
    await sell.press('Alt+c');
    await sell.answer('Phone, e-mail or loyalty card', '079 123 45 67');
    await expect
      .poll(() => sell.page.getByTestId('customer').textContent(), SLOW)
      .toBe('Customer: Ada Lovelace (loyalty L77)');
    await sell.openPayment();
    await sell.page.keyboard.press('F8');
    const offered = sell.prompt.getByRole('button', { name: new RegExp(`${account ?? ''}: €4\\.99`) });
    await offered.waitFor(SLOW);
    expect(await sell.prompt.getByRole('button', { name: /Another refund slip/ }).count()).toBe(1);
    await sell.choose(new RegExp(`${account ?? ''}: €4\\.99`));
    // The store credit settles the sale, which completes by itself.
    await sell.waitForCompletion();
    expect(await sell.message.textContent()).toContain('Sale complete: €4.99');

    // On the server after sync: the refund and the redemption, each once, and nothing left.
    await untilSynced(sell);
    await expect
      .poll(async () => (await ledgerEntriesOf(server, 'store-credit', account ?? '')).length, SLOW)
      .toBe(2);
    const entries = await ledgerEntriesOf(server, 'store-credit', account ?? '');
    expect(entries.map((e) => [e['entryKind'], e['delta'], e['offline']])).toEqual([
      ['refund', 499, false],
      ['redeem', -499, false],
    ]);
    expect(entries.reduce((n, e) => n + Number(e['delta']), 0)).toBe(0);
    const orders = await ordersOf(server, stack.terminalId);
    const spent = orders.find((o) => o._id === (entries[1]?.['ref'] as { id?: string } | undefined)?.id);
    expect(spent).toMatchObject({
      kind: 'sale',
      customer: { customerId: 'customer:c-77' },
      tenders: [{ type: 'store-credit', accountId: account, amount: { amount: 499, currency: 'EUR' } }],
    });
    // The return is counted by the till's shift like the sales, so its close sees what it paid out.
    const sale = orders.find((o) => o._id === saleId);
    expect(sale?.['shiftId']).toEqual(expect.any(String));
    expect(orders.find((o) => o['kind'] === 'return')?.['shiftId']).toBe(sale?.['shiftId']);

    // Spent out: F8 on the next sale with her attached no longer offers it, and asks for a slip.
    await scanUntilAdded(checkout, COFFEE, 1);
    await sell.press('Alt+c');
    await sell.answer('Phone, e-mail or loyalty card', 'L77');
    await sell.openPayment();
    await sell.page.keyboard.press('F8');
    await sell.prompt.getByLabel('Store-credit number').waitFor(SLOW);
    expect(sell.consoleErrors).toEqual([]);
  }, 240_000);
});
