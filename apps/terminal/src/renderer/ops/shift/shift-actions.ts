import {
  buildCloseDoc,
  businessDateIn,
  closeShift,
  DomainError,
  nextZNumber,
  ordersOfShift,
  variancesNeedingReason,
  type AuditEventDoc,
  type CashEventDoc,
  type CloseDoc,
  type CloseFigures,
  type ClosingCount,
  type Money,
  type ShiftDoc,
} from '@store-os/shared';
import { openDrawerFor } from '../common/open-drawer';
import type { OpsDeps } from '../common/ops-deps';
import { saveFacts } from '../common/store-docs';
import { closeReportBlocks, reportBlocks } from './report-blocks';
import type { ShiftData } from './shift-data';

/** A variance above this (minor units, either sign) needs a written reason before the manager signs. */
export const VARIANCE_REASON_THRESHOLD = 500;

/** Opens a shift at this till with the float the cashier counted into the drawer. */
export async function openShift(
  deps: OpsDeps,
  input: { float: Money; openedBy: string; timeZone: string },
): Promise<ShiftDoc> {
  const now = deps.now();
  const shift: ShiftDoc = {
    id: deps.newId(),
    type: 'shift',
    schemaVersion: 1,
    storeId: deps.storeId,
    terminalId: deps.terminalId,
    openedBy: input.openedBy,
    currency: input.float.currency,
    openingFloat: input.float,
    businessDate: businessDateIn(now.getTime(), input.timeZone),
    createdAt: now.toISOString(),
  };
  await saveFacts(deps, [shift]);
  return shift;
}

/**
 * Records cash in, cash out or a safe drop, with its reason (and the manager who allowed it), then opens
 * the drawer; `drawerProblem` says why it did not open ('' when it did), for the cashier.
 */
export async function recordCashEvent(
  deps: OpsDeps,
  input: {
    shift: ShiftDoc;
    kind: CashEventDoc['kind'];
    amount: Money;
    reason: string;
    userId: string;
    approvedBy?: string;
  },
): Promise<{ event: CashEventDoc; drawerProblem: string }> {
  const { amount, kind } = input;
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0) {
    throw new DomainError('shift.bad-amount', `A ${kind} moves a positive amount of cash.`, { amount });
  }
  if (amount.currency !== input.shift.currency) {
    throw new DomainError(
      'shift.currency',
      `The drawer counts ${input.shift.currency}; this ${kind} is in ${amount.currency}.`,
      { currency: amount.currency },
    );
  }
  if (input.reason.trim() === '') {
    throw new DomainError('shift.reason-required', `Give a reason for the ${kind}.`, { kind });
  }
  if (kind === 'cash-out' && !input.approvedBy) {
    throw new DomainError('shift.approval-required', 'Cash out needs a manager’s approval.', { kind });
  }
  const event: CashEventDoc = {
    id: deps.newId(),
    type: 'cash-event',
    schemaVersion: 1,
    storeId: deps.storeId,
    terminalId: deps.terminalId,
    shiftId: input.shift.id,
    kind: input.kind,
    amount: input.amount,
    reason: input.reason,
    userId: input.userId,
    ...(input.approvedBy === undefined ? {} : { approvedBy: input.approvedBy }),
    createdAt: deps.now().toISOString(),
  };
  await saveFacts(deps, [event]);
  // The drawer opens for the cash to go in or out; a drawer that cannot open does not undo the fact.
  return { event, drawerProblem: await openDrawerFor(deps, `${input.kind} ${event.id}`) };
}

/** The outcome of a close: the stored document, and whether the Z report came out of the printer. */
export interface ClosedShift {
  readonly close: CloseDoc;
  readonly printed: { readonly ok: true } | { readonly ok: false; readonly reason: string };
}

/**
 * Closes the shift: the close document (counted drawer, expected per tender, variance, Z totals) and
 * the manager's audit event are written first, then the Z report is printed; a printer failure leaves
 * the close stored and says why (the Z can be reprinted from the document).
 */
export async function closeShiftAt(
  deps: OpsDeps,
  input: {
    shift: ShiftDoc;
    data: ShiftData;
    counted: ClosingCount;
    denominations?: readonly number[];
    closedBy: string;
    approvedBy: string;
    note?: string;
    storeName: string;
  },
): Promise<ClosedShift> {
  if (input.approvedBy.trim() === '') {
    throw new DomainError(
      'shift.sign-off-required',
      'A manager signs the close off before it is stored.',
      {},
    );
  }
  const createdAt = deps.now().toISOString();
  const close = buildCloseDoc(
    {
      shift: input.shift,
      orders: ordersOfShift(input.shift, input.data.orders, createdAt),
      cashEvents: input.data.cashEvents,
      counted: input.counted,
      ...(input.denominations === undefined ? {} : { denominations: input.denominations }),
    },
    {
      newId: deps.newId,
      closedBy: input.closedBy,
      approvedBy: input.approvedBy,
      createdAt,
      zNumber: nextZNumber(deps.terminalId, input.data.closes),
      ...(input.note === undefined || input.note === '' ? {} : { note: input.note }),
    },
  );
  const unexplained = variancesNeedingReason(close.tenders, VARIANCE_REASON_THRESHOLD);
  if (unexplained.length > 0 && (input.note ?? '').trim() === '') {
    throw new DomainError(
      'shift.variance-reason',
      `Explain the ${unexplained.join(', ')} variance before the manager signs off.`,
      { tenders: unexplained },
    );
  }
  const audit: AuditEventDoc = {
    id: deps.newId(),
    type: 'audit-event',
    schemaVersion: 1,
    storeId: deps.storeId,
    terminalId: deps.terminalId,
    kind: 'close-approved',
    userId: input.closedBy,
    approvedBy: input.approvedBy,
    ref: { kind: 'close', id: close.id },
    details: {
      zNumber: close.zNumber ?? 0,
      variance: close.tenders.map((t) => [t.tenderType, t.variance.amount]),
    },
    createdAt,
  };
  await saveFacts(deps, [close, audit]);
  try {
    await deps.host.invoke('printer.print', {
      jobId: `${close.id}-z`,
      blocks: closeReportBlocks({ title: 'Z REPORT', close, storeName: input.storeName }),
    });
    return { close, printed: { ok: true } };
  } catch (error) {
    return { close, printed: { ok: false, reason: error instanceof Error ? error.message : String(error) } };
  }
}

/** The shift's figures so far (expected per tender, nothing counted): what an X report shows. */
export function xReportFigures(shift: ShiftDoc, data: ShiftData): CloseFigures {
  return closeShift({
    shift,
    orders: ordersOfShift(shift, data.orders),
    cashEvents: data.cashEvents,
    counted: { cash: [] },
  });
}

/**
 * Prints the X report of the shift so far. It writes nothing to the database (an X report changes
 * nothing), and each print is its own printer job.
 */
export async function printXReport(
  deps: OpsDeps,
  input: { shift: ShiftDoc; data: ShiftData; storeName: string },
): Promise<{ jobId: string; figures: CloseFigures }> {
  const at = deps.now().toISOString();
  const figures = xReportFigures(input.shift, input.data);
  const jobId = `${input.shift.id}-x-${at.replace(/\D/g, '')}`;
  await deps.host.invoke('printer.print', {
    jobId,
    blocks: reportBlocks({
      title: 'X REPORT',
      storeName: input.storeName,
      terminalId: deps.terminalId,
      at,
      figures,
      ...(input.shift.businessDate === undefined ? {} : { businessDate: input.shift.businessDate }),
    }),
  });
  return { jobId, figures };
}
