import { validateDocument, type MovementDoc, type OrderDoc } from '@store-os/shared';
import { isEndlessAisleOrder } from '@store-os/shared/omnichannel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findItem } from '../../catalog/find-item';
import { loadPricingContext } from '../../catalog/pricing-context';
import { opsTestDeps } from '../common/ops-test-kit';
import { storeDocsOfType } from '../common/store-docs';
import { priceNewLines } from '../returns/price-new-lines';
import { runAisleSale, type AisleSaleInput } from './aisle-sale';

let kit: Awaited<ReturnType<typeof opsTestDeps>>;
beforeEach(async () => {
  kit = await opsTestDeps();
});
afterEach(() => kit.dispose());

async function saleOf(units: number, shipTo = '12 Rue de la Paix, Paris'): Promise<AisleSaleInput> {
  const pricing = await loadPricingContext(kit.deps.db, 's001');
  const found = await findItem(kit.deps.db, 'COF-250');
  if (found.kind !== 'item') throw new Error('COF-250 missing from the sample catalog');
  return {
    orderId: kit.deps.newId(),
    lines: priceNewLines(Array(units).fill(found.item), pricing, Date.UTC(2026, 10, 23, 9)),
    currency: 'EUR',
    pricesIncludeTax: true,
    shipTo,
    customerId: 'customer:c-77',
    cashierId: 'u1',
    createdAt: '2026-11-23T09:00:00.000Z',
    storeId: 's001',
    terminalId: 's001-t01',
  };
}

describe('endless-aisle sale at the counter', () => {
  it('is paid in cash now and written as a ship order with no stock movement here (the goods are elsewhere)', async () => {
    const shiftId = kit.deps.newId();
    const input = { ...(await saleOf(2)), shiftId };
    const done = await runAisleSale(kit.deps, input, { kind: 'cash', tendered: 2000 });
    expect(done.order).toMatchObject({
      kind: 'sale',
      // The cash is in this till's drawer: its shift's close counts it.
      shiftId,
      channel: 'store',
      fulfillment: 'ship',
      note: 'Ship to: 12 Rue de la Paix, Paris',
      customer: { customerId: 'customer:c-77' },
      totals: { total: { amount: 998 } },
      tenders: [{ type: 'cash', amount: { amount: 998 }, change: { amount: 1002 } }],
    });
    expect(isEndlessAisleOrder(done.order)).toBe(true);
    expect(validateDocument(done.order)).toMatchObject({ ok: true });
    // Stored locally (pending sync, routed by the server), journalled, drawer opened, receipt printed.
    expect((await storeDocsOfType<OrderDoc>(kit.deps.db, 'order')).map((o) => o.id)).toEqual([done.order.id]);
    expect(await storeDocsOfType<MovementDoc>(kit.deps.db, 'movement')).toEqual([]);
    expect(kit.host.calls.map((c) => c.method)).toEqual(['journal.append', 'drawer.open', 'printer.print']);
    expect(done.summary).toMatch(/routed to the shipping store when this till syncs/);
  });

  it('charges a card once through the payment terminal and records its approval', async () => {
    const input = await saleOf(1);
    const done = await runAisleSale(kit.deps, input, { kind: 'card' });
    expect(done.order.tenders).toMatchObject([
      { type: 'card', amount: { amount: 499 }, authCode: 'A1', token: 'tok-new', maskedPan: '****4242' },
    ]);
    const starts = kit.host.calls.filter((c) => c.method === 'payment.start');
    expect(starts.map((c) => c.request)).toEqual([
      { transactionId: `${input.orderId}-p1`, amount: 499, currency: 'EUR' },
    ]);
  });

  it('refuses without an address or with too little cash, before charging or writing anything', async () => {
    await expect(runAisleSale(kit.deps, await saleOf(1, '  '), { kind: 'card' })).rejects.toThrow(
      /delivery address/,
    );
    await expect(runAisleSale(kit.deps, await saleOf(1), { kind: 'cash', tendered: 100 })).rejects.toThrow(
      /at least/,
    );
    expect(kit.host.calls.filter((c) => c.method === 'payment.start')).toEqual([]);
    expect(await storeDocsOfType<OrderDoc>(kit.deps.db, 'order')).toEqual([]);
  });
});
