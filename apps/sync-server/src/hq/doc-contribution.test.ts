// What each document adds to HQ's figures, checked against the shared Z-report arithmetic.
import { describe, expect, it } from 'vitest';
import { reportTotals } from '@store-os/shared';
import { dayOf, docContribution, normaliseEmail, normalisePhone } from './doc-contribution';
import { customerDoc, loyaltyDoc, returnDoc, saleDoc } from './hq-fixtures';

const place = { storeId: 's001', terminalId: 's001-t01', at: '2026-11-23T23:30:00.000Z' };
const asDoc = (d: object) => d as unknown as Record<string, unknown>;

describe('docContribution', () => {
  it('counts a sale and its return the way reportTotals does', () => {
    const sale = saleDoc(place);
    const ret = returnDoc({ ...place, at: '2026-11-24T09:00:00.000Z' }, sale);
    const cells = [sale, ret].flatMap((o) => docContribution(asDoc(o)).sales);
    const z = reportTotals([sale, ret], 'EUR');
    const sum = (k: 'net' | 'discounts' | 'gross' | 'units' | 'returns') =>
      cells.reduce((s, c) => s + c[k], 0);
    expect(sum('net')).toBe(z.net.amount);
    expect(sum('discounts')).toBe(z.discounts.amount);
    expect(sum('gross')).toBe(z.sales.gross.amount);
    expect(sum('units')).toBe(z.unitCount);
    expect(sum('returns')).toBe(z.returns.amount.amount);
    // Business date, not the UTC date, decides the day; the hour comes from createdAt (UTC).
    expect(cells.map((c) => [c.day, c.hour])).toEqual([
      ['2026-11-23', '23'],
      ['2026-11-24', '09'],
    ]);
  });

  it('groups tenders by type, refunds negative, and records the customer order', () => {
    const c = docContribution(asDoc(saleDoc(place, { channel: 'web', customerId: 'customer:c-1' })));
    expect(c.tenders.map((t) => [t.tender, t.channel, t.amount])).toEqual([
      ['card', 'web', 1000],
      ['cash', 'web', 50],
    ]);
    expect(c.customerOrder).toMatchObject({ customerId: 'customer:c-1', total: 1050, channel: 'web' });
    const refund = docContribution(asDoc(returnDoc(place, saleDoc(place))));
    expect(refund.tenders.map((t) => [t.tender, t.amount])).toEqual([['cash', -450]]);
  });

  it('counts loyalty points earned and redeemed, and ignores other ledgers and unknown types', () => {
    expect(docContribution(asDoc(loyaltyDoc(place, 'L1', 120))).loyalty).toEqual([
      { storeId: 's001', day: '2026-11-23', earned: 120, redeemed: 0, entries: 1 },
    ]);
    expect(docContribution(asDoc(loyaltyDoc(place, 'L1', -30))).loyalty[0]?.redeemed).toBe(30);
    expect(docContribution(asDoc({ ...loyaltyDoc(place, 'G1', -30), ledger: 'gift-card' })).loyalty).toEqual(
      [],
    );
    expect(docContribution({ type: 'audit-event' })).toEqual({ sales: [], tenders: [], loyalty: [] });
    expect(docContribution(undefined)).toEqual({ sales: [], tenders: [], loyalty: [] });
  });

  it('normalises customer contacts so duplicates compare equal', () => {
    const c = docContribution(
      asDoc(customerDoc('s001', 'customer:c-1', { email: ' Ada@Example.ORG', phone: '+33 (6) 12-34' })),
    );
    expect(c.customer).toMatchObject({ email: 'ada@example.org', phone: '3361234' });
    expect(normaliseEmail(undefined)).toBeNull();
    expect(normalisePhone('()')).toBeNull();
  });

  it('takes the day from createdAt in UTC when there is no business date', () => {
    expect(dayOf({ createdAt: '2026-11-23T23:30:00-02:00' })).toBe('2026-11-24');
  });
});
