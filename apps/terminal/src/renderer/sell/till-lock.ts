import {
  businessDateIn,
  sellingRefusal,
  tillState,
  type CloseDoc,
  type ShiftDoc,
  type TillState,
} from '@store-os/shared';

/** This till's shift and close documents, the instant and the store's time zone. */
export interface TillInput {
  readonly terminalId: string;
  readonly shifts: readonly ShiftDoc[];
  readonly closes: readonly CloseDoc[];
  readonly nowMs: number;
  readonly timeZone: string;
}

/** The till's state today (the store's business day in its own time zone). */
export function tillOf(input: TillInput): TillState {
  return tillState({
    terminalId: input.terminalId,
    shifts: input.shifts,
    closes: input.closes,
    businessDate: businessDateIn(input.nowMs, input.timeZone),
  });
}

/**
 * Why the sell screen refuses to start or take a sale, or undefined. The business-day lock is enforced:
 * after this till's Z close for today, nothing is sold until the next day's shift opens. A till with no
 * shift at all still sells (stores that do not run shifts; the close counts such orders by time), and
 * its orders carry no shift id.
 */
export function saleRefusal(till: TillState): string | undefined {
  return till.kind === 'day-closed' ? sellingRefusal(till) : undefined;
}

/** The shift id an order completed now is stamped with (undefined without an open shift). */
export function shiftIdOf(till: TillState): string | undefined {
  return till.kind === 'open' ? till.shift.id : undefined;
}

/** Sell-screen actions a locked till refuses: everything that adds to or takes payment for a sale. */
export const LOCKED_ACTIONS: ReadonlySet<string> = new Set([
  'pay',
  'quantity',
  'discount',
  'override',
  'customer',
  'weigh',
  'giftCard',
  'recall',
]);
