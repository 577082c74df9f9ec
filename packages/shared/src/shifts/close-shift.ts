import { DomainError } from '../errors';
import type { Money } from '../money';
import type { IdFactory } from '../ids';
import type { CashEventDoc, CloseDoc, OrderDoc, ShiftDoc, TenderDoc } from '../schemas';
import type { DenominationCount } from './denominations';
import { countedTotal, denominationsFor } from './denominations';
import { reportTotals } from './report-totals';

/** Expected vs counted for one tender type. */
export interface TenderCount {
  readonly tenderType: string;
  readonly expected: Money;
  readonly counted: Money;
  readonly variance: Money;
}

/** What the manager counted at close. */
export interface ClosingCount {
  readonly cash: readonly DenominationCount[];
  /** Non-cash totals to reconcile (the card terminal's batch total…); a type not given counts as expected. */
  readonly others?: Readonly<Record<string, Money>>;
}

/**
 * Cash a cash tender left in the drawer: handed over minus change when the till recorded them (this
 * includes any cash-rounding difference, e.g. CHF 9.98 paid with a 10 note and no change), otherwise
 * the applied amount (refunds are negative).
 */
export function cashIntoDrawer(tender: Extract<TenderDoc, { type: 'cash' }>): number {
  if (tender.tendered === undefined) return tender.amount.amount;
  return tender.tendered.amount - (tender.change?.amount ?? 0);
}

/** Input of {@link closeShift}. */
export interface CloseShiftInput {
  readonly shift: ShiftDoc;
  /** Orders of the shift (others, by shiftId, are ignored). */
  readonly orders: readonly OrderDoc[];
  readonly cashEvents: readonly CashEventDoc[];
  readonly counted: ClosingCount;
  /** The store's own denomination list, when it narrows the currency's table. */
  readonly denominations?: readonly number[];
}

/** The figures of a close: everything in a close document except who, when and ids. */
export type CloseFigures = Omit<
  CloseDoc,
  | 'id'
  | 'type'
  | 'schemaVersion'
  | 'storeId'
  | 'terminalId'
  | 'shiftId'
  | 'closedBy'
  | 'approvedBy'
  | 'zNumber'
  | 'businessDate'
  | 'note'
  | 'createdAt'
>;

/**
 * The cash-up of one shift. Expected cash = opening float + cash in − cash out − drops + cash left
 * by each cash tender (handed over − change; refunds negative); other tenders expect what the
 * orders took. Variance = counted −
 * expected, per tender type. Z totals come from the same orders.
 */
export function closeShift(input: CloseShiftInput): CloseFigures {
  const { shift } = input;
  const currency = shift.currency;
  const m = (amount: number): Money => ({ amount, currency });
  const orders = input.orders.filter((o) => o.shiftId === shift.id);
  const events = input.cashEvents.filter((e) => e.shiftId === shift.id);
  let cashIn = 0;
  let cashOut = 0;
  let drops = 0;
  const seenEvents = new Set<string>();
  for (const e of events) {
    if (seenEvents.has(e.id)) continue;
    seenEvents.add(e.id);
    if (e.amount.currency !== currency) {
      throw new DomainError(
        'close.currency',
        `Cash event ${e.id} is in ${e.amount.currency}; the drawer counts ${currency}.`,
        { id: e.id },
      );
    }
    if (e.kind === 'cash-in') cashIn += e.amount.amount;
    else if (e.kind === 'cash-out') cashOut += e.amount.amount;
    else drops += e.amount.amount;
  }
  const zTotals = reportTotals(orders, currency);
  const byType = new Map(zTotals.tenders.map((t) => [t.type, t.amount.amount]));
  const seenOrders = new Set<string>();
  let cashTaken = 0;
  for (const order of orders) {
    if (seenOrders.has(order.id)) continue;
    seenOrders.add(order.id);
    for (const t of order.tenders) if (t.type === 'cash') cashTaken += cashIntoDrawer(t);
  }
  const expectedCash = shift.openingFloat.amount + cashIn - cashOut - drops + cashTaken;
  const countedCash = countedTotal(
    input.counted.cash,
    currency,
    denominationsFor(currency, input.denominations),
  );
  const tenders = [{ tenderType: 'cash', expected: m(expectedCash), counted: countedCash }];
  const types = new Set([...byType.keys(), ...Object.keys(input.counted.others ?? {})]);
  types.delete('cash');
  for (const type of [...types].sort()) {
    const expected = m(byType.get(type) ?? 0);
    const counted = input.counted.others?.[type] ?? expected;
    if (counted.currency !== currency) {
      throw new DomainError(
        'close.currency',
        `Counted ${type} is in ${counted.currency}; the shift is in ${currency}.`,
        { type },
      );
    }
    tenders.push({ tenderType: type, expected, counted });
  }
  return {
    currency,
    openingFloat: shift.openingFloat,
    cashIn: m(cashIn),
    cashOut: m(cashOut),
    drops: m(drops),
    countedDenominations: input.counted.cash
      .filter((c) => c.count > 0)
      .map((c) => ({ denomination: c.denomination, count: c.count })),
    tenders: tenders.map((t) => ({ ...t, variance: m(t.counted.amount - t.expected.amount) })),
    zTotals,
    orderCount: zTotals.transactionCount,
  };
}

/** Who closes, who signs off, and when: the parts of a close document that are not arithmetic. */
export interface CloseSignOff {
  readonly newId: IdFactory;
  readonly closedBy: string;
  readonly approvedBy?: string;
  readonly createdAt: string;
  readonly zNumber?: number;
  readonly note?: string;
}

/** The close document for a shift, ready to write (append-only). */
export function buildCloseDoc(input: CloseShiftInput, signOff: CloseSignOff): CloseDoc {
  const figures = closeShift(input);
  const { shift } = input;
  return {
    id: signOff.newId(),
    type: 'close',
    schemaVersion: 1,
    storeId: shift.storeId,
    terminalId: shift.terminalId,
    shiftId: shift.id,
    closedBy: signOff.closedBy,
    ...(signOff.approvedBy === undefined ? {} : { approvedBy: signOff.approvedBy }),
    ...(signOff.zNumber === undefined ? {} : { zNumber: signOff.zNumber }),
    ...(shift.businessDate === undefined ? {} : { businessDate: shift.businessDate }),
    ...(signOff.note === undefined ? {} : { note: signOff.note }),
    ...figures,
    createdAt: signOff.createdAt,
  };
}
