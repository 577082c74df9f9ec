// Loyalty points redeemed while the terminal cannot reach the server: this till may redeem at most its
// offline cap (5000 points per account) from a 6000-point balance; a sale takes the whole cap, the next
// redemption is refused with the message the cashier sees, and after reconnecting every ledger entry is
// on the server once, with the redemption flagged offline.
import { documentExamples } from '@store-os/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable } from '../test/sync-server-process';
import { scanUntilAdded, startCheckout, type CheckoutStack } from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import { STORE_ID } from './fixtures';
import {
  errorsBesidesOffline,
  journaledIds,
  ledgerEntriesOf,
  ordersOf,
  storeDocs,
  untilOffline,
  untilSynced,
} from './ledger-checks';
import { OpsPage } from './pages/ops-page';
import { restartableCheckoutServer, type RestartableServer } from './restartable-server';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-loyalty-offline.e2e: skipped, ${unavailable}`);

const COFFEE = '4006381333931';
const SLOW = { timeout: 30_000, interval: 250 };
const REFUSAL =
  'Offline, at most 5000 points may be redeemed from loyalty account L77 at this till; 0 are left. Take the rest another way or wait for the connection.';

/** 6000 points Ada earned earlier (HQ's record of it), so the balance is above this till's offline cap. */
function earlierEarning(): Record<string, unknown> {
  const { currency: _currency, ref: _ref, ...entry } = documentExamples['ledger-entry'];
  return {
    ...entry,
    id: 's001-hq-01JD5ZB000BBBBBBBBBBBBBBBB',
    storeId: STORE_ID,
    ledger: 'loyalty',
    accountId: 'L77',
    entryKind: 'earn',
    delta: 6000,
    offline: false,
    createdAt: new Date(Date.now() - 86_400_000).toISOString(),
  };
}

describe.skipIf(unavailable !== undefined)('loyalty points redeemed offline up to the till’s cap', () => {
  let server: RestartableServer;
  let checkout: CheckoutStack | undefined;
  beforeAll(async () => {
    server = await restartableCheckoutServer();
    await server.current.putDocuments(`store-${STORE_ID}`, [earlierEarning()]);
  }, 120_000);
  afterAll(async () => {
    await checkout?.stop();
    await server?.dispose();
  });

  it('offline: pays 5000 points, refuses the next redemption with the cap message; after reconnect it syncs once', async () => {
    checkout = await startCheckout(server.current);
    const { sell, stack } = checkout;

    // Online, the customer profile shows the 6000 points replicated to this till.
    const ops = new OpsPage(sell.page);
    await sell.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /^Customers/ })
      .click();
    await sell.page.getByRole('heading', { name: 'Customers' }).waitFor();
    await expect
      .poll(async () => {
        await ops.field('Phone, e-mail or loyalty card').fill('L77');
        await ops.button('Find customer').click();
        await ops.button('Open Ada Lovelace').click();
        return sell.page.getByTestId('loyalty-points').textContent();
      }, SLOW)
      .toBe('6000 (worth €60.00)');
    await sell.press('F1');
    await sell.scanInput.waitFor();

    // The server goes away.
    await server.stop();
    await untilOffline(sell);

    // Eleven coffees (54.89): the points pay 50.00 (this till's 5000-point cap), cash the rest.
    await scanUntilAdded(checkout, COFFEE, 1);
    await sell.selectLine('Coffee 250 g');
    await sell.press('Alt+q');
    await sell.answer('Quantity', '11');
    await expect.poll(() => sell.total.textContent()).toBe('€54.89');
    await sell.press('Alt+c');
    await sell.answer('Phone, e-mail or loyalty card', 'L77');
    await expect
      .poll(() => sell.page.getByTestId('customer').textContent(), SLOW)
      .toBe('Customer: Ada Lovelace (loyalty L77)');
    const tender = await sell.openPayment();
    await sell.page.keyboard.press('F9');
    await expect
      .poll(() => tender.tenders.allTextContents(), SLOW)
      .toEqual([expect.stringMatching(/€50\.00/)]);
    await expect.poll(() => tender.remaining.textContent(), SLOW).toContain('€4.89');
    await tender.exactCash();
    await sell.waitForCompletion();
    expect(await sell.message.textContent()).toContain('Sale complete: €54.89');

    // The next sale: 1000 points are left on the account, but none under this till's offline cap.
    await scanUntilAdded(checkout, COFFEE, 1);
    await sell.press('Alt+c');
    await sell.answer('Phone, e-mail or loyalty card', 'L77');
    await expect
      .poll(() => sell.page.getByTestId('customer').textContent(), SLOW)
      .toBe('Customer: Ada Lovelace (loyalty L77)');
    await sell.openPayment();
    await sell.page.keyboard.press('F9');
    await expect.poll(() => tender.message.textContent(), SLOW).toBe(REFUSAL);
    expect(await tender.tenders.count()).toBe(0);
    await tender.exactCash();
    await sell.waitForCompletion();
    expect(await sell.message.textContent()).toContain('Sale complete: €4.99');
    expect(await sell.waiting.textContent()).not.toBe('0 waiting');

    // The server is back: every journaled document reaches it once.
    const back = await server.start();
    await untilSynced(sell);
    expect(stack.host.journal.since(0).entries).toHaveLength(2);
    const onServer = new Set((await storeDocs(back)).map((d) => d._id));
    expect(journaledIds(stack.host.journal).filter((id) => !onServer.has(id))).toEqual([]);
    expect((await ordersOf(back, stack.terminalId)).length).toBe(2);
    const entries = await ledgerEntriesOf(back, 'loyalty', 'L77');
    expect(new Set(entries.map((e) => e._id)).size).toBe(entries.length);
    const redeemed = entries.filter((e) => e['entryKind'] === 'redeem');
    expect(redeemed.map((e) => [e['delta'], e['offline'], e['terminalId']])).toEqual([
      [-5000, true, stack.terminalId],
    ]);
    // Earned: the 6000 from before, 4 points on the 4.89 paid in cash (none on the part paid in points)
    // and 4 on the 4.99 of the second sale, both flagged offline; 6000 − 5000 + 4 + 4 = 1008 left.
    const earned = entries.filter((e) => e['entryKind'] === 'earn');
    expect(earned.map((e) => [e['delta'], e['offline']])).toEqual([
      [6000, false],
      [4, true],
      [4, true],
    ]);
    expect(entries.reduce((n, e) => n + Number(e['delta']), 0)).toBe(1008);
    expect(errorsBesidesOffline(sell.consoleErrors)).toEqual([]);
  }, 300_000);
});
