import { isDomainError } from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import {
  addDirectTender,
  beginCard,
  canComplete,
  removeTender,
  resolveCard,
  startTender,
  tenderStatus,
} from './tender-session';

const chf = (amount: number) => ({ amount, currency: 'CHF' });
const rounding = { increment: 5, mode: 'half-up' as const };
const approval = { authCode: 'A1', maskedPan: '411111******1111', brand: 'visa', token: 't' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : 'other';
  }
  return undefined;
}

describe('tender session', () => {
  it('splits card and cash: the card pays exactly, cash is rounded and gives change', () => {
    let s = startTender(chf(1003), rounding);
    s = beginCard(s, 'tx-1', 500);
    expect(canComplete(s)).toBe(false);
    s = resolveCard(s, { transactionId: 'tx-1', state: 'approved', approval });
    expect(s.tenders).toMatchObject([{ kind: 'card', amount: 500, card: { authCode: 'A1' } }]);
    expect(tenderStatus(s).remainingInCash).toEqual(chf(505));
    s = addDirectTender(s, { kind: 'cash', amount: 1000 });
    expect(tenderStatus(s)).toMatchObject({ change: chf(495), roundingAdjustment: chf(2) });
    expect(canComplete(s)).toBe(true);
  });

  it('keeps a declined card out of the tenders and lets another way pay', () => {
    let s = startTender(chf(2000), undefined);
    s = beginCard(s, 'tx-1', 2000);
    s = resolveCard(s, { transactionId: 'tx-1', state: 'declined', detail: 'Refusal' });
    expect(s.tenders).toEqual([]);
    expect(s.failedCards).toMatchObject([{ transactionId: 'tx-1', state: 'declined', detail: 'Refusal' }]);
    s = beginCard(s, 'tx-2', 2000);
    s = resolveCard(s, { transactionId: 'tx-2', state: 'approved', approval });
    expect(canComplete(s)).toBe(true);
  });

  it('holds everything while a card outcome is unknown, and ignores answers about other transactions', () => {
    let s = startTender(chf(2000), undefined);
    s = beginCard(s, 'tx-1', 1000);
    s = resolveCard(s, { transactionId: 'tx-1', state: 'unknown', detail: 'connection reset' });
    expect(s.card).toMatchObject({ state: 'unknown' });
    expect(codeOf(() => addDirectTender(s, { kind: 'cash', amount: 1000 }))).toBe('tender.card-in-flight');
    expect(codeOf(() => beginCard(s, 'tx-2', 1000))).toBe('tender.card-in-flight');
    expect(resolveCard(s, { transactionId: 'tx-9', state: 'approved', approval })).toBe(s);
    // An approval without card data is not written as a tender: it stays open and is asked again.
    expect(resolveCard(s, { transactionId: 'tx-1', state: 'approved' }).card?.state).toBe('unknown');
  });

  it('refuses a card or gift card above what is due, and a gift card above its balance', () => {
    const s = startTender(chf(1000), rounding);
    expect(codeOf(() => beginCard(s, 'tx-1', 1001))).toBe('tender.over-tender');
    expect(codeOf(() => addDirectTender(s, { kind: 'gift-card', amount: 800, accountId: 'GC1' }, 500))).toBe(
      'tender.insufficient-balance',
    );
    const paid = addDirectTender(s, { kind: 'gift-card', amount: 500, accountId: 'GC1' }, 500);
    expect(tenderStatus(paid).remaining).toEqual(chf(500));
  });

  it('removes a cash tender but never an approved card', () => {
    let s = startTender(chf(1000), undefined);
    s = beginCard(s, 'tx-1', 400);
    s = resolveCard(s, { transactionId: 'tx-1', state: 'approved', approval });
    s = addDirectTender(s, { kind: 'cash', amount: 100 });
    const cashId = s.tenders[1]?.id ?? '';
    expect(removeTender(s, cashId).tenders.map((t) => t.kind)).toEqual(['card']);
    expect(codeOf(() => removeTender(s, s.tenders[0]?.id ?? ''))).toBe('tender.card-approved');
  });
});
