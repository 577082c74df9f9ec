// A gift card sold online, then redeemed while the terminal cannot reach the server: within this till's
// offline cap (50.00 per card) the card pays, up to the cap and no further; once the cap is used a
// redemption is refused with what to do instead. After the server is back, each ledger entry is on the
// server exactly once and the reconciliation finds nothing to report for the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable } from '../test/sync-server-process';
import { scanUntilAdded, startCheckout, type CheckoutStack } from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import {
  errorsBesidesOffline,
  hqApi,
  journaledIds,
  ledgerEntriesOf,
  ordersOf,
  storeDocs,
  untilOffline,
  untilSynced,
} from './ledger-checks';
import { restartableCheckoutServer, type RestartableServer } from './restartable-server';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-giftcard-offline.e2e: skipped, ${unavailable}`);

const COFFEE = '4006381333931';
const CARD = '600100000002';
const SLOW = { timeout: 30_000, interval: 250 };

interface Reconciliation {
  entryCount: number;
  overRedemptions: { accountId: string }[];
  capBreaches: { accountId: string }[];
}

describe.skipIf(unavailable !== undefined)('a gift card redeemed offline within its cap', () => {
  let server: RestartableServer;
  let checkout: CheckoutStack | undefined;
  beforeAll(async () => {
    server = await restartableCheckoutServer();
  }, 120_000);
  afterAll(async () => {
    await checkout?.stop();
    await server?.dispose();
  });

  it('sold online; offline it pays up to the cap, then is refused; after reconnect each entry syncs once', async () => {
    checkout = await startCheckout(server.current);
    const { sell, stack } = checkout;

    // Sold and activated online with a coffee: 100.00 on the card, paid in cash.
    await scanUntilAdded(checkout, COFFEE, 1);
    await sell.press('Alt+g');
    await sell.answer('Gift card number', '6001 0000 0002');
    await sell.answer('Amount to load', '100.00');
    await expect.poll(() => sell.total.textContent()).toBe('€104.99');
    await sell.payCashExact();
    await sell.waitForCompletion();
    await expect
      .poll(async () => (await ledgerEntriesOf(server.current, 'gift-card', CARD)).length, SLOW)
      .toBe(1);
    await untilSynced(sell);

    // The server goes away.
    await server.stop();
    await untilOffline(sell);

    // Within the cap: ten coffees (49.90) paid entirely by the card.
    await sell.scan(COFFEE);
    await expect.poll(() => sell.lines.count(), SLOW).toBe(1);
    await sell.selectLine('Coffee 250 g');
    await sell.press('Alt+q');
    await sell.answer('Quantity', '10');
    await expect.poll(() => sell.total.textContent()).toBe('€49.90');
    await sell.openPayment();
    await sell.page.keyboard.press('F7');
    await sell.answer('Gift card number', CARD);
    await sell.waitForCompletion();
    expect(await sell.message.textContent()).toContain('Sale complete: €49.90');

    // Up to the cap: the card pays the 0.10 left of this till's 50.00, cash the rest.
    await sell.scan(COFFEE);
    await expect.poll(() => sell.lines.count(), SLOW).toBe(1);
    const tender = await sell.openPayment();
    await sell.page.keyboard.press('F7');
    await sell.answer('Gift card number', CARD);
    await expect
      .poll(() => tender.message.textContent(), SLOW)
      .toBe('Gift card …0002 pays €0.10; balance was €50.10.');
    await expect.poll(() => tender.remaining.textContent(), SLOW).toContain('€4.89');
    // The same card again on the same sale: what this sale already took counts, so nothing is left.
    await sell.page.keyboard.press('F7');
    await sell.answer('Gift card number', CARD);
    expect(await sell.prompt.getByRole('alert').textContent()).toContain('0.00 EUR is left');
    await sell.page.keyboard.press('Escape');
    await sell.prompt.waitFor({ state: 'detached' });
    expect(await tender.tenders.count()).toBe(1);
    await tender.exactCash();
    await sell.waitForCompletion();

    // Beyond the cap: refused, saying why and what to do; the sale is paid another way.
    await sell.scan(COFFEE);
    await expect.poll(() => sell.lines.count(), SLOW).toBe(1);
    await sell.openPayment();
    await sell.page.keyboard.press('F7');
    await sell.answer('Gift card number', CARD);
    expect(await sell.prompt.getByRole('alert').textContent()).toBe(
      `Offline, at most 50.00 EUR may be taken from gift card ${CARD} at this till; 0.00 EUR is left. Take the rest another way or wait for the connection.`,
    );
    await sell.page.keyboard.press('Escape');
    await sell.prompt.waitFor({ state: 'detached' });
    expect(await tender.tenders.count()).toBe(0);
    await tender.exactCash();
    await sell.waitForCompletion();
    expect(await sell.waiting.textContent()).not.toBe('0 waiting');

    // The server is back: everything waiting is sent, and each ledger entry is there exactly once.
    const back = await server.start();
    await untilSynced(sell);
    const journal = stack.host.journal;
    expect(journal.since(0).entries).toHaveLength(4);
    const onServer = new Set((await storeDocs(back)).map((d) => d._id));
    expect(journaledIds(journal).filter((id) => !onServer.has(id))).toEqual([]);
    expect((await ordersOf(back, stack.terminalId)).length).toBe(4);
    const entries = await ledgerEntriesOf(back, 'gift-card', CARD);
    expect(entries.map((e) => [e['entryKind'], e['delta'], e['offline'], e['terminalId']])).toEqual([
      ['activate', 10000, false, stack.terminalId],
      ['redeem', -4990, true, stack.terminalId],
      ['redeem', -10, true, stack.terminalId],
    ]);
    expect(new Set(entries.map((e) => e._id)).size).toBe(3);
    expect(entries.reduce((n, e) => n + Number(e['delta']), 0)).toBe(5000);

    // A new page starts replication again from its checkpoint: nothing is sent twice.
    await sell.page.close();
    const again = await stack.openSellPage();
    await untilSynced(again);
    expect((await ledgerEntriesOf(back, 'gift-card', CARD)).map((e) => e._id)).toEqual(
      entries.map((e) => e._id),
    );
    expect((await ordersOf(back, stack.terminalId)).length).toBe(4);

    // Within the cap, so the reconciliation reports nothing for this card.
    const report = await hqApi<Reconciliation>(back, 'reconciliation/ledgers');
    expect(report.overRedemptions.map((o) => o.accountId)).not.toContain(CARD);
    expect(report.capBreaches.map((b) => b.accountId)).not.toContain(CARD);
    expect(errorsBesidesOffline(sell.consoleErrors.concat(again.consoleErrors))).toEqual([]);
  }, 300_000);
});
