// Two terminals of one store offline at the same time, each selling the last coffee on the shelf and
// each paying with the same gift card (4.99 twice from a card holding 8.00). Neither can see the other,
// so both sales go through. After both sync: the negative stock level is in HQ's stock alerts, the
// over-redemption is in the ledger reconciliation report, and every order, movement and ledger entry
// of both tills is on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable } from '../test/sync-server-process';
import { scanUntilAdded, startCheckout, type CheckoutStack } from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import { STORE_ID } from './fixtures';
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
import type { SellPage } from './pages/sell-page';
import { receiveStock } from './pages/ops-server';
import { restartableCheckoutServer, type RestartableServer } from './restartable-server';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-offline-pair.e2e: skipped, ${unavailable}`);

const COFFEE = '4006381333931';
const TEA = '4006381333948';
const CARD = '600100000003';
const FLOOR = `${STORE_ID}-floor`;
const SLOW = { timeout: 30_000, interval: 250 };

interface LevelRow {
  sku: string;
  locationId: string;
  onHand: number;
  alert: string | null;
}
interface Reconciliation {
  entryCount: number;
  overRedemptions: {
    ledger: string;
    accountId: string;
    balance: number;
    overRedeemedBy: number;
    entries: { terminalId: string; entryKind: string; delta: number; offline: boolean }[];
  }[];
}

/** Waits until this terminal knows the card (its activation replicated): the top-up prompt says so. */
async function untilCardKnown(sell: SellPage, card: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await sell.press('Alt+g');
        await sell.answer('Gift card number', card);
        const title = (await sell.prompt.textContent()) ?? '';
        await sell.page.keyboard.press('Escape');
        await sell.prompt.waitFor({ state: 'detached' });
        return title;
      },
      { timeout: 60_000, interval: 1000 },
    )
    .toContain(`Top up gift card …${card.slice(-4)}`);
}

/** Pays the whole sale with the gift card (F12, F7) and waits for the sale to complete. */
async function payByGiftCard(sell: SellPage, card: string): Promise<void> {
  await sell.openPayment();
  await sell.page.keyboard.press('F7');
  await sell.answer('Gift card number', card);
  await sell.waitForCompletion();
  expect(await sell.message.textContent()).toContain('Sale complete: €4.99');
}

describe.skipIf(unavailable !== undefined)('two terminals offline at once', () => {
  let server: RestartableServer;
  const tills: CheckoutStack[] = [];
  beforeAll(async () => {
    server = await restartableCheckoutServer();
    await receiveStock(server.current, STORE_ID, FLOOR, { 'COF-250': 1, 'TEA-100': 5 });
  }, 120_000);
  afterAll(async () => {
    for (const till of tills) await till.stop().catch(() => undefined);
    await server?.dispose();
  });

  it('both sell the last unit and redeem the same card; after sync both are reported and nothing is lost', async () => {
    const a = await startCheckout(server.current);
    tills.push(a);
    const b = await startCheckout(server.current);
    tills.push(b);
    expect(a.stack.terminalId).not.toBe(b.stack.terminalId);

    // Till A sells a tea (plenty on the shelf) and a gift card of 8.00, online.
    await scanUntilAdded(a, TEA, 1);
    await a.sell.press('Alt+g');
    await a.sell.answer('Gift card number', CARD);
    await a.sell.answer('Amount to load', '8.00');
    await a.sell.payCashExact();
    await a.sell.waitForCompletion();
    await untilSynced(a.sell);

    // Till B has the catalog, a coffee on its sale, and knows the card.
    await scanUntilAdded(b, COFFEE, 1);
    await untilCardKnown(b.sell, CARD);

    // The store loses its connection: both tills are offline.
    await server.stop();
    await untilOffline(a.sell);
    await untilOffline(b.sell);

    // Each sells the last coffee and pays 4.99 with the card: 9.98 from 8.00, neither can tell.
    await a.sell.scan(COFFEE);
    await expect.poll(() => a.sell.lines.count(), SLOW).toBe(1);
    await payByGiftCard(a.sell, CARD);
    await payByGiftCard(b.sell, CARD);

    // The server comes back; both tills send what they hold.
    const back = await server.start();
    await untilSynced(a.sell);
    await untilSynced(b.sell);

    // No sale and no ledger entry lost: every journaled document of both tills is on the server.
    const onServer = new Set((await storeDocs(back)).map((d) => d._id));
    const journaled = [...journaledIds(a.stack.host.journal), ...journaledIds(b.stack.host.journal)];
    expect(journaled.filter((id) => !onServer.has(id))).toEqual([]);
    expect((await ordersOf(back, a.stack.terminalId)).length).toBe(2);
    expect((await ordersOf(back, b.stack.terminalId)).length).toBe(1);
    const entries = await ledgerEntriesOf(back, 'gift-card', CARD);
    expect(entries.map((e) => [e['terminalId'], e['entryKind'], e['delta'], e['offline']]).sort()).toEqual(
      [
        [a.stack.terminalId, 'activate', 800, false],
        [a.stack.terminalId, 'redeem', -499, true],
        [b.stack.terminalId, 'redeem', -499, true],
      ].sort(),
    );
    const coffeeMovements = (await storeDocs(back)).filter(
      (d) => d['type'] === 'movement' && d['sku'] === 'COF-250',
    );
    expect(coffeeMovements.map((m) => [m['reason'], m['delta']]).sort()).toEqual([
      ['receive', 1],
      ['sale', -1],
      ['sale', -1],
    ]);

    // The oversell: the stock level is −1 and HQ lists it among the negative-stock alerts.
    await expect
      .poll(
        async () => (await back.getDocument('stock-levels', `stock-level:COF-250:${FLOOR}`))?.['onHand'],
        SLOW,
      )
      .toBe(-1);
    await expect
      .poll(
        async () =>
          (await hqApi<{ negative: { rows: LevelRow[] } }>(back, `stock/alerts?store=${STORE_ID}`)).negative
            .rows,
        SLOW,
      )
      .toEqual([
        expect.objectContaining({ sku: 'COF-250', locationId: FLOOR, onHand: -1, alert: 'negative' }),
      ]);

    // The over-redemption: the reconciliation report names the card, by how much, and both tills' entries.
    const report = await hqApi<Reconciliation>(back, `reconciliation/ledgers?store=${STORE_ID}`);
    expect(report.overRedemptions).toEqual([
      expect.objectContaining({ ledger: 'gift-card', accountId: CARD, balance: -198, overRedeemedBy: 198 }),
    ]);
    expect(
      report.overRedemptions[0]?.entries
        .filter((e) => e.entryKind === 'redeem')
        .map((e) => e.terminalId)
        .sort(),
    ).toEqual([a.stack.terminalId, b.stack.terminalId].sort());
    expect(errorsBesidesOffline(a.sell.consoleErrors.concat(b.sell.consoleErrors))).toEqual([]);
  }, 400_000);
});
