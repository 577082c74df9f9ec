import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { OrderDoc, OrderLineDoc, ReturnLineDoc, TenderDoc } from '../schemas';
import { exampleOrder, validateDocument } from '../schemas';
import { orderTotals, settleExchange } from './exchange';
import { priceReturn } from './price-return';
import type { RefundPlanItem } from './refund-tenders';
import { planRefund } from './refund-tenders';
import { refundableLines } from './refundable-lines';
import { findOverReturns } from './over-returns';

const sale = exampleOrder as unknown as OrderDoc;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
let seq = 0;
const returnId = () => `s001-t02-01JD6000000000000000000${String(seq++).padStart(3, '0')}`;

/** Writes a return order the way the till would: priced lines, refund tenders from the plan. */
function returnOrder(original: OrderDoc, lines: ReturnLineDoc[], plan: readonly RefundPlanItem[]): OrderDoc {
  const tenders = plan.map((p, i): TenderDoc => {
    const base = { tenderId: `t${i + 1}`, amount: eur(-p.amount.amount), refundOf: p.refundOf };
    switch (p.method) {
      case 'card':
        return {
          ...base,
          type: 'card',
          maskedPan: p.card!.maskedPan,
          brand: p.card!.brand,
          authCode: 'R1',
          ...(p.card!.token ? { token: p.card!.token } : {}),
        };
      case 'gift-card':
      case 'store-credit':
        return { ...base, type: p.method, accountId: p.accountId! };
      case 'loyalty-points':
        return { ...base, type: 'loyalty-points', accountId: p.accountId!, points: -(p.points ?? 0) };
      case 'other':
        return { ...base, type: 'other', name: 'voucher' };
      case 'cash':
        return { ...base, type: 'cash' };
    }
  });
  return {
    ...original,
    id: returnId(),
    kind: 'return',
    lines: [],
    returnLines: lines,
    taxes: [],
    totals: orderTotals([], lines, original.currency),
    tenders,
  };
}

describe('returns', () => {
  it('refunds what was paid per unit, after the line discount, with tax split the same way', () => {
    const [line] = priceReturn({
      original: sale,
      earlierReturns: [],
      requests: [{ originalLineId: 'l1', quantity: 1, restock: true }],
    });
    // 2 coffees at 5.00 with 1.00 off: each returned coffee refunds 4.50, not 5.00.
    expect(line).toMatchObject({
      quantity: 1,
      total: eur(450),
      grossAmount: eur(500),
      originalOrderId: sale.id,
      originalLineId: 'l1',
    });
    expect(line!.discounts[0]!.amount).toEqual(eur(50));
    expect(line!.taxes[0]).toMatchObject({ taxable: eur(426), tax: eur(23) });
  });

  it('adds successive partial returns up to exactly the line total', () => {
    const first = priceReturn({
      original: sale,
      earlierReturns: [],
      requests: [{ originalLineId: 'l2', weightGrams: 333, restock: false }],
    });
    const r1 = returnOrder(sale, first, []);
    const second = priceReturn({
      original: sale,
      earlierReturns: [r1],
      requests: [{ originalLineId: 'l2', weightGrams: 167, restock: false }],
    });
    expect(first[0]!.total.amount + second[0]!.total.amount).toBe(150);
    expect(first[0]).toMatchObject({ quantity: 1, weightGrams: 333, total: eur(99) });
  });

  it('refuses returning more than was bought, saying how much is left', () => {
    const r1 = returnOrder(
      sale,
      priceReturn({
        original: sale,
        earlierReturns: [],
        requests: [{ originalLineId: 'l1', quantity: 1, restock: true }],
      }),
      [],
    );
    try {
      priceReturn({
        original: sale,
        earlierReturns: [r1],
        requests: [{ originalLineId: 'l1', quantity: 2, restock: true }],
      });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'return.exceeds-purchased')).toBe(true);
      expect((error as Error).message).toBe(
        'Cannot return 2 of Coffee 250 g (line l1): 2 bought, 1 already returned, so at most 1 can be returned.',
      );
    }
    expect(() =>
      priceReturn({
        original: sale,
        earlierReturns: [],
        requests: [{ originalLineId: 'zz', quantity: 1, restock: true }],
      }),
    ).toThrow(/l1, l2/);
    expect(() =>
      priceReturn({
        original: sale,
        earlierReturns: [],
        requests: [{ originalLineId: 'l2', quantity: 1, restock: true }],
      }),
    ).toThrow(/weightGrams in grams/);
  });

  it('counts two requests for the same line in one return together', () => {
    expect(() =>
      priceReturn({
        original: sale,
        earlierReturns: [],
        requests: [
          { originalLineId: 'l1', quantity: 2, restock: true },
          { originalLineId: 'l1', quantity: 1, restock: true },
        ],
      }),
    ).toThrow(/at most 0/);
  });

  it('refunds the card first, to the same token, and cash last', () => {
    const plan = planRefund({ original: sale, earlierReturns: [], amount: eur(1030) });
    expect(plan).toEqual([
      {
        method: 'card',
        amount: eur(1000),
        refundOf: `${sale.id}/t1`,
        card: { token: 'tok_8f2a', maskedPan: '************4242', brand: 'VISA' },
      },
      { method: 'cash', amount: eur(30), refundOf: `${sale.id}/t2` },
    ]);
  });

  it('never refunds a card more than it paid across several returns, and refuses refunding more than paid', () => {
    const r1 = returnOrder(sale, [], planRefund({ original: sale, earlierReturns: [], amount: eur(900) }));
    const plan = planRefund({ original: sale, earlierReturns: [r1], amount: eur(150) });
    expect(plan.map((p) => [p.method, p.amount.amount])).toEqual([
      ['card', 100],
      ['cash', 50],
    ]);
    const r2 = returnOrder(sale, [], plan);
    try {
      planRefund({ original: sale, earlierReturns: [r1, r2], amount: eur(1) });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'refund.exceeds-paid')).toBe(true);
      expect((error as Error).message).toMatch(
        /10\.50 EUR was paid and 10\.50 EUR already refunded, so at most 0\.00 EUR/,
      );
    }
  });

  it('sends gift-card money to store credit by default, or back to the card by policy', () => {
    const paidByGiftCard: OrderDoc = {
      ...sale,
      tenders: [{ tenderId: 'g', type: 'gift-card', amount: eur(1050), accountId: 'GC1' }],
    };
    expect(() => planRefund({ original: paidByGiftCard, earlierReturns: [], amount: eur(100) })).toThrow(
      /newAccountId/,
    );
    expect(
      planRefund({ original: paidByGiftCard, earlierReturns: [], amount: eur(100), newAccountId: 'SC9' })[0],
    ).toMatchObject({
      method: 'store-credit',
      accountId: 'SC9',
    });
    expect(
      planRefund({
        original: paidByGiftCard,
        earlierReturns: [],
        amount: eur(100),
        policy: { giftCard: 'same-card' },
      })[0],
    ).toMatchObject({ method: 'gift-card', accountId: 'GC1' });
  });

  it('writes a return order that passes validation', () => {
    const lines = priceReturn({
      original: sale,
      earlierReturns: [],
      requests: [{ originalLineId: 'l1', quantity: 2, restock: true }],
    });
    const order = returnOrder(
      sale,
      lines,
      planRefund({ original: sale, earlierReturns: [], amount: eur(900) }),
    );
    expect(validateDocument(order)).toMatchObject({ ok: true, type: 'order' });
    expect(refundableLines(sale, [order])[0]).toMatchObject({
      remaining: 0,
      remainingAmount: eur(0),
      refunded: eur(900),
    });
  });

  it('reports a receipt returned at two offline tills, keeping both returns', () => {
    const request = [{ originalLineId: 'l1', quantity: 2, restock: true }];
    const atTill1 = returnOrder(
      sale,
      priceReturn({ original: sale, earlierReturns: [], requests: request }),
      [],
    );
    const atTill2 = returnOrder(
      sale,
      priceReturn({ original: sale, earlierReturns: [], requests: request }),
      [],
    );
    expect(findOverReturns(sale, [atTill1])).toEqual([]);
    expect(findOverReturns(sale, [atTill2, atTill1, atTill1])).toEqual([
      {
        orderId: sale.id,
        lineId: 'l1',
        bought: 2,
        returned: 4,
        paid: 900,
        refunded: 1800,
        returnOrderIds: [atTill1.id, atTill2.id],
      },
    ]);
  });

  it('settles an exchange: customer pays the difference, or is refunded by the rule', () => {
    const returned = priceReturn({
      original: sale,
      earlierReturns: [],
      requests: [{ originalLineId: 'l1', quantity: 1, restock: true }],
    });
    const pricier: OrderLineDoc = {
      ...sale.lines[0]!,
      lineId: 'n1',
      sku: 'COF-500',
      quantity: 1,
      grossAmount: eur(800),
      discounts: [],
      total: eur(800),
    };
    expect(
      settleExchange({ original: sale, earlierReturns: [], returnLines: returned, newLines: [pricier] }),
    ).toMatchObject({
      due: eur(350),
      refund: [],
    });
    const cheaper = { ...pricier, grossAmount: eur(200), total: eur(200) };
    const settlement = settleExchange({
      original: sale,
      earlierReturns: [],
      returnLines: returned,
      newLines: [cheaper],
    });
    expect(settlement.due).toEqual(eur(0));
    expect(settlement.refund).toEqual([expect.objectContaining({ method: 'card', amount: eur(250) })]);
  });

  it('property: whatever sequence of returns, refunds never exceed what was paid, per line, per tender and in total', () => {
    const lineArb = fc.record({
      qty: fc.integer({ min: 1, max: 6 }),
      unitPrice: fc.integer({ min: 0, max: 5000 }),
      discountPct: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.record({ line: fc.nat(), qty: fc.integer({ min: 1, max: 7 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (specs, cardPct, attempts) => {
          const lines: OrderLineDoc[] = specs.map((s, i) => {
            const gross = s.qty * s.unitPrice;
            const discount = Math.floor((gross * s.discountPct) / 100);
            return {
              lineId: `l${i}`,
              sku: `S${i}`,
              name: `Item ${i}`,
              unit: 'each',
              quantity: s.qty,
              unitPrice: eur(s.unitPrice),
              grossAmount: eur(gross),
              discounts: discount ? [{ name: 'promo', amount: eur(discount) }] : [],
              taxes: [],
              total: eur(gross - discount),
            };
          });
          const total = lines.reduce((s, l) => s + l.total.amount, 0);
          const card = Math.floor((total * cardPct) / 100);
          const original: OrderDoc = {
            ...sale,
            lines,
            totals: orderTotals(lines, [], 'EUR'),
            tenders: [
              {
                tenderId: 'c',
                type: 'card',
                amount: eur(card),
                maskedPan: '****1111',
                brand: 'VISA',
                authCode: 'A',
                token: 'tok',
              },
              { tenderId: 'k', type: 'cash', amount: eur(total - card) },
            ],
          };
          const returns: OrderDoc[] = [];
          for (const attempt of attempts) {
            const line = lines[attempt.line % lines.length]!;
            try {
              const priced = priceReturn({
                original,
                earlierReturns: returns,
                requests: [{ originalLineId: line.lineId, quantity: attempt.qty, restock: true }],
              });
              const amount = priced.reduce((s, l) => s + l.total.amount, 0);
              const plan = planRefund({ original, earlierReturns: returns, amount: eur(amount) });
              // The plan gives back exactly the priced amount, cash only once the card is exhausted.
              expect(plan.reduce((s, p) => s + p.amount.amount, 0)).toBe(amount);
              if (plan.some((p) => p.method === 'cash')) {
                const cardBack = plan.find((p) => p.method === 'card')?.amount.amount ?? 0;
                const cardBefore = -returns
                  .flatMap((r) => r.tenders)
                  .filter((t) => t.type === 'card')
                  .reduce((s, t) => s + t.amount.amount, 0);
                expect(cardBefore + cardBack).toBe(card);
              }
              const order = returnOrder(original, priced, plan);
              expect(validateDocument(order).ok).toBe(true);
              returns.push(order);
            } catch (error) {
              if (!isDomainError(error, 'return.exceeds-purchased')) throw error;
            }
          }
          for (const r of refundableLines(original, returns)) {
            expect(r.returned).toBeLessThanOrEqual(r.bought);
            expect(r.refunded.amount).toBeLessThanOrEqual(r.paid.amount);
            if (r.returned === r.bought) expect(r.refunded.amount).toBe(r.paid.amount);
          }
          const refundedCard = -returns
            .flatMap((r) => r.tenders)
            .filter((t) => t.type === 'card')
            .reduce((s, t) => s + t.amount.amount, 0);
          const refundedAll = -returns.flatMap((r) => r.tenders).reduce((s, t) => s + t.amount.amount, 0);
          expect(refundedCard).toBeLessThanOrEqual(card);
          expect(refundedAll).toBeLessThanOrEqual(total);
        },
      ),
      { numRuns: 300 },
    );
  });
});
