import { describe, expect, it } from 'vitest';
import type { CloseDoc, OrderDoc, ShiftDoc } from '../schemas';
import { documentExamples, exampleOrder } from '../schemas';
import {
  businessDateIn,
  nextZNumber,
  ordersOfShift,
  sellingRefusal,
  tillState,
  variancesNeedingReason,
} from './till-state';

const shift = documentExamples.shift as unknown as ShiftDoc;
const close = documentExamples.close as unknown as CloseDoc;
const sale = exampleOrder as unknown as OrderDoc;

describe('businessDateIn', () => {
  it('is the calendar date in the store time zone, not UTC', () => {
    // 23:30 UTC on the 23rd is already the 24th in Paris and still the 23rd in New York.
    const t = Date.UTC(2026, 10, 23, 23, 30);
    expect(businessDateIn(t, 'Europe/Paris')).toBe('2026-11-24');
    expect(businessDateIn(t, 'America/New_York')).toBe('2026-11-23');
  });
  it('refuses an unknown time zone with the fix', () => {
    expect(() => businessDateIn(0, 'Mars/Olympus')).toThrow(/store document/);
  });
});

describe('tillState', () => {
  const opened = { ...shift, terminalId: 's001-t01', businessDate: '2026-11-23' };
  it('an unclosed shift is open; selling is allowed', () => {
    const state = tillState({
      terminalId: 's001-t01',
      shifts: [opened],
      closes: [],
      businessDate: '2026-11-23',
    });
    expect(state).toEqual({ kind: 'open', shift: opened });
    expect(sellingRefusal(state)).toBeUndefined();
  });
  it('after the close, the day is locked until the next day opens', () => {
    const closed = { ...close, terminalId: 's001-t01', shiftId: opened.id, businessDate: '2026-11-23' };
    const today = tillState({
      terminalId: 's001-t01',
      shifts: [opened],
      closes: [closed],
      businessDate: '2026-11-23',
    });
    expect(today.kind).toBe('day-closed');
    expect(sellingRefusal(today)).toMatch(/2026-11-23 is closed/);
    const tomorrow = tillState({
      terminalId: 's001-t01',
      shifts: [opened],
      closes: [closed],
      businessDate: '2026-11-24',
    });
    expect(tomorrow).toEqual({ kind: 'no-shift' });
    expect(sellingRefusal(tomorrow)).toMatch(/open one/);
  });
  it('ignores other terminals', () => {
    expect(
      tillState({ terminalId: 's001-t02', shifts: [opened], closes: [], businessDate: '2026-11-23' }).kind,
    ).toBe('no-shift');
  });
});

describe('ordersOfShift', () => {
  const s = { ...shift, terminalId: 's001-t01', createdAt: '2026-11-23T08:00:00.000Z' };
  it("takes stamped orders and this till's unstamped counter orders since the opening, stamping them", () => {
    const stamped = { ...sale, id: 'a-01JD5Z8Q2W3E4R5T6Y7V8X9A01', shiftId: s.id };
    const unstamped = {
      ...sale,
      id: 'a-01JD5Z8Q2W3E4R5T6Y7V8X9A02',
      shiftId: undefined,
      terminalId: 's001-t01',
      createdAt: '2026-11-23T09:00:00.000Z',
    };
    const before = {
      ...unstamped,
      id: 'a-01JD5Z8Q2W3E4R5T6Y7V8X9A03',
      createdAt: '2026-11-23T07:00:00.000Z',
    };
    const otherTill = { ...unstamped, id: 'a-01JD5Z8Q2W3E4R5T6Y7V8X9A04', terminalId: 's001-t02' };
    const web = { ...unstamped, id: 'a-01JD5Z8Q2W3E4R5T6Y7V8X9A05', channel: 'web' as const };
    const got = ordersOfShift(s, [stamped, unstamped, before, otherTill, web]);
    expect(got.map((o) => o.id)).toEqual([stamped.id, unstamped.id]);
    expect(got.every((o) => o.shiftId === s.id)).toBe(true);
  });
});

describe('close helpers', () => {
  it('Z numbers continue per terminal', () => {
    expect(nextZNumber('t1', [])).toBe(1);
    expect(
      nextZNumber('t1', [
        { ...close, terminalId: 't1', zNumber: 4 },
        { ...close, terminalId: 't2', zNumber: 9 },
      ]),
    ).toBe(5);
  });
  it('a variance strictly above the threshold needs a reason, either sign', () => {
    const t = (tenderType: string, amount: number) => ({ tenderType, variance: { amount } });
    expect(variancesNeedingReason([t('cash', -501), t('card', 500), t('gift-card', 0)], 500)).toEqual([
      'cash',
    ]);
  });
});
