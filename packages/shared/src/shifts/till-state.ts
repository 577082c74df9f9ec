import { DomainError } from '../errors';
import type { CloseDoc, OrderDoc, ShiftDoc } from '../schemas';

/** The store's business day of an instant: its calendar date in the store's time zone (YYYY-MM-DD). */
export function businessDateIn(epochMs: number, timeZone: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(new Date(epochMs));
  } catch {
    throw new DomainError(
      'shift.bad-time-zone',
      `"${timeZone}" is not a time zone this terminal knows; fix timeZone on the store document.`,
      { timeZone },
    );
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Where one terminal's drawer stands: what the cashier may do next. */
export type TillState =
  | { readonly kind: 'no-shift' }
  | { readonly kind: 'open'; readonly shift: ShiftDoc }
  | { readonly kind: 'day-closed'; readonly close: CloseDoc; readonly businessDate: string };

/**
 * A terminal's till from its shift and close documents: the latest shift without a close is open;
 * a close for today's business day locks selling until the next day's shift opens; otherwise no
 * shift is open. Documents of other terminals are ignored.
 */
export function tillState(input: {
  readonly terminalId: string;
  readonly shifts: readonly ShiftDoc[];
  readonly closes: readonly CloseDoc[];
  readonly businessDate: string;
}): TillState {
  const closed = new Set(input.closes.map((c) => c.shiftId));
  const mine = input.shifts
    .filter((s) => s.terminalId === input.terminalId)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  const open = mine.filter((s) => !closed.has(s.id)).at(-1);
  if (open) return { kind: 'open', shift: open };
  const todays = input.closes
    .filter((c) => c.terminalId === input.terminalId && c.businessDate === input.businessDate)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
    .at(-1);
  if (todays) return { kind: 'day-closed', close: todays, businessDate: input.businessDate };
  return { kind: 'no-shift' };
}

/** Why a sale cannot start at this till, or undefined when it can (the business-day lock). */
export function sellingRefusal(state: TillState): string | undefined {
  switch (state.kind) {
    case 'open':
      return undefined;
    case 'no-shift':
      return 'No shift is open at this till: open one with a counted float first.';
    case 'day-closed':
      return `Business day ${state.businessDate} is closed at this till; selling resumes when the next day's shift opens.`;
  }
}

/**
 * The orders that belong to a shift: those stamped with its id, plus this terminal's orders written
 * without one while the shift was open (a sale screen that does not stamp shifts yet), so the close
 * never misses cash the drawer took.
 */
export function ordersOfShift(shift: ShiftDoc, orders: readonly OrderDoc[], until?: string): OrderDoc[] {
  return orders
    .filter(
      (o) =>
        o.shiftId === shift.id ||
        (o.shiftId === undefined &&
          o.terminalId === shift.terminalId &&
          o.channel === 'store' &&
          o.createdAt >= shift.createdAt &&
          (until === undefined || o.createdAt <= until)),
    )
    .map((o) => (o.shiftId === shift.id ? o : { ...o, shiftId: shift.id }));
}

/** The next Z number of a terminal: one more than its highest so far (Z numbers never repeat). */
export function nextZNumber(terminalId: string, closes: readonly CloseDoc[]): number {
  return (
    closes.filter((c) => c.terminalId === terminalId).reduce((n, c) => Math.max(n, c.zNumber ?? 0), 0) + 1
  );
}

/** Tender types whose variance exceeds the threshold (minor units, absolute): these need a reason. */
export function variancesNeedingReason(
  tenders: readonly { readonly tenderType: string; readonly variance: { readonly amount: number } }[],
  threshold: number,
): string[] {
  return tenders.filter((t) => Math.abs(t.variance.amount) > threshold).map((t) => t.tenderType);
}
