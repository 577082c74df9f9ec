import {
  businessDateIn,
  sellingRefusal,
  tillState,
  type CloseDoc,
  type ShiftDoc,
  type TillState,
} from '@store-os/shared';
import { NO_OPEN_SHIFT } from '../sale/no-open-shift';

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
 * Why the sell screen refuses to start a sale (scan, change lines), or undefined. The business-day lock
 * is enforced: after this till's Z close for today, nothing is sold until the next day's shift opens. A
 * till with no open shift may still scan and build the sale (see payRefusal for taking payment).
 */
export function saleRefusal(till: TillState | undefined): string | undefined {
  return till?.kind === 'day-closed' ? sellingRefusal(till) : undefined;
}

/**
 * Why the sell screen refuses to take payment, or undefined: the business-day lock, or no open shift
 * (every order carries its shift so the close reconciles its cash; completeSale refuses it too), or the
 * till's documents not read yet.
 */
export function payRefusal(till: TillState | undefined): string | undefined {
  if (till === undefined) return 'Reading this till’s shift; try again in a moment.';
  if (till.kind === 'day-closed') return sellingRefusal(till);
  if (till.kind === 'no-shift') return NO_OPEN_SHIFT;
  return undefined;
}

/** The shift id an order completed now is stamped with (undefined without an open shift). */
export function shiftIdOf(till: TillState | undefined): string | undefined {
  return till?.kind === 'open' ? till.shift.id : undefined;
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
