import { describe, expect, it } from 'vitest';
import { priceReturn, settleExchange } from '../orders';
import type { OrderDoc, OrderLineDoc } from '../schemas';
import { exampleOrder } from '../schemas';
import { evaluateNoReceiptReturn } from './evaluate-no-receipt-return';
import { exchangeDirection, settleNoReceiptExchange } from './exchange-direction';

const sale = exampleOrder as unknown as OrderDoc;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const newLine = (total: number): OrderLineDoc => ({
  ...sale.lines[0]!,
  lineId: 'n1',
  quantity: 1,
  grossAmount: eur(total),
  discounts: [],
  total: eur(total),
});

describe('exchangeDirection (with receipt)', () => {
  const returnLines = priceReturn({
    original: sale,
    earlierReturns: [],
    requests: [{ originalLineId: 'l1', quantity: 1, restock: true }],
  }); // one coffee: 4.50 paid
  const settle = (total: number) =>
    exchangeDirection(
      settleExchange({ original: sale, earlierReturns: [], returnLines, newLines: [newLine(total)] }),
    );

  it('says the customer pays, the store pays back to the original card, or nobody pays', () => {
    expect(settle(800)).toEqual({ payer: 'customer', amount: eur(350) });
    expect(settle(200)).toMatchObject({
      payer: 'store',
      amount: eur(250),
      methods: [expect.objectContaining({ method: 'card', amount: eur(250) })],
    });
    expect(settle(450)).toEqual({ payer: 'nobody', amount: eur(0) });
  });
});

describe('settleNoReceiptExchange', () => {
  const decision = evaluateNoReceiptReturn({
    policy: {
      currency: 'EUR',
      priceBasis: { kind: 'current' },
      limits: { windowDays: 90, maxReturns: 3, maxAmount: 10_000 },
      excludedGroupIds: [],
    },
    customerId: 'customer:c-77',
    items: [{ sku: 'MUG', name: 'Mug', unit: 'each', quantity: 1, groupIds: [] }],
    priceHistory: [{ sku: 'MUG', unitPrice: 1000, from: '2026-01-01T00:00:00Z' }],
    history: [],
    historyScope: 'chain',
    now: Date.UTC(2026, 10, 23),
  });

  it('nets the allowed value against the new items; the store pays only by the policy methods', () => {
    expect(settleNoReceiptExchange({ decision, newLines: [newLine(1500)] })).toEqual({
      payer: 'customer',
      amount: eur(500),
    });
    expect(settleNoReceiptExchange({ decision, newLines: [newLine(300)] })).toEqual({
      payer: 'store',
      amount: eur(700),
      methods: ['store-credit'],
    });
  });

  it('refuses to settle returned items the policy refused', () => {
    const refused = {
      ...decision,
      allowed: false,
      refusal: 'count-limit',
      message: 'limit',
      skus: [],
    } as const;
    expect(() => settleNoReceiptExchange({ decision: refused, newLines: [] })).toThrow(/count-limit/);
  });
});
