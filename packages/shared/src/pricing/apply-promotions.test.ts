import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PromotableLine, Promotion, PromotionContext } from '.';
import { applyPromotions, indexPromotions } from '.';

const NOW = Date.UTC(2026, 10, 23, 15, 0); // Monday 16:00 in Berlin
const context: PromotionContext = { storeId: 'ber', timeZone: 'Europe/Berlin', now: NOW, couponCodes: [] };
const base = { currency: 'EUR' } as const;

function line(
  lineId: string,
  sku: string,
  unitPrice: number,
  quantity = 1,
  groupIds: string[] = [],
): PromotableLine {
  return { lineId, sku, groupIds, unit: 'each', quantity, unitPrice, amount: unitPrice * quantity };
}

function run(lines: PromotableLine[], promotions: Promotion[], ctx: Partial<PromotionContext> = {}) {
  return applyPromotions({
    currency: 'EUR',
    lines,
    index: indexPromotions(promotions),
    context: { ...context, ...ctx },
  });
}

describe('applyPromotions', () => {
  it('takes percent off each unit, rounding half-up per unit, and explains it', () => {
    const r = run(
      [line('l1', 'MILK', 199, 2)],
      [
        {
          ...base,
          id: 'p1',
          name: 'Milk -10%',
          kind: 'percent-off',
          target: { skus: ['MILK'] },
          percent: '10',
        },
      ],
    );
    expect(r.totalDiscount).toBe(40); // 19.9 → 20 per unit
    expect(r.applied).toEqual([
      {
        promotionId: 'p1',
        name: 'Milk -10%',
        kind: 'percent-off',
        amount: 40,
        lines: [{ lineId: 'l1', quantity: 2, amount: 40 }],
      },
    ]);
  });

  it('gives each unit its best competing per-unit offer', () => {
    const lines = [line('l1', 'MILK', 100, 1, ['dairy']), line('l2', 'CHEESE', 500, 1, ['dairy'])];
    const r = run(lines, [
      {
        ...base,
        id: 'dairy',
        name: 'Dairy -10%',
        kind: 'percent-off',
        target: { groupIds: ['dairy'] },
        percent: '10',
      },
      {
        ...base,
        id: 'milk',
        name: 'Milk -30%',
        kind: 'percent-off',
        target: { skus: ['MILK'] },
        percent: '30',
      },
    ]);
    expect(r.lineDiscounts.get('l1')).toBe(30);
    expect(r.lineDiscounts.get('l2')).toBe(50);
  });

  it('3-for-2 groups the dearest units so the customer gets the most free', () => {
    const lines = [
      line('a', 'A', 500),
      line('b', 'B', 400),
      line('c', 'C', 300),
      line('d', 'D', 200),
      line('e', 'E', 100, 2),
    ];
    const r = run(lines, [
      {
        ...base,
        id: 'x',
        name: '3 for 2',
        kind: 'buy-x-get-y',
        buy: { skus: ['A', 'B', 'C', 'D', 'E'] },
        buyQuantity: 2,
        getQuantity: 1,
      },
    ]);
    // Sets (500, 400, 300) and (200, 100, 100): 300 + 100 free.
    expect(r.totalDiscount).toBe(400);
    expect(r.lineDiscounts.get('c')).toBe(300);
    expect(r.lineDiscounts.get('e')).toBe(100);
  });

  it('buy a shampoo, get a conditioner at half price, up to the order cap', () => {
    const lines = [line('s', 'SHAMPOO', 400, 3), line('c', 'COND', 300, 3)];
    const r = run(lines, [
      {
        ...base,
        id: 'bx',
        name: 'Conditioner half price',
        kind: 'buy-x-get-y',
        buy: { skus: ['SHAMPOO'] },
        buyQuantity: 1,
        get: { skus: ['COND'] },
        getQuantity: 1,
        getPercentOff: '50',
        maxUsesPerOrder: 2,
      },
    ]);
    expect(r.totalDiscount).toBe(300);
    expect(r.applied[0]?.lines).toEqual(
      [
        { lineId: 'c', quantity: 2, amount: 300 },
        { lineId: 's', quantity: 2, amount: 0 },
      ].filter((l) => l.amount > 0),
    );
  });

  it('mix-and-match: any 3 of a group for a set price, only when it beats the per-unit offers', () => {
    const lines = [
      line('a', 'A', 450, 1, ['wine']),
      line('b', 'B', 400, 1, ['wine']),
      line('c', 'C', 350, 1, ['wine']),
      line('d', 'D', 300, 1, ['wine']),
    ];
    const mix: Promotion = {
      ...base,
      id: 'mm',
      name: '3 wines for 10',
      kind: 'mix-and-match',
      target: { groupIds: ['wine'] },
      quantity: 3,
      price: 1000,
    };
    const r = run(lines, [mix]);
    expect(r.totalDiscount).toBe(200); // 1200 → 1000
    expect(r.lineDiscounts.get('d')).toBeUndefined();
    // 50% off every wine (750 in all) beats the set's 200.
    const half: Promotion = {
      ...base,
      id: 'half',
      name: 'Wine -50%',
      kind: 'percent-off',
      target: { groupIds: ['wine'] },
      percent: '50',
    };
    expect(run(lines, [mix, half]).totalDiscount).toBe(750);
  });

  it('amount off and fixed price never push a unit below zero', () => {
    const lines = [line('a', 'A', 150), line('b', 'B', 300)];
    const r = run(lines, [
      { ...base, id: 'amt', name: '2 off', kind: 'amount-off', target: { skus: ['A'] }, amountOff: 200 },
      { ...base, id: 'fix', name: 'B for 3.50', kind: 'fixed-price', target: { skus: ['B'] }, price: 350 },
    ]);
    expect(r.lineDiscounts.get('a')).toBe(150);
    expect(r.lineDiscounts.get('b')).toBeUndefined();
  });

  it('spend threshold applies last and is allocated over the lines it covers', () => {
    const lines = [line('a', 'A', 3000), line('b', 'B', 1000), line('c', 'C', 1001)];
    const r = run(lines, [
      { ...base, id: 'a10', name: 'A -10%', kind: 'percent-off', target: { skus: ['A'] }, percent: '10' },
      { ...base, id: 'spend', name: '5 off 50', kind: 'spend-threshold', threshold: 4700, amountOff: 500 },
    ]);
    // After A's 300 off the basket is 2700 + 1000 + 1001 = 4701 ≥ 4700.
    expect(r.applied.find((a) => a.promotionId === 'spend')?.lines).toEqual([
      { lineId: 'a', quantity: 1, amount: 287 },
      { lineId: 'b', quantity: 1, amount: 106 },
      { lineId: 'c', quantity: 1, amount: 107 },
    ]);
    expect(r.totalDiscount).toBe(800);
  });

  it('needs the coupon, the segment and unused per-customer uses', () => {
    const lines = [line('a', 'A', 1000)];
    const promos: Promotion[] = [
      {
        ...base,
        id: 'cpn',
        name: 'Coupon',
        kind: 'percent-off',
        target: { skus: ['A'] },
        percent: '20',
        couponCode: 'SAVE20',
      },
      {
        ...base,
        id: 'vip',
        name: 'VIP',
        kind: 'percent-off',
        target: { skus: ['A'] },
        percent: '15',
        customerSegmentIds: ['vip'],
        maxUsesPerCustomer: 1,
      },
    ];
    expect(run(lines, promos).totalDiscount).toBe(0);
    const r = run(lines, promos, { couponCodes: [' save20 ', 'NOPE'] });
    expect(r.totalDiscount).toBe(200);
    expect(r.coupons).toEqual([
      { code: 'SAVE20', status: 'applied' },
      { code: 'NOPE', status: 'unknown' },
    ]);
    const vip = { id: 'c1', segmentIds: ['vip'] };
    expect(run(lines, promos, { customer: vip }).totalDiscount).toBe(150);
    expect(run(lines, promos, { customer: { ...vip, promotionUses: { vip: 1 } } }).totalDiscount).toBe(0);
  });

  it('respects windows in the store time zone', () => {
    const promo: Promotion = {
      ...base,
      id: 'hh',
      name: 'Happy hour',
      kind: 'percent-off',
      target: { skus: ['A'] },
      percent: '10',
      window: { dailyFrom: '16:00', dailyTo: '18:00' },
    };
    expect(run([line('a', 'A', 1000)], [promo]).totalDiscount).toBe(100); // 16:00 in Berlin
    expect(run([line('a', 'A', 1000)], [promo], { timeZone: 'Europe/London' }).totalDiscount).toBe(0); // 15:00
  });

  it('lets a higher priority class claim units first, stacks stackables, and runs exclusives alone', () => {
    const lines = [line('a', 'A', 1000, 2)];
    const low: Promotion = {
      ...base,
      id: 'low',
      name: 'Low 50%',
      kind: 'percent-off',
      target: { skus: ['A'] },
      percent: '50',
    };
    const high: Promotion = {
      ...base,
      id: 'high',
      name: 'High 10%',
      kind: 'percent-off',
      target: { skus: ['A'] },
      percent: '10',
      priority: 10,
      maxUsesPerOrder: 1,
    };
    const stack: Promotion = {
      ...base,
      id: 'stack',
      name: 'Extra 10%',
      kind: 'percent-off',
      target: { skus: ['A'] },
      percent: '10',
      stacking: 'stackable',
    };
    // Unit 1: high 10% (100). Unit 2: low 50% (500). Stackable 10% of what is left: 90 + 50.
    expect(run(lines, [low, high, stack]).totalDiscount).toBe(100 + 500 + 90 + 50);
    const excl: Promotion = {
      ...base,
      id: 'excl',
      name: 'Exclusive 40%',
      kind: 'percent-off',
      target: { skus: ['A'] },
      percent: '40',
      stacking: 'exclusive',
    };
    expect(run(lines, [low, excl]).applied.map((a) => a.promotionId)).toEqual(['low']); // 1000 > 800
    const bigExcl = { ...excl, percent: '80' };
    expect(run(lines, [low, high, stack, bigExcl]).applied.map((a) => a.promotionId)).toEqual(['excl']);
  });

  it('is deterministic, independent of line order, and never pushes a line below zero', () => {
    const skus = ['A', 'B', 'C', 'D', 'E'];
    const promoArb: fc.Arbitrary<Promotion> = fc.oneof(
      fc
        .record({
          kind: fc.constant('percent-off' as const),
          percent: fc.constantFrom('5', '10', '33.333', '100'),
          sku: fc.constantFrom(...skus),
        })
        .map((x) => ({
          ...base,
          id: '',
          name: 'pct',
          kind: x.kind,
          percent: x.percent,
          target: { skus: [x.sku] },
        })),
      fc.record({ amountOff: fc.integer({ min: 0, max: 2000 }) }).map((x) => ({
        ...base,
        id: '',
        name: 'amt',
        kind: 'amount-off' as const,
        amountOff: x.amountOff,
        target: { groupIds: ['g'] },
      })),
      fc.record({ price: fc.integer({ min: 0, max: 1000 }) }).map((x) => ({
        ...base,
        id: '',
        name: 'fix',
        kind: 'fixed-price' as const,
        price: x.price,
        target: { skus: ['B', 'C'] },
      })),
      fc.record({ b: fc.integer({ min: 1, max: 3 }), g: fc.integer({ min: 1, max: 2 }) }).map((x) => ({
        ...base,
        id: '',
        name: 'bxgy',
        kind: 'buy-x-get-y' as const,
        buy: { groupIds: ['g'] },
        buyQuantity: x.b,
        getQuantity: x.g,
      })),
      fc.record({ q: fc.integer({ min: 2, max: 4 }), price: fc.integer({ min: 0, max: 3000 }) }).map((x) => ({
        ...base,
        id: '',
        name: 'mm',
        kind: 'mix-and-match' as const,
        target: { skus: ['A', 'D', 'E'] },
        quantity: x.q,
        price: x.price,
      })),
      fc
        .record({ t: fc.integer({ min: 0, max: 5000 }), off: fc.integer({ min: 0, max: 6000 }) })
        .map((x) => ({
          ...base,
          id: '',
          name: 'spend',
          kind: 'spend-threshold' as const,
          threshold: x.t,
          amountOff: x.off,
        })),
    );
    const stackingArb = fc.constantFrom('competing' as const, 'stackable' as const, 'exclusive' as const);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sku: fc.constantFrom(...skus),
            price: fc.integer({ min: 0, max: 2000 }),
            qty: fc.integer({ min: 1, max: 4 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.tuple(promoArb, stackingArb, fc.integer({ min: 0, max: 2 })), { maxLength: 6 }),
        fc.integer(),
        (rawLines, rawPromos, seed) => {
          const lines = rawLines.map((l, i) =>
            line(`l${i}`, l.sku, l.price, l.qty, l.sku === 'C' ? [] : ['g']),
          );
          const promos = rawPromos.map(([p, stacking, priority], i) => ({
            ...p,
            id: `p${i}`,
            stacking,
            priority,
          }));
          const shuffled = [...lines].sort(
            (a, b) => ((a.lineId.charCodeAt(1) * 31 + seed) % 7) - ((b.lineId.charCodeAt(1) * 31 + seed) % 7),
          );
          const first = run(lines, promos);
          const again = run(shuffled, [...promos].reverse());
          expect(again.applied).toEqual(first.applied);
          expect([...again.lineDiscounts.entries()].sort()).toEqual(
            [...first.lineDiscounts.entries()].sort(),
          );
          for (const l of lines) {
            const d = first.lineDiscounts.get(l.lineId) ?? 0;
            expect(d).toBeGreaterThanOrEqual(0);
            expect(d).toBeLessThanOrEqual(l.amount);
          }
          expect(first.applied.reduce((a, p) => a + p.amount, 0)).toBe(first.totalDiscount);
        },
      ),
      { numRuns: 400 },
    );
  });
});
