import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { PriceList } from '.';
import { isWithinWindow, localTime, resolvePrice } from '.';

const lists: PriceList[] = [
  { id: 'base', name: 'Base', currency: 'EUR', prices: { A: 1000, B: 500, C: 300 } },
  { id: 'berlin', name: 'Berlin', currency: 'EUR', storeIds: ['ber'], prices: { A: 950 } },
  { id: 'staff', name: 'Staff', currency: 'EUR', customerGroupIds: ['staff'], prices: { A: 800, B: 400 } },
  {
    id: 'ber-staff',
    name: 'Berlin staff',
    currency: 'EUR',
    storeIds: ['ber'],
    customerGroupIds: ['staff'],
    prices: { A: 700 },
  },
  { id: 'base-promo', name: 'Base 2', currency: 'EUR', priority: 5, prices: { C: 250 } },
  { id: 'usd', name: 'USD', currency: 'USD', prices: { A: 1 } },
];

describe('resolvePrice', () => {
  it('resolves store + group, then group, then store, then base', () => {
    const q = { sku: 'A', storeId: 'ber', currency: 'EUR' };
    expect(resolvePrice(lists, { ...q, customerGroupId: 'staff' }).priceListId).toBe('ber-staff');
    expect(resolvePrice(lists, { ...q, storeId: 'ham', customerGroupId: 'staff' }).priceListId).toBe('staff');
    expect(resolvePrice(lists, q)).toEqual({ unitPrice: 950, priceListId: 'berlin' });
    expect(resolvePrice(lists, { ...q, storeId: 'ham' })).toEqual({ unitPrice: 1000, priceListId: 'base' });
    expect(resolvePrice(lists, { ...q, sku: 'B', customerGroupId: 'staff' }).unitPrice).toBe(400);
  });

  it('breaks ties within a tier by priority and rejects unpriced SKUs', () => {
    expect(resolvePrice(lists, { sku: 'C', storeId: 'ham', currency: 'EUR' }).priceListId).toBe('base-promo');
    try {
      resolvePrice(lists, { sku: 'Z', storeId: 'ham', currency: 'EUR' });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'price.not-found')).toBe(true);
      expect((error as Error).message).toContain('price override');
    }
  });
});

describe('store wall clock', () => {
  // 2026-03-29 is the EU switch to summer time: 00:30Z is 01:30 CET, 01:30Z is 03:30 CEST.
  it('reads local time in the store zone across DST', () => {
    expect(localTime(Date.UTC(2026, 2, 29, 0, 30), 'Europe/Berlin')).toEqual({
      dateTime: '2026-03-29T01:30',
      time: '01:30',
      dayOfWeek: 7,
    });
    expect(localTime(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Berlin').time).toBe('03:30');
    expect(localTime(Date.UTC(2026, 2, 29, 1, 30), 'America/Chicago').dateTime).toBe('2026-03-28T20:30');
    expect(() => localTime(0, 'Mars/Olympus')).toThrow(/IANA zone/);
  });

  it('checks windows with dates, weekdays and daily ranges crossing midnight', () => {
    const sat2330 = localTime(Date.UTC(2026, 10, 28, 22, 30), 'Europe/Berlin');
    expect(sat2330.dayOfWeek).toBe(6);
    expect(isWithinWindow({ daysOfWeek: [6], dailyFrom: '22:00', dailyTo: '02:00' }, sat2330)).toBe(true);
    expect(isWithinWindow({ dailyFrom: '08:00', dailyTo: '10:00' }, sat2330)).toBe(false);
    expect(isWithinWindow({ startsAt: '2026-11-28T23:30', endsAt: '2026-11-29T00:00' }, sat2330)).toBe(true);
    expect(isWithinWindow({ endsAt: '2026-11-28T23:30' }, sat2330)).toBe(false);
  });
});
