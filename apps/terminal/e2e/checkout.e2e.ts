import { gs1CheckDigit, priceCheckDigit } from '@store-os/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import {
  checkoutServer,
  keepReceipt,
  scanUntilAdded,
  startCheckout,
  type CheckoutStack,
} from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import { DEMO_CASHIER, DEMO_MANAGER, STORE_ID } from './fixtures';
import { execFileSync } from 'node:child_process';

function socatUnavailable(): string | undefined {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'socat is not installed (the serial simulators need its PTY pairs)';
  }
}

const unavailable = chromiumUnavailable() ?? syncServerUnavailable() ?? socatUnavailable();
if (unavailable) console.log(`checkout.e2e: skipped, ${unavailable}`);

const TEA = '4006381333948';
const COFFEE = '4006381333931';

describe.skipIf(unavailable !== undefined)('checkout at the counter with the simulated devices', () => {
  let server: SyncServerProcess;
  beforeAll(async () => {
    server = await checkoutServer();
  }, 120_000);
  afterAll(() => server?.stop());

  const withCheckout = async (run: (c: CheckoutStack) => Promise<void>) => {
    const checkout = await startCheckout(server);
    try {
      await run(checkout);
      expect(checkout.sell.consoleErrors).toEqual([]);
    } finally {
      await checkout.stop();
    }
  };

  const orderOnServer = async (checkout: CheckoutStack, index: number) => {
    const entry = checkout.stack.host.journal.since(0).entries[index];
    const orderId = entry?.entry.id ?? '';
    await expect
      .poll(() => server.getDocument(`store-${STORE_ID}`, orderId), { timeout: 15_000, interval: 100 })
      .toMatchObject({ _id: orderId, type: 'order' });
    return { orderId, entry, order: (await server.getDocument(`store-${STORE_ID}`, orderId)) ?? {} };
  };

  it('sells scanned items with a promotion explained, paid part card part cash; prints, opens the drawer, syncs', async () => {
    await withCheckout(async (checkout) => {
      const { sell, sims } = checkout;
      await scanUntilAdded(checkout, TEA, 1);
      await sims.scanner.scan(COFFEE);
      await expect.poll(() => sell.lines.count()).toBe(2);
      await expect
        .poll(() => sell.linePromotions.allTextContents())
        .toEqual([expect.stringContaining('Tea −10 %')]);
      expect(await sell.promotions.first().textContent()).toMatch(/Tea −10 %: you save €0\.35/);
      expect(await sell.total.textContent()).toBe('€8.14');
      await expect.poll(() => sims.display.lines[1]).toContain('EUR 8.14');

      const tender = await sell.openPayment();
      await tender.card('5.00');
      await expect
        .poll(() => tender.tenders.allTextContents(), { timeout: 20_000 })
        .toEqual([expect.stringContaining('411111******1111')]);
      // Looking at another screen mid-payment keeps the sale and the approved card.
      const screens = sell.page.getByRole('navigation', { name: 'Screens' });
      await screens.getByRole('button', { name: /^Sync/ }).click();
      await tender.panel.waitFor({ state: 'detached' });
      await screens.getByRole('button', { name: /^Sell/ }).click();
      await expect.poll(() => tender.tenders.count()).toBe(1);
      expect(await sell.lines.count()).toBe(2);
      await tender.cash('5.00');
      await sell.waitForCompletion();
      expect(await sell.message.textContent()).toMatch(
        /Sale complete: €8\.14, change €1\.86\. Receipt printed\. Drawer open\./,
      );

      const [receipt] = await sims.printer.waitForReceipts(1);
      expect(receipt?.text).toContain('Tea -10 %');
      expect(receipt?.text).toMatch(/Change\s+€1\.86/);
      console.log(
        `checkout.e2e: receipt of the full sale rendered at ${await keepReceipt(receipt?.svgPath, 'full-sale-receipt')}`,
      );
      expect(sims.printer.kicks).toBe(1);
      expect(sims.terminal.charges).toHaveLength(1);
      await expect.poll(() => sims.display.lines[1]).toContain('Change');

      const { order } = await orderOnServer(checkout, 0);
      expect(order).toMatchObject({
        cashierId: DEMO_CASHIER.userId,
        totals: { total: { amount: 814 } },
        lines: expect.arrayContaining([
          expect.objectContaining({
            sku: 'TEA-100',
            discounts: [expect.objectContaining({ promotionId: 'tea-10' })],
          }),
        ]) as unknown,
        tenders: [
          expect.objectContaining({ type: 'card', amount: { amount: 500, currency: 'EUR' }, brand: 'visa' }),
          expect.objectContaining({
            type: 'cash',
            amount: { amount: 314, currency: 'EUR' },
            change: { amount: 186, currency: 'EUR' },
          }),
        ] as unknown,
      });
    });
  }, 180_000);

  it('overrides a price with a manager’s approval, survives a declined card and is paid another way', async () => {
    await withCheckout(async (checkout) => {
      const { sell, sims } = checkout;
      await scanUntilAdded(checkout, COFFEE, 1);
      await sell.selectLine('Coffee 250 g');
      await sell.press('Alt+p');
      await sell.answer('Unit price', '3.99');
      await sell.choose(/Price match/);
      await sell.approveAs(DEMO_MANAGER.name, DEMO_MANAGER.pin);
      await expect.poll(() => sell.total.textContent()).toBe('€3.99');
      expect(await sell.page.getByTestId('line-override').textContent()).toContain(
        'Price override (price-match): was €4.99',
      );

      sims.terminal.scenario = 'decline';
      const tender = await sell.openPayment();
      await tender.card('3.99');
      await expect
        .poll(() => tender.failedCards.allTextContents(), { timeout: 20_000 })
        .toEqual([expect.stringContaining('Card declined')]);
      expect(await tender.message.textContent()).toContain('take another card or another way to pay');
      expect(await tender.remaining.textContent()).toBe('€3.99');
      await tender.exactCash();
      await sell.waitForCompletion();
      expect(sims.terminal.charges).toHaveLength(0);

      const { entry } = await orderOnServer(checkout, 0);
      const audit = entry?.entry.documents.find((d) => d['type'] === 'audit-event');
      expect(audit).toMatchObject({
        kind: 'price-override',
        approvedBy: DEMO_MANAGER.userId,
        userId: DEMO_CASHIER.userId,
      });
      await expect
        .poll(() => server.getDocument(`store-${STORE_ID}`, String(audit?.['id'])), { timeout: 15_000 })
        .toMatchObject({ kind: 'price-override', approvedBy: DEMO_MANAGER.userId });
    });
  }, 180_000);

  it('keeps the sale when paper runs out mid-receipt, finishes it once paper is loaded, and reprints a copy', async () => {
    await withCheckout(async (checkout) => {
      const { sell, sims } = checkout;
      await scanUntilAdded(checkout, COFFEE, 1);
      sims.printer.paperOutAfterLines(3);
      const tender = await sell.openPayment();
      await tender.card('4.99');
      await expect
        .poll(() => sell.message.textContent(), { timeout: 30_000 })
        .toMatch(/Sale complete: €4\.99\. Receipt waiting: .*paper/);
      // The sale is complete and journaled while the receipt waits, and already on its way to the server.
      const { orderId } = await orderOnServer(checkout, 0);
      expect(sims.printer.receipts).toHaveLength(0);

      sims.printer.setState({ paperOut: false });
      await expect.poll(() => sell.message.textContent(), { timeout: 30_000 }).toContain('Receipt printed.');
      await sims.printer.waitForReceipts(1);

      await sell.press('Alt+l');
      await sell.choose(/€4\.99/);
      await expect.poll(() => sell.message.textContent(), { timeout: 30_000 }).toBe('Receipt reprinted.');
      const receipts = await sims.printer.waitForReceipts(2);
      expect(receipts[1]?.text).toContain('REPRINT');
      expect(receipts[1]?.text).toContain(`[barcode ${orderId.slice(-20)}]`);
      console.log(
        `checkout.e2e: reprinted receipt at ${await keepReceipt(receipts[1]?.svgPath, 'reprint-after-paper-out')}`,
      );
      expect(sims.terminal.charges).toHaveLength(1);
    });
  }, 180_000);

  it('holds a sale across a page restart, voids a line with a reason, checks a price, attaches a customer, opens the drawer for no sale', async () => {
    await withCheckout(async (checkout) => {
      const { sell, sims, stack } = checkout;
      await scanUntilAdded(checkout, COFFEE, 1);
      await sims.scanner.scan(TEA);
      await expect.poll(() => sell.lines.count()).toBe(2);
      await sell.press('Alt+h');
      await expect.poll(() => sell.message.textContent()).toContain('Sale held');
      expect(await sell.lines.count()).toBe(0);

      await sell.page.close();
      const again = await stack.openSellPage();
      await again.press('Alt+r');
      await again.choose(/2 lines/);
      await expect.poll(() => again.lines.count()).toBe(2);

      await again.selectLine('Tea 100 g');
      await again.press('F8');
      await again.choose(/Scanned in error/);
      await expect.poll(() => again.message.textContent()).toBe('Voided Tea 100 g (scanned-in-error).');
      expect(await again.lines.count()).toBe(1);

      await again.press('Alt+k');
      await again.answer('Scan or type the item', TEA);
      await expect.poll(() => again.message.textContent()).toBe('Price check: Tea 100 g €3.50');
      expect(await again.lines.count()).toBe(1);

      await again.press('Alt+c');
      await again.answer('Phone, e-mail or loyalty card', '079 123 45 67');
      await expect
        .poll(() => again.page.getByTestId('customer').textContent())
        .toBe('Customer: Ada Lovelace (loyalty L77)');
      await again.payCashExact();
      await again.waitForCompletion();
      const { entry } = await orderOnServer(checkout, 0);
      const docs = entry?.entry.documents ?? [];
      expect(docs.find((d) => d['type'] === 'order')).toMatchObject({
        customer: { customerId: 'customer:c-77', loyaltyAccountId: 'L77' },
      });
      expect(docs.filter((d) => d['type'] === 'ledger-entry')).toEqual([
        expect.objectContaining({ ledger: 'loyalty', accountId: 'L77', entryKind: 'earn', delta: 4 }),
      ]);

      await again.press('Alt+n');
      await again.approveAs(DEMO_MANAGER.name, DEMO_MANAGER.pin);
      await expect
        .poll(() => again.message.textContent(), { timeout: 20_000 })
        .toBe('Drawer open (no sale, audited).');
      expect(sims.printer.kicks).toBe(2);
      const audits = await auditKinds();
      expect(audits).toEqual(expect.arrayContaining(['line-void', 'no-sale']));
      expect(again.consoleErrors).toEqual([]);
    });
  }, 180_000);

  it('weighs on the scale, reads a price label, sells a gift card, then takes that card as payment', async () => {
    await withCheckout(async (checkout) => {
      const { sell, sims } = checkout;
      await scanUntilAdded(checkout, COFFEE, 1);
      sims.scale.place(1250);
      await sell.scan('APL-KG');
      await expect.poll(() => sell.lines.count()).toBe(2);
      expect(await sell.lines.nth(1).textContent()).toContain('1.250 kg');
      const label = `2100402${priceCheckDigit('0745')}0745`;
      await sims.scanner.scan(`${label}${gs1CheckDigit(label)}`);
      await expect.poll(() => sell.lines.count()).toBe(3);
      expect(await sell.lines.nth(2).textContent()).toContain('Cheese by the piece');
      await sell.press('Alt+g');
      await sell.answer('Gift card number', '6001 0000 0001');
      await sell.answer('Amount to load', '20.00');
      await expect.poll(() => sell.lines.count()).toBe(4);
      // 4.99 + 2.99/kg × 1.250 kg (3.7375 → 3.74) + 7.45 on the label + 20.00 on the card
      expect(await sell.total.textContent()).toBe('€36.18');
      const tender = await sell.openPayment();
      await tender.card('36.18');
      await sell.waitForCompletion();
      const first = await orderOnServer(checkout, 0);
      expect(first.entry?.entry.documents.filter((d) => d['type'] === 'ledger-entry')).toEqual([
        expect.objectContaining({
          ledger: 'gift-card',
          accountId: '600100000001',
          entryKind: 'activate',
          delta: 2000,
        }),
      ]);
      expect(
        first.entry?.entry.documents.filter((d) => d['type'] === 'movement').map((d) => d['sku']),
      ).toEqual(['COF-250', 'APL-KG', 'CHS-PC']);

      await sims.scanner.scan(COFFEE);
      await expect.poll(() => sell.lines.count()).toBe(1);
      const pay = await sell.openPayment();
      // Store credit has its key on the panel; an unknown credit number is refused with what to do.
      const credit = pay.panel.getByRole('button', { name: /Store credit/ });
      expect(await credit.getAttribute('aria-keyshortcuts')).toBe('F8');
      expect(await credit.textContent()).toBe('F8 Store credit');
      await sell.page.keyboard.press('F8');
      await sell.answer('Store-credit number', 'sc-none01');
      expect(await sell.prompt.getByRole('alert').textContent()).toBe(
        'Store credit SC-NONE01 is not known here.',
      );
      await sell.page.keyboard.press('Escape');
      await sell.prompt.waitFor({ state: 'detached' });
      await sell.page.keyboard.press('F7');
      await sell.answer('Gift card number', '600100000001');
      await sell.waitForCompletion();
      const second = await orderOnServer(checkout, 1);
      expect(second.order).toMatchObject({
        tenders: [
          expect.objectContaining({
            type: 'gift-card',
            accountId: '600100000001',
            amount: { amount: 499, currency: 'EUR' },
          }),
        ],
      });
      expect(second.entry?.entry.documents.filter((d) => d['type'] === 'ledger-entry')).toEqual([
        expect.objectContaining({ ledger: 'gift-card', entryKind: 'redeem', delta: -499, offline: false }),
      ]);
      const receipts = await sims.printer.waitForReceipts(2);
      expect(receipts[1]?.text).toMatch(/Gift card \.\.\.0001\s+€4\.99/);
    });
  }, 180_000);

  /** The kinds of the audit events the server holds for the store. */
  const auditKinds = async (): Promise<string[]> => {
    let kinds: string[] = [];
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server.url}/store-${STORE_ID}/_all_docs?include_docs=true`, {
            headers: { Authorization: server.adminAuthorization },
          });
          const body = (await res.json()) as { rows: { doc?: Record<string, unknown> }[] };
          kinds = body.rows.flatMap((r) =>
            r.doc?.['type'] === 'audit-event' ? [String(r.doc['kind'])] : [],
          );
          return kinds;
        },
        { timeout: 15_000, interval: 250 },
      )
      .toEqual(expect.arrayContaining(['line-void', 'no-sale']));
    return kinds;
  };
});
