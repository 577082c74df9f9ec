// Golden receipts: every expected figure below is worked out by hand in the comments, so a change
// in rounding, allocation or promotion selection shows up as a changed receipt.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { indexPromotions } from '../pricing';
import type { Promotion } from '../pricing';
import { EU_VAT_DOCUMENT, US_SALES_TAX_LINE } from '../tax';
import type { TaxTable } from '../tax';
import { tenderState } from '../tenders';
import type { Cart, CartItem } from '.';
import { addCoupon, addItem, addOrderDiscount, calculateCartTotals, emptyCart, setLineDiscount } from '.';

const item = (
  sku: string,
  unitPrice: number,
  taxCategoryId: string,
  groupIds: string[] = [],
  unit: 'each' | 'kg' = 'each',
): CartItem => ({
  sku,
  name: sku,
  groupIds,
  taxCategoryId,
  unit,
  unitPrice,
  priceSource: { kind: 'price-list', priceListId: 'base' },
});

describe('golden receipt: German store, VAT inclusive, document rounding', () => {
  const table: TaxTable = {
    rates: [
      { id: 'de-19', name: 'MwSt 19%', percent: '19' },
      { id: 'de-7', name: 'MwSt 7%', percent: '7' },
    ],
    rules: [
      { taxCategoryId: 'standard', rateIds: ['de-19'] },
      { taxCategoryId: 'food', rateIds: ['de-7'] },
    ],
  };
  const eur = { currency: 'EUR' } as const;
  const promotions: Promotion[] = [
    {
      ...eur,
      id: 'milk-3for2',
      name: 'Milch 3 für 2',
      kind: 'buy-x-get-y',
      buy: { skus: ['MILK'] },
      buyQuantity: 2,
      getQuantity: 1,
    },
    {
      ...eur,
      id: 'coffee-20',
      name: 'Kaffee -20%',
      kind: 'percent-off',
      target: { skus: ['COFFEE'] },
      percent: '20',
    },
    {
      ...eur,
      id: 'spend-30',
      name: 'Ab 30 € 3 € Rabatt',
      kind: 'spend-threshold',
      threshold: 3000,
      amountOff: 300,
    },
  ];
  let cart: Cart = emptyCart({ id: 'c1', storeId: 'berlin-1', currency: 'EUR' });
  cart = addItem(cart, { lineId: 'l1', item: item('MILK', 119, 'food'), quantity: 3 });
  cart = addItem(cart, { lineId: 'l2', item: item('COFFEE', 899, 'food') });
  cart = addItem(cart, { lineId: 'l3', item: item('BATTERIES', 1499, 'standard') });
  cart = addItem(cart, { lineId: 'l4', item: item('CHEESE', 2490, 'food', [], 'kg'), quantity: 312 });
  cart = addItem(cart, { lineId: 'l5', item: item('ROLL', 35, 'food'), quantity: 4 });
  cart = setLineDiscount(cart, 'l3', { type: 'amount', amount: 100, reasonCode: 'PRICE-MATCH' });

  const totals = calculateCartTotals({
    cart,
    promotions: indexPromotions(promotions),
    taxTable: table,
    regime: EU_VAT_DOCUMENT,
    timeZone: 'Europe/Berlin',
    clock: fixedClock(Date.UTC(2026, 10, 23, 15)),
  });

  it('applies the promotions and allocates the spend threshold by largest remainder', () => {
    // Base: milk 3 × 1.19 = 3.57; coffee 8.99; batteries 14.99; cheese 24.90/kg × 312 g = 7.7688 → 7.77;
    // rolls 4 × 0.35 = 1.40. Subtotal 36.72.
    // Milk 3 for 2: one 1.19 free. Coffee -20%: 1.798 → 1.80. Left: 2.38, 7.19, 14.99, 7.77, 1.40 = 33.73 ≥ 30.
    // 3.00 over weights (238, 719, 1499, 777, 140)/3373: floors 21, 63, 133, 69, 12 = 298; the two largest
    // remainders (.949 coffee, .452 rolls) get the 2 left → 21, 64, 133, 69, 13.
    expect(totals.lines.map((l) => [l.lineId, l.baseAmount, l.promotionDiscount])).toEqual([
      ['l1', 357, 119 + 21],
      ['l2', 899, 180 + 64],
      ['l3', 1499, 133],
      ['l4', 777, 69],
      ['l5', 140, 13],
    ]);
    expect(totals.promotions.map((p) => [p.promotionId, p.amount])).toEqual([
      ['coffee-20', 180],
      ['milk-3for2', 119],
      ['spend-30', 300],
    ]);
    expect(totals.promotions.find((p) => p.promotionId === 'milk-3for2')?.lines).toEqual([
      { lineId: 'l1', quantity: 1, amount: 119 },
    ]);
    // Batteries then take the 1.00 price match: 14.99 - 1.33 - 1.00 = 12.66.
    expect(totals.manualDiscounts).toEqual([
      {
        scope: 'line',
        id: 'l3',
        reasonCode: 'PRICE-MATCH',
        amount: 100,
        lines: [{ lineId: 'l3', amount: 100 }],
      },
    ]);
    expect(totals.lines.map((l) => l.charged)).toEqual([217, 655, 1266, 708, 127]);
  });

  it('rounds VAT once per rate and spreads the difference over the lines', () => {
    // 7%: 2.17 + 6.55 + 7.08 + 1.27 = 17.07 gross → 17.07 × 7/107 = 1.11673 → 1.12.
    //   Line by line: 14.196 → 14, 42.850 → 43, 46.318 → 46, 8.308 → 8 = 1.11; the extra cent goes to the
    //   largest line (cheese, 7.08) → 47.
    // 19%: 12.66 × 19/119 = 2.02134 → 2.02.
    expect(totals.lines.map((l) => l.tax)).toEqual([14, 43, 202, 47, 8]);
    expect(
      totals.taxBreakdown.map((r) => [r.rateId, r.taxable.amount, r.tax.amount, r.gross.amount]),
    ).toEqual([
      ['de-19', 1064, 202, 1266],
      ['de-7', 1595, 112, 1707],
    ]);
    // Total 36.72 - 6.99 discounts = 29.73, VAT included: 3.14.
    expect(totals.subtotal.amount).toBe(3672);
    expect(totals.discountTotal.amount).toBe(699);
    expect(totals.tax.amount).toBe(314);
    expect(totals.total.amount).toBe(2973);
  });

  it('takes cash and gives change to the cent (no cash rounding in Germany)', () => {
    const s = tenderState({ total: totals.total, tenders: [{ id: 't1', kind: 'cash', amount: 5000 }] });
    expect(s).toMatchObject({ due: { amount: 2973 }, change: { amount: 2027 }, canComplete: true });
  });
});

describe('golden receipt: Austin, Texas, sales tax exclusive, line rounding, state + city', () => {
  const table: TaxTable = {
    rates: [
      { id: 'tx-state', name: 'Texas 6.25%', percent: '6.25' },
      { id: 'austin', name: 'Austin 2%', percent: '2' },
    ],
    rules: [
      { taxCategoryId: 'standard', rateIds: ['tx-state', 'austin'] },
      { taxCategoryId: 'grocery', rateIds: [] },
    ],
  };
  const usd = { currency: 'USD' } as const;
  const promotions: Promotion[] = [
    {
      ...usd,
      id: 'soda-3for5',
      name: 'Any 3 sodas for $5',
      kind: 'mix-and-match',
      target: { groupIds: ['soda'] },
      quantity: 3,
      price: 500,
    },
    {
      ...usd,
      id: 'detergent-1off',
      name: '$1 off detergent',
      kind: 'amount-off',
      target: { skus: ['DETERGENT'] },
      amountOff: 100,
    },
    {
      ...usd,
      id: 'save10',
      name: 'Coupon: 10% off household',
      kind: 'percent-off',
      target: { groupIds: ['household'] },
      percent: '10',
      couponCode: 'SAVE10',
    },
  ];
  let cart: Cart = emptyCart({ id: 'c2', storeId: 'austin-1', currency: 'USD' });
  cart = addItem(cart, { lineId: 'l1', item: item('COLA', 199, 'standard', ['soda']), quantity: 2 });
  cart = addItem(cart, { lineId: 'l2', item: item('LEMON', 229, 'standard', ['soda']), quantity: 2 });
  cart = addItem(cart, { lineId: 'l3', item: item('DETERGENT', 1199, 'standard', ['household']) });
  cart = addItem(cart, { lineId: 'l4', item: item('TOWELS', 649, 'standard', ['household']) });
  cart = addItem(cart, { lineId: 'l5', item: item('APPLES', 439, 'grocery', [], 'kg'), quantity: 1130 });
  cart = addCoupon(cart, 'save10');
  cart = addOrderDiscount(cart, { id: 'od1', type: 'amount', amount: 200, reasonCode: 'SERVICE-RECOVERY' });

  const totals = calculateCartTotals({
    cart,
    promotions: indexPromotions(promotions),
    taxTable: table,
    regime: US_SALES_TAX_LINE,
    timeZone: 'America/Chicago',
    clock: fixedClock(Date.UTC(2026, 10, 23, 18)),
  });

  it('picks the best offers: 3 sodas for $5 on the dearest three, the coupon over $1 off', () => {
    // Sodas 2.29, 2.29, 1.99 = 6.57 → 5.00: 1.57 spread by price: 54.7, 54.7, 47.6 → floors 54, 54, 47,
    // the 2 left to the largest remainders (the two lemons) → 55, 55, 47.
    // Detergent: 10% of 11.99 = 1.199 → 1.20 beats 1.00 off. Towels: 0.649 → 0.65.
    expect(totals.promotions.map((p) => [p.promotionId, p.amount, p.lines])).toEqual([
      [
        'save10',
        185,
        [
          { lineId: 'l3', quantity: 1, amount: 120 },
          { lineId: 'l4', quantity: 1, amount: 65 },
        ],
      ],
      [
        'soda-3for5',
        157,
        [
          { lineId: 'l1', quantity: 1, amount: 47 },
          { lineId: 'l2', quantity: 2, amount: 110 },
        ],
      ],
    ]);
    expect(totals.coupons).toEqual([{ code: 'SAVE10', status: 'applied' }]);
  });

  it('allocates the $2 order discount over the lines for tax and returns', () => {
    // Left after promotions: 3.51, 3.48, 10.79, 5.84, apples 4.39/kg × 1.130 kg = 4.9607 → 4.96; Σ 28.58.
    // 2.00 × w / 28.58 → 24.56, 24.35, 75.51, 40.87, 34.71: floors 197, the 3 left to .867, .709, .562
    // (towels, apples, cola) → 25, 24, 75, 41, 35.
    expect(totals.manualDiscounts[0]?.lines).toEqual([
      { lineId: 'l1', amount: 25 },
      { lineId: 'l2', amount: 24 },
      { lineId: 'l3', amount: 75 },
      { lineId: 'l4', amount: 41 },
      { lineId: 'l5', amount: 35 },
    ]);
    expect(totals.lines.map((l) => l.charged)).toEqual([326, 324, 1004, 543, 461]);
  });

  it('adds 8.25% per line, split between state and city, and none on groceries', () => {
    // 3.26 × 8.25% = 26.895 → 27 (state/city split 25:8 → 20/7); 3.24 → 26.73 → 27 (20/7);
    // 10.04 → 82.83 → 83 (63/20); 5.43 → 44.7975 → 45 (34/11); apples exempt → 0.
    expect(totals.lines.map((l) => l.tax)).toEqual([27, 27, 83, 45, 0]);
    expect(totals.taxBreakdown.map((r) => [r.rateId, r.taxable.amount, r.tax.amount])).toEqual([
      ['austin', 2197, 45],
      ['tx-state', 2197, 137],
    ]);
    // Subtotal 32.00 - 5.42 discounts = 26.58 + 1.82 tax = 28.40.
    expect(totals.subtotal.amount).toBe(3200);
    expect(totals.discountTotal.amount).toBe(542);
    expect(totals.tax.amount).toBe(182);
    expect(totals.total.amount).toBe(2840);
  });

  it('splits card and cash, change only from cash', () => {
    const s = tenderState({
      total: totals.total,
      tenders: [
        { id: 't1', kind: 'card', amount: 2000, reference: '**** 4242 / 123456' },
        { id: 't2', kind: 'cash', amount: 1000 },
      ],
    });
    expect(s).toMatchObject({ paid: { amount: 3000 }, change: { amount: 160 }, canComplete: true });
  });
});
