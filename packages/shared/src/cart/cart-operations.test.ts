import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { isDomainError } from '../errors';
import { indexPromotions } from '../pricing';
import type { PriceList } from '../pricing';
import { EU_VAT_DOCUMENT } from '../tax';
import type { TaxTable } from '../tax';
import type { Cart, CartItem } from '.';
import {
  addCoupon,
  addItem,
  addOrderDiscount,
  addReturnLine,
  calculateCartTotals,
  emptyCart,
  overridePrice,
  removeCoupon,
  removeLine,
  repriceCart,
  setCustomer,
  setLineDiscount,
  setQuantity,
  setWeight,
} from '.';

const pen: CartItem = {
  sku: 'PEN',
  name: 'Pen',
  groupIds: [],
  taxCategoryId: 'std',
  unit: 'each',
  unitPrice: 250,
  priceSource: { kind: 'price-list', priceListId: 'base' },
};
const cheese: CartItem = { ...pen, sku: 'CHEESE', name: 'Cheese', unit: 'kg', unitPrice: 2000 };
const table: TaxTable = {
  rates: [{ id: 'v', name: 'VAT 19%', percent: '19' }],
  rules: [{ taxCategoryId: 'std', rateIds: ['v'] }],
};
const start = () => emptyCart({ id: 'c', storeId: 's1', currency: 'EUR' });
const totalsOf = (cart: Cart) =>
  calculateCartTotals({
    cart,
    promotions: indexPromotions([]),
    taxTable: table,
    regime: EU_VAT_DOCUMENT,
    timeZone: 'Europe/Berlin',
    clock: fixedClock(0),
  });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : 'other';
  }
  return undefined;
}

describe('cart operations', () => {
  it('adds lines with injected ids, merges repeat scans, and never mutates the input', () => {
    let n = 0;
    const newId = () => `line-${++n}`;
    const empty = start();
    const one = addItem(empty, { newId, item: pen });
    const two = addItem(one, { newId, item: pen });
    expect(empty.lines).toHaveLength(0);
    expect(two.lines).toEqual([{ ...pen, lineId: 'line-1', quantity: 2 }]);
    const separate = addItem(two, { newId, item: pen, merge: false });
    expect(separate.lines.map((l) => l.lineId)).toEqual(['line-1', 'line-2']);
    expect(codeOf(() => addItem(separate, { lineId: 'line-1', item: pen, merge: false }))).toBe(
      'cart.duplicate-line',
    );
  });

  it('sets quantity and weight, removes lines, and rejects bad input with typed errors', () => {
    let cart = addItem(start(), { lineId: 'a', item: pen });
    cart = addItem(cart, { lineId: 'b', item: cheese, quantity: 250 });
    cart = setQuantity(cart, 'a', 4);
    cart = setWeight(cart, 'b', 500);
    expect(cart.lines.map((l) => l.quantity)).toEqual([4, 500]);
    expect(codeOf(() => setQuantity(cart, 'a', -1))).toBe('cart.bad-quantity');
    expect(codeOf(() => setQuantity(cart, 'a', 1.5))).toBe('cart.bad-quantity');
    expect(codeOf(() => addItem(cart, { lineId: 'c', item: cheese }))).toBe('cart.bad-weight');
    expect(codeOf(() => setQuantity(cart, 'b', 2))).toBe('cart.weighed-line');
    expect(codeOf(() => setWeight(cart, 'a', 2))).toBe('cart.not-weighed');
    expect(codeOf(() => setQuantity(cart, 'zz', 2))).toBe('cart.line-not-found');
    expect(codeOf(() => overridePrice(cart, 'a', { unitPrice: -1, reasonCode: 'X' }))).toBe('cart.bad-price');
    expect(codeOf(() => overridePrice(cart, 'a', { unitPrice: 100, reasonCode: ' ' }))).toBe(
      'cart.override-reason',
    );
    expect(
      codeOf(() => setLineDiscount(cart, 'a', { type: 'percent', percent: '120', reasonCode: 'X' })),
    ).toBe('cart.bad-discount');
    expect(removeLine(cart, 'a').lines.map((l) => l.lineId)).toEqual(['b']);
    try {
      setQuantity(cart, 'a', 0);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('add a return line');
    }
  });

  it('prices overrides, discounts, weights and returns into totals', () => {
    let cart = addItem(start(), { lineId: 'a', item: pen, quantity: 2 });
    cart = addItem(cart, { lineId: 'b', item: cheese, quantity: 333 }); // 20.00/kg × 0.333 = 6.66
    cart = overridePrice(cart, 'a', { unitPrice: 200, reasonCode: 'DAMAGED' });
    cart = setLineDiscount(cart, 'b', { type: 'percent', percent: '10', reasonCode: 'STAFF' }); // 0.666 → 0.67
    cart = addReturnLine(cart, {
      lineId: 'r',
      item: pen,
      quantity: 1,
      returnOf: { orderId: 'o-1', orderLineId: 'ol-3', refundableUnitAmount: 225 },
    });
    const t = totalsOf(cart);
    expect(t.lines.map((l) => [l.lineId, l.baseAmount, l.charged])).toEqual([
      ['a', 400, 400],
      ['b', 666, 599],
      ['r', -225, -225],
    ]);
    expect(t.total.amount).toBe(400 + 599 - 225);
    // The return's VAT is the mirror of a 2.25 sale: 225 × 19/119 = 35.9 → 36.
    expect(t.lines[2]?.tax).toBe(-36);
    expect(cart.lines[2]?.quantity).toBe(-1);
  });

  it('caps manual order discounts at what is left, so no line goes below zero', () => {
    let cart = addItem(start(), { lineId: 'a', item: pen });
    cart = setLineDiscount(cart, 'a', { type: 'amount', amount: 999, reasonCode: 'X' });
    cart = addOrderDiscount(cart, { id: 'd', type: 'amount', amount: 500, reasonCode: 'Y' });
    const t = totalsOf(cart);
    expect(t.lines[0]?.charged).toBe(0);
    expect(t.manualDiscounts.map((d) => d.amount)).toEqual([250]);
    expect(t.total.amount).toBe(0);
  });

  it('keeps order discounts summing exactly over lines, whatever the cart', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ price: fc.integer({ min: 0, max: 50_000 }), qty: fc.integer({ min: 1, max: 5 }) }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 100_000 }),
        (lines, discount) => {
          let cart = start();
          lines.forEach((l, i) => {
            cart = addItem(cart, {
              lineId: `l${i}`,
              item: { ...pen, unitPrice: l.price },
              quantity: l.qty,
              merge: false,
            });
          });
          cart = addOrderDiscount(cart, { id: 'd', type: 'amount', amount: discount, reasonCode: 'R' });
          const t = totalsOf(cart);
          const base = t.lines.reduce((a, l) => a + l.baseAmount, 0);
          const given = t.lines.reduce((a, l) => a + l.orderDiscount, 0);
          expect(given).toBe(Math.min(discount, base));
          t.lines.forEach((l) => expect(l.charged).toBeGreaterThanOrEqual(0));
          expect(t.total.amount).toBe(base - given);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('attaches customers and coupons, and reprices for the customer group', () => {
    const lists: PriceList[] = [
      { id: 'base', name: 'Base', currency: 'EUR', prices: { PEN: 250 } },
      { id: 'staff', name: 'Staff', currency: 'EUR', customerGroupIds: ['staff'], prices: { PEN: 199 } },
    ];
    let cart = addItem(start(), { lineId: 'a', item: pen });
    cart = setCustomer(cart, { id: 'cust-1', groupId: 'staff', segmentIds: [] });
    cart = repriceCart(cart, lists);
    expect(cart.lines[0]).toMatchObject({
      unitPrice: 199,
      priceSource: { kind: 'price-list', priceListId: 'staff' },
    });
    expect(setCustomer(cart, undefined).customer).toBeUndefined();
    cart = addCoupon(addCoupon(cart, 'Save10'), 'SAVE10 ');
    expect(cart.couponCodes).toEqual(['Save10']);
    expect(removeCoupon(cart, 'save10').couponCodes).toEqual([]);
  });
});
