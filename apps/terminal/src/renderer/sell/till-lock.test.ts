import { documentExamples, type CloseDoc, type ShiftDoc } from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import { NO_OPEN_SHIFT } from '../sale/no-open-shift';
import { LOCKED_ACTIONS, payRefusal, saleRefusal, shiftIdOf, tillOf } from './till-lock';

const shift = { ...(documentExamples.shift as ShiftDoc), createdAt: '2026-12-06T07:00:00.000Z' };
const close = {
  ...(documentExamples.close as CloseDoc),
  shiftId: shift.id,
  businessDate: '2026-12-06',
  createdAt: '2026-12-06T19:00:00.000Z',
};
const at = (iso: string) => Date.parse(iso);

describe('the sell screen and the business-day lock', () => {
  it('sells in an open shift and stamps its id on the order', () => {
    const till = tillOf({
      terminalId: shift.terminalId,
      shifts: [shift],
      closes: [],
      nowMs: at('2026-12-06T12:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(saleRefusal(till)).toBeUndefined();
    expect(payRefusal(till)).toBeUndefined();
    expect(shiftIdOf(till)).toBe(shift.id);
  });

  it('lets a till with no open shift scan, but refuses payment until it is opened with a float', () => {
    const till = tillOf({
      terminalId: shift.terminalId,
      shifts: [],
      closes: [],
      nowMs: at('2026-12-06T08:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(till.kind).toBe('no-shift');
    expect(saleRefusal(till)).toBeUndefined();
    expect(payRefusal(till)).toBe(NO_OPEN_SHIFT);
    expect(shiftIdOf(till)).toBeUndefined();
    // Before the till's documents are read, payment waits rather than guessing there is no shift.
    expect(payRefusal(undefined)).toMatch(/Reading this till/);
    expect(saleRefusal(undefined)).toBeUndefined();
  });

  it('refuses to sell after the Z close of today, and says until when', () => {
    const till = tillOf({
      terminalId: shift.terminalId,
      shifts: [shift],
      closes: [close],
      nowMs: at('2026-12-06T20:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(saleRefusal(till)).toBe(
      "Business day 2026-12-06 is closed at this till; selling resumes when the next day's shift opens.",
    );
    expect(shiftIdOf(till)).toBeUndefined();
    expect(payRefusal(till)).toBe(saleRefusal(till));
    expect(LOCKED_ACTIONS.has('pay')).toBe(true);
    expect(LOCKED_ACTIONS.has('recall')).toBe(true);
  });

  it("lifts the lock on the store's next business day (its own time zone), and ignores other tills' closes", () => {
    const nextDay = {
      terminalId: shift.terminalId,
      shifts: [shift],
      closes: [close],
      timeZone: 'Europe/Paris',
    };
    // 23:30 UTC on the 6th is already the 7th in Paris: scanning is back, payment waits for the new shift.
    const tomorrow = tillOf({ ...nextDay, nowMs: at('2026-12-06T23:30:00Z') });
    expect(saleRefusal(tomorrow)).toBeUndefined();
    expect(payRefusal(tomorrow)).toBe(NO_OPEN_SHIFT);
    const otherTill = { ...close, terminalId: 's001-t99' };
    expect(
      saleRefusal(tillOf({ ...nextDay, closes: [otherTill], shifts: [], nowMs: at('2026-12-06T20:00:00Z') })),
    ).toBeUndefined();
  });
});
