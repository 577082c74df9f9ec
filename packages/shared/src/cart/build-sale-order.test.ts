import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { isDomainError } from '../errors';
import { createIdFactory } from '../ids';
import { defaultCashRounding } from '../money';
import type { Promotion } from '../pricing';
import { indexPromotions } from '../pricing';
import { validateDocument } from '../schemas';
import type { TaxRegime, TaxTable } from '../tax';
import { EU_VAT_DOCUMENT, US_SALES_TAX_LINE } from '../tax';
import type { Tender } from '../tenders';
import type { Cart, CartItem } from '.';
import {
  addItem,
  addOrderDiscount,
  addReturnLine,
  buildSaleOrder,
  calculateCartTotals,
  emptyCart,
  setCustomer,
} from '.';

const clock = fixedClock(Date.UTC(2026, 10, 23, 15, 30));
const nextId = createIdFactory({ originId: 's001-t01', clock, random: (n) => new Uint8Array(n).fill(7) });
const table: TaxTable = {
  rates: [
    { id: 'std', name: 'VAT 19%', percent: '19' },
    { id: 'red', name: 'VAT 7%', percent: '7' },
  ],
  rules: [
    { taxCategoryId: 'standard', rateIds: ['std'] },
    { taxCategoryId: 'food', rateIds: ['red'] },
  ],
};
const item = (
  sku: string,
  unitPrice: number,
  taxCategoryId = 'standard',
  unit: 'each' | 'kg' = 'each',
): CartItem => ({
  sku,
  name: `Item ${sku}`,
  groupIds: ['all'],
  taxCategoryId,
  unit,
  unitPrice,
  priceSource: { kind: 'price-list', priceListId: 'base' },
});
const promos: Promotion[] = [
  {
    id: 'p-10',
    name: '10% off everything',
    currency: 'CHF',
    kind: 'percent-off',
    target: { groupIds: ['all'] },
    percent: '10',
  },
];

function order(cart: Cart, tenders: Tender[], regime: TaxRegime = EU_VAT_DOCUMENT) {
  const totals = calculateCartTotals({
    cart,
    promotions: indexPromotions(promos),
    taxTable: table,
    regime,
    timeZone: 'Europe/Zurich',
    clock,
  });
  return {
    totals,
    doc: buildSaleOrder({
      orderId: nextId(),
      cart,
      totals,
      tenders,
      cashRounding: cart.currency === 'CHF' ? defaultCashRounding('CHF') : undefined,
      pricesIncludeTax: regime.pricesIncludeTax,
      taxRates: table.rates,
      clock,
      terminalId: 's001-t01',
      cashierId: 'u-anna',
    }),
  };
}

describe('buildSaleOrder', () => {
  it('writes a valid sale with promotions, taxes, cash rounding and change on the cash tender', () => {
    let cart = emptyCart({ id: 'c1', storeId: 's001', currency: 'CHF' });
    cart = addItem(cart, { lineId: 'l1', item: item('A', 1115), quantity: 2 });
    cart = addItem(cart, { lineId: 'l2', item: item('CHEESE', 3200, 'food', 'kg'), quantity: 250 });
    cart = setCustomer(cart, { id: 'cust-42', segmentIds: [] });
    // A: 11.15 - 1.115→1.12 = 10.03 × 2 = 20.06; cheese 8.00 - 0.80 = 7.20; total 27.26.
    const { totals, doc } = order(cart, [{ id: 't1', kind: 'cash', amount: 3000 }]);
    expect(totals.total.amount).toBe(2726);
    const result = validateDocument(doc);
    expect(result).toMatchObject({ ok: true });
    expect(doc.kind).toBe('sale');
    expect(doc.lines[0]).toMatchObject({
      unitPrice: { amount: 1115 },
      grossAmount: { amount: 2230 },
      discounts: [{ promotionId: 'p-10', name: '10% off everything', amount: { amount: 224 } }],
      total: { amount: 2006 },
    });
    expect(doc.lines[1]).toMatchObject({ unit: 'kg', quantity: 1, weightGrams: 250, total: { amount: 720 } });
    // Cash due 27.26 rounds to 27.25: 30.00 tendered, 2.75 change, 27.26 applied to the order.
    expect(doc.tenders).toEqual([
      {
        tenderId: 't1',
        type: 'cash',
        amount: { amount: 2726, currency: 'CHF' },
        tendered: { amount: 3000, currency: 'CHF' },
        change: { amount: 275, currency: 'CHF' },
      },
    ]);
    expect(doc.taxes.reduce((a, t) => a + t.tax.amount, 0)).toBe(doc.totals.taxTotal.amount);
    expect(doc.customer).toEqual({ customerId: 'cust-42' });
  });

  it('writes an exchange with a return line that references the original sale, tax exclusive', () => {
    let cart = emptyCart({ id: 'c2', storeId: 's001', currency: 'USD' });
    cart = addItem(cart, { lineId: 'l1', item: item('B', 2000) });
    cart = addReturnLine(cart, {
      lineId: 'r1',
      item: item('C', 1500),
      quantity: 1,
      returnOf: {
        orderId: 's001-t01-01JD0000000000000000000000',
        orderLineId: 'l7',
        refundableUnitAmount: 1350,
      },
    });
    cart = addOrderDiscount(cart, {
      id: 'od',
      type: 'amount',
      amount: 100,
      reasonCode: 'GOODWILL',
      approvedBy: 'u-mgr',
    });
    // Sale 20.00 - 1.00 = 19.00 + 19% = 3.61 → 22.61; return -13.50 - 2.565→-2.57 = -16.07; total 6.54.
    const { doc } = order(
      cart,
      [
        {
          id: 't1',
          kind: 'card',
          amount: 654,
          card: { maskedPan: '**** 4242', brand: 'VISA', authCode: 'A1B2C3' },
        },
      ],
      US_SALES_TAX_LINE,
    );
    expect(validateDocument(doc)).toMatchObject({ ok: true });
    expect(doc.kind).toBe('exchange');
    expect(doc.totals.total.amount).toBe(654);
    expect(doc.lines[0]?.discounts).toEqual([
      { name: 'Order discount: GOODWILL', amount: { amount: 100, currency: 'USD' }, approvedBy: 'u-mgr' },
    ]);
    expect(doc.returnLines[0]).toMatchObject({
      originalOrderId: 's001-t01-01JD0000000000000000000000',
      originalLineId: 'l7',
      restock: true,
      grossAmount: { amount: 1350 },
      total: { amount: 1607 },
    });
  });

  it('refuses to write an unpaid sale or a card tender without its approval', () => {
    let cart = emptyCart({ id: 'c3', storeId: 's001', currency: 'USD' });
    cart = addItem(cart, { lineId: 'l1', item: item('B', 2000) });
    const codeOf = (tenders: Tender[]) => {
      try {
        order(cart, tenders, US_SALES_TAX_LINE);
        return undefined;
      } catch (error) {
        return isDomainError(error) ? error.code : 'other';
      }
    };
    expect(codeOf([{ id: 't1', kind: 'cash', amount: 100 }])).toBe('order.not-settled');
    expect(codeOf([{ id: 't1', kind: 'card', amount: 2380 }])).toBe('order.card-details-missing');
  });
});
