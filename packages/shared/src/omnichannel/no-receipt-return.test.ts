import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderDoc } from '../schemas';
import { exampleOrder } from '../schemas';
import type { EvaluateNoReceiptInput, NoReceiptItem } from './evaluate-no-receipt-return';
import { evaluateNoReceiptReturn, LOCAL_LIMITS_NOTE } from './evaluate-no-receipt-return';
import type { NoReceiptReturnPolicy } from './no-receipt-policy';
import { noReceiptReturnHistory } from './no-receipt-policy';
import { noReceiptUnitPrice } from './no-receipt-price';

const NOW = Date.UTC(2026, 10, 23, 16, 0, 0);
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const policy: NoReceiptReturnPolicy = {
  currency: 'EUR',
  priceBasis: { kind: 'lowest-recent', days: 30 },
  limits: { windowDays: 90, maxReturns: 3, maxAmount: 10_000 },
  excludedGroupIds: ['electronics'],
};
const mug: NoReceiptItem = { sku: 'MUG', name: 'Mug', unit: 'each', quantity: 2, groupIds: ['kitchen'] };
const history = [
  { sku: 'MUG', unitPrice: 1200, from: daysAgo(100) },
  { sku: 'MUG', unitPrice: 800, from: daysAgo(20) }, // sale price
  { sku: 'MUG', unitPrice: 1100, from: daysAgo(5) },
  { sku: 'MUG', unitPrice: 900, from: daysAgo(-2) }, // announced, not yet in effect
];
const input: EvaluateNoReceiptInput = {
  policy,
  customerId: 'customer:c-77',
  items: [mug],
  priceHistory: history,
  history: [],
  historyScope: 'chain',
  now: NOW,
};

describe('no-receipt price basis', () => {
  it('current, lowest in the window (counting the price in effect at its start), or a fixed list', () => {
    const price = (basis: NoReceiptReturnPolicy['priceBasis']) =>
      noReceiptUnitPrice(
        { priceBasis: basis },
        'MUG',
        history,
        [{ id: 'ret', name: 'Returns', currency: 'EUR', prices: { MUG: 500 } }],
        NOW,
      );
    expect(price({ kind: 'current' })).toBe(1100);
    expect(price({ kind: 'lowest-recent', days: 30 })).toBe(800);
    expect(price({ kind: 'lowest-recent', days: 3 })).toBe(1100); // only the price in effect 3 days ago
    expect(price({ kind: 'price-list', priceListId: 'ret' })).toBe(500);
    expect(() => price({ kind: 'price-list', priceListId: 'nope' })).toThrow(/sync the catalog/);
  });
});

describe('evaluateNoReceiptReturn', () => {
  it('allows within limits at the lowest recent price, store credit only, manager approval always', () => {
    const decision = evaluateNoReceiptReturn(input);
    expect(decision).toMatchObject({
      allowed: true,
      refund: { amount: 1600, currency: 'EUR' },
      basis: 'lowest-recent',
      refundMethods: ['store-credit'],
      managerApprovalRequired: true,
      limitsCheckedLocallyOnly: false,
    });
  });

  it('values a weighed item per gram, rounding half up', () => {
    const cheese: NoReceiptItem = { sku: 'CHEESE', name: 'Cheese', unit: 'kg', quantity: 333, groupIds: [] };
    const decision = evaluateNoReceiptReturn({
      ...input,
      items: [cheese],
      priceHistory: [{ sku: 'CHEESE', unitPrice: 1999, from: daysAgo(40) }],
    });
    expect(decision.allowed && decision.refund.amount).toBe(666); // 19.99 × 0.333 = 6.65667
  });

  it('refuses excluded categories, unknown customers and unpriced items with what to do', () => {
    const tv: NoReceiptItem = { sku: 'TV', name: 'TV', unit: 'each', quantity: 1, groupIds: ['electronics'] };
    expect(evaluateNoReceiptReturn({ ...input, items: [mug, tv] })).toMatchObject({
      allowed: false,
      refusal: 'excluded-category',
      skus: ['TV'],
      message: expect.stringMatching(/take them off/) as unknown,
    });
    expect(evaluateNoReceiptReturn({ ...input, customerId: undefined })).toMatchObject({
      refusal: 'customer-required',
    });
    const pen: NoReceiptItem = { ...mug, sku: 'PEN', name: 'Pen' };
    expect(evaluateNoReceiptReturn({ ...input, items: [pen] })).toMatchObject({
      refusal: 'no-price',
      skus: ['PEN'],
    });
  });

  it('counts earlier returns in the rolling window only, and says when only this store was checked', () => {
    const earlier = [
      { orderId: 'a', storeId: 's001', at: daysAgo(10), amount: 4000 },
      { orderId: 'b', storeId: 's001', at: daysAgo(60), amount: 4000 },
      { orderId: 'c', storeId: 's001', at: daysAgo(120), amount: 9000 }, // outside the window
    ];
    const amountHit = evaluateNoReceiptReturn({
      ...input,
      items: [{ ...mug, quantity: 3 }],
      history: earlier,
      historyScope: 'this-store',
    });
    expect(amountHit).toMatchObject({
      allowed: false,
      refusal: 'amount-limit',
      limitsCheckedLocallyOnly: true,
      windowReturns: 2,
      windowAmount: 8000,
    });
    expect(!amountHit.allowed && amountHit.message).toMatch(
      /\(counted in this store only\): 20\.00 EUR is left/,
    );
    const countHit = evaluateNoReceiptReturn({
      ...input,
      history: [...earlier, { orderId: 'd', storeId: 's002', at: daysAgo(1), amount: 1 }],
    });
    expect(countHit).toMatchObject({ refusal: 'count-limit' });
    expect(LOCAL_LIMITS_NOTE).toBe("Limits checked against this store's data only.");
  });

  it('rejects a broken policy or quantity with the setting to fix', () => {
    expect(() =>
      evaluateNoReceiptReturn({
        ...input,
        policy: { ...policy, limits: { ...policy.limits, maxReturns: 0 } },
      }),
    ).toThrow(/limits.maxReturns/);
    expect(() => evaluateNoReceiptReturn({ ...input, items: [{ ...mug, quantity: -1 }] })).toThrow(
      /whole positive/,
    );
  });

  it('property: an allowed return never takes the window past either limit', () => {
    const record = fc.record({
      orderId: fc.string({ minLength: 1, maxLength: 4 }),
      storeId: fc.constant('s001'),
      at: fc.integer({ min: 0, max: 200 }).map(daysAgo),
      amount: fc.integer({ min: 0, max: 5000 }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), fc.integer({ min: 1, max: 8 }), (earlier, quantity) => {
        const decision = evaluateNoReceiptReturn({
          ...input,
          history: earlier,
          items: [{ ...mug, quantity }],
        });
        const recent = earlier.filter((r) => Date.parse(r.at) > NOW - 90 * 86_400_000);
        if (decision.allowed) {
          expect(recent.length + 1).toBeLessThanOrEqual(policy.limits.maxReturns);
          expect(recent.reduce((s, r) => s + r.amount, 0) + decision.refund.amount).toBeLessThanOrEqual(
            policy.limits.maxAmount,
          );
          expect(decision.refund.amount).toBe(800 * quantity);
        } else {
          expect(['count-limit', 'amount-limit']).toContain(decision.refusal);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('noReceiptReturnHistory', () => {
  it('counts the customer’s return orders with unreferenced lines once each', () => {
    const line = { ...exampleOrder.lines[0], lineId: 'r1', restock: true };
    const ret = {
      ...exampleOrder,
      id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0C',
      kind: 'return',
      lines: [],
      returnLines: [line, { ...line, lineId: 'r2', originalOrderId: exampleOrder.id, originalLineId: 'l1' }],
    } as unknown as OrderDoc;
    const other = {
      ...ret,
      id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0D',
      customer: { customerId: 'customer:x' },
    } as OrderDoc;
    expect(noReceiptReturnHistory([ret, ret, other], 'customer:c-77')).toEqual([
      { orderId: ret.id, storeId: 's001', at: ret.createdAt, amount: 900 },
    ]);
  });
});
