import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { createIdFactory } from '../ids';
import type { CashEventDoc, OrderDoc, ShiftDoc, TenderDoc } from '../schemas';
import { documentExamples, exampleOrder, validateDocument } from '../schemas';
import { buildCloseDoc, closeShift } from './close-shift';
import { countedTotal, denominationTables } from './denominations';
import { reportTotals } from './report-totals';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const shift = documentExamples.shift as unknown as ShiftDoc;
const sale = exampleOrder as unknown as OrderDoc;
const drop = documentExamples['cash-event'] as unknown as CashEventDoc;
const newId = createIdFactory({
  originId: 's001-t01',
  clock: fixedClock(Date.UTC(2026, 10, 23, 18)),
  random: (n) => new Uint8Array(n).fill(3),
});

/** A return of one coffee (4.50), refunded in cash. */
const cashReturn: OrderDoc = {
  ...sale,
  id: 's001-t01-01JD5ZZ000AAAAAAAAAAAAAAAA',
  kind: 'return',
  lines: [],
  returnLines: [
    {
      ...sale.lines[0]!,
      lineId: 'r1',
      quantity: 1,
      grossAmount: eur(500),
      discounts: [{ name: 'Coffee −10 %', amount: eur(50) }],
      taxes: [{ rateId: 'FR-R', percent: '5.5', taxable: eur(426), tax: eur(24) }],
      total: eur(450),
      restock: true,
      originalOrderId: sale.id,
      originalLineId: 'l1',
    },
  ],
  totals: { subtotal: eur(-500), discountTotal: eur(-50), taxTotal: eur(-24), total: eur(-450) },
  tenders: [{ tenderId: 't1', type: 'cash', amount: eur(-450), refundOf: `${sale.id}/t2` }],
};

describe('X/Z totals', () => {
  it('sums sales, returns, discounts, tax per rate, tenders and KPIs from the orders', () => {
    const totals = reportTotals([sale, cashReturn, sale], 'EUR');
    expect(totals).toMatchObject({
      sales: { count: 1, gross: eur(1150), net: eur(1050) },
      returns: { count: 1, amount: eur(450) },
      discounts: eur(50),
      net: eur(600),
      transactionCount: 2,
      unitCount: 3,
      averageTransactionValue: eur(1050),
      unitsPerTransaction: '3.00',
    });
    expect(totals.taxes).toEqual([
      { rateId: 'FR-R', name: 'TVA 5,5 %', percent: '5.5', taxable: eur(569), tax: eur(31), gross: eur(600) },
    ]);
    expect(totals.tenders).toEqual([
      { type: 'card', count: 1, amount: eur(1000) },
      { type: 'cash', count: 2, amount: eur(-400) },
    ]);
  });

  it('refuses an order in another currency', () => {
    expect(() => reportTotals([{ ...sale, currency: 'USD' }], 'EUR')).toThrow(
      /in USD; this report is in EUR/,
    );
  });
});

describe('close', () => {
  it('expects float + cash taken − refunds − drops, and reports the variance per tender', () => {
    // float 150.00, cash sale 0.50, cash refund −4.50, drop 100.00 → expected 46.00
    const figures = closeShift({
      shift,
      orders: [sale, cashReturn],
      cashEvents: [drop],
      counted: {
        cash: [
          { denomination: 2000, count: 2 },
          { denomination: 500, count: 1 },
          { denomination: 50, count: 1 },
        ],
        others: { card: eur(990) },
      },
    });
    expect(figures.tenders).toEqual([
      { tenderType: 'cash', expected: eur(4600), counted: eur(4550), variance: eur(-50) },
      { tenderType: 'card', expected: eur(1000), counted: eur(990), variance: eur(-10) },
    ]);
    expect(figures.drops).toEqual(eur(10000));
    expect(figures.orderCount).toBe(2);
  });

  it('counts the cash the drawer really got when cash rounding applied (9.98 paid with a 10 note)', () => {
    const rounded: OrderDoc = {
      ...sale,
      tenders: [
        { ...(sale.tenders[0] as TenderDoc), amount: eur(1000 - 198) },
        { tenderId: 't2', type: 'cash', amount: eur(248), tendered: eur(250), change: eur(0) },
      ],
    };
    const figures = closeShift({
      shift,
      orders: [rounded],
      cashEvents: [],
      counted: {
        cash: [
          { denomination: 5000, count: 3 },
          { denomination: 200, count: 1 },
          { denomination: 50, count: 1 },
        ],
      },
    });
    expect(figures.tenders[0]).toMatchObject({ expected: eur(15250), counted: eur(15250), variance: eur(0) });
    expect(figures.zTotals.tenders.find((t) => t.type === 'cash')?.amount).toEqual(eur(248));
  });

  it('builds a close document that passes validation', () => {
    const doc = buildCloseDoc(
      {
        shift,
        orders: [sale],
        cashEvents: [drop],
        counted: {
          cash: [
            { denomination: 5000, count: 1 },
            { denomination: 50, count: 1 },
          ],
        },
      },
      { newId, closedBy: 'u42', approvedBy: 'm1', createdAt: '2026-11-23T18:00:00.000Z', zNumber: 12 },
    );
    expect(validateDocument(doc)).toMatchObject({ ok: true, type: 'close' });
    expect(doc.tenders[0]).toMatchObject({ expected: eur(5050), counted: eur(5050), variance: eur(0) });
  });

  it('refuses a denomination the currency does not have', () => {
    expect(() => countedTotal([{ denomination: 300, count: 1 }], 'EUR', denominationTables['EUR']!)).toThrow(
      /300 is not a EUR denomination/,
    );
    expect(() =>
      closeShift({ shift: { ...shift, currency: 'XOF' }, orders: [], cashEvents: [], counted: { cash: [] } }),
    ).toThrow(/cashDenominations/);
  });

  it('property: variance = counted − expected, counted = Σ denomination × count', () => {
    const table = denominationTables['EUR']!;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom<CashEventDoc['kind']>('cash-in', 'cash-out', 'drop'),
            amount: fc.integer({ min: 0, max: 50_000 }),
          }),
          { maxLength: 6 },
        ),
        fc.array(fc.integer({ min: -20_000, max: 20_000 }), { maxLength: 8 }),
        fc.array(fc.record({ d: fc.constantFrom(...table), n: fc.integer({ min: 0, max: 40 }) }), {
          maxLength: 15,
        }),
        (float, cashEvents, cashTenders, count) => {
          const s: ShiftDoc = { ...shift, openingFloat: eur(float) };
          const events = cashEvents.map((e, i): CashEventDoc => ({
            ...drop,
            id: `${drop.id.slice(0, -3)}${String(i).padStart(3, '0')}`,
            kind: e.kind,
            amount: eur(e.amount),
          }));
          const orders = cashTenders.map((amount, i): OrderDoc => ({
            ...sale,
            id: `${sale.id.slice(0, -3)}${String(i).padStart(3, '0')}`,
            tenders: [{ tenderId: 'c', type: 'cash', amount: eur(amount) }],
          }));
          const counts = count.map((c) => ({ denomination: c.d, count: c.n }));
          const figures = closeShift({ shift: s, orders, cashEvents: events, counted: { cash: counts } });
          const cash = figures.tenders.find((t) => t.tenderType === 'cash')!;
          const sumEvents = (k: string) =>
            cashEvents.filter((e) => e.kind === k).reduce((a, e) => a + e.amount, 0);
          const expected =
            float +
            sumEvents('cash-in') -
            sumEvents('cash-out') -
            sumEvents('drop') +
            cashTenders.reduce((a, b) => a + b, 0);
          const counted = count.reduce((a, c) => a + c.d * c.n, 0);
          expect(cash.expected.amount).toBe(expected);
          expect(cash.counted.amount).toBe(counted);
          expect(cash.variance.amount).toBe(counted - expected);
          for (const t of figures.tenders)
            expect(t.variance.amount).toBe(t.counted.amount - t.expected.amount);
        },
      ),
      { numRuns: 300 },
    );
  });
});
