import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { defaultCashRounding } from '../money';
import type { Tender } from '.';
import { addTender, tenderState } from '.';

const chf = (amount: number) => ({ amount, currency: 'CHF' });
const usd = (amount: number) => ({ amount, currency: 'USD' });
const cashRounding = defaultCashRounding('CHF');
const t = (id: string, kind: Tender['kind'], amount: number, extra: Partial<Tender> = {}): Tender => ({
  id,
  kind,
  amount,
  ...extra,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : 'other';
  }
  return undefined;
}

describe('tenderState', () => {
  it('gives change from cash and rounds cash due to CHF 0.05', () => {
    const s = tenderState({ total: chf(1002), tenders: [t('1', 'cash', 2000)], cashRounding });
    expect(s).toMatchObject({
      roundingAdjustment: chf(-2),
      due: chf(1000),
      paid: chf(2000),
      change: chf(1000),
      remaining: chf(0),
      canComplete: true,
    });
  });

  it('rounds only the cash part of a split tender', () => {
    // 10.03 total, 5.00 card: cash due 5.03 → 5.05 (+0.02); 10.00 cash → 4.95 change.
    const s = tenderState({
      total: chf(1003),
      tenders: [t('1', 'card', 500), t('2', 'cash', 1000)],
      cashRounding,
    });
    expect(s).toMatchObject({
      roundingAdjustment: chf(2),
      due: chf(1005),
      change: chf(495),
      canComplete: true,
    });
  });

  it('does not round when cash does not settle, and offers the rounded cash remainder', () => {
    const s = tenderState({ total: chf(1002), tenders: [t('1', 'cash', 500)], cashRounding });
    expect(s).toMatchObject({
      roundingAdjustment: chf(0),
      remaining: chf(502),
      remainingInCash: chf(500),
      canComplete: false,
    });
    const done = tenderState({
      total: chf(1002),
      tenders: [t('1', 'cash', 500), t('2', 'card', 502)],
      cashRounding,
    });
    expect(done).toMatchObject({ roundingAdjustment: chf(0), change: chf(0), canComplete: true });
  });

  it('pays to the cent where there is no cash rounding and splits across kinds', () => {
    const s = tenderState({
      total: usd(10_000),
      tenders: [
        t('1', 'gift-card', 2500),
        t('2', 'loyalty-points', 500, { points: 500 }),
        t('3', 'card', 4000),
        t('4', 'cash', 5000),
      ],
    });
    expect(s).toMatchObject({ due: usd(10_000), paid: usd(12_000), change: usd(2000), canComplete: true });
  });

  it('flags non-cash over-tender and blocks completion', () => {
    const s = tenderState({ total: usd(1000), tenders: [t('1', 'card', 1200)] });
    expect(s.canComplete).toBe(false);
    expect(s.problems.map((p) => p.code)).toEqual(['tender.over-tender']);
  });

  it('refunds as the mirror of a sale, without change', () => {
    const s = tenderState({ total: chf(-1003), tenders: [t('1', 'cash', -1005)], cashRounding });
    expect(s).toMatchObject({
      roundingAdjustment: chf(-2),
      due: chf(-1005),
      change: chf(0),
      canComplete: true,
    });
    const over = tenderState({ total: chf(-1000), tenders: [t('1', 'cash', -1100)], cashRounding });
    expect(over.problems.map((p) => p.code)).toEqual(['tender.over-refund']);
    expect(over.canComplete).toBe(false);
  });
});

describe('addTender', () => {
  it('enforces per-kind over-tender rules, balances and amounts', () => {
    const base = { total: usd(1000), tenders: [t('1', 'card', 400)] };
    expect(codeOf(() => addTender({ ...base, tender: t('2', 'card', 700) }))).toBe('tender.over-tender');
    expect(
      codeOf(() => addTender({ ...base, tender: t('2', 'gift-card', 600), availableBalance: 500 })),
    ).toBe('tender.insufficient-balance');
    expect(codeOf(() => addTender({ ...base, tender: t('2', 'cash', 0) }))).toBe('tender.bad-amount');
    expect(codeOf(() => addTender({ ...base, tender: t('1', 'cash', 10) }))).toBe('tender.duplicate');
    expect(codeOf(() => addTender({ ...base, tender: t('2', 'loyalty-points', 100) }))).toBe(
      'tender.bad-points',
    );
    expect(addTender({ ...base, tender: t('2', 'cash', 5000) })).toHaveLength(2);
    expect(
      codeOf(() =>
        addTender({ total: usd(1000), tenders: [t('1', 'cash', 1000)], tender: t('2', 'cash', 1) }),
      ),
    ).toBe('tender.nothing-due');
  });
});
