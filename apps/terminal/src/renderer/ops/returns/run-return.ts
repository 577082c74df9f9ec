import { formatMoney, type OrderDoc, type RefundPlanItem, type TenderDoc } from '@store-os/shared';
import { receiptBlocks } from '../../sale/receipt-blocks';
import { startCardPayment } from '../../tender/card-payment';
import type { OpsDeps } from '../common/ops-deps';
import { openDrawerFor } from '../common/open-drawer';
import { uiLocale } from '../common/ui-locale';
import { saveFacts } from '../common/store-docs';
import { returnDocuments, type CompletedRefund, type ReturnDraft } from './return-order';

/** How the cashier reads a refund step: "card 4242", "gift card GC-123", "store credit SC-9", "cash". */
function refundTarget(item: RefundPlanItem): string {
  switch (item.method) {
    case 'card':
      return `card ${item.card?.maskedPan.slice(-4) ?? ''}`;
    case 'gift-card':
      return `gift card ${item.accountId ?? ''}`;
    case 'store-credit':
      return `store credit ${item.accountId ?? ''}`;
    case 'cash':
    case 'loyalty-points':
    case 'other':
      return item.method;
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The outcome the cashier sees. */
export interface ReturnOutcome {
  readonly order: OrderDoc;
  readonly summary: string;
  readonly printed: boolean;
}

/**
 * Carries out a return or exchange as one transaction: card refunds go to the payment terminal first
 * (each a negative amount on its own transaction id, so a retry never refunds twice), a difference the
 * customer owes is taken in cash, then the order, its movements and ledger credits are written and
 * journalled, and the receipt printed. A declined card refund stops before anything is written.
 */
export async function runReturn(
  deps: OpsDeps,
  input: {
    draft: ReturnDraft;
    original: OrderDoc;
    locationId: string;
    cashierId: string;
    shiftId?: string;
    businessDate?: string;
    /** Cash the customer hands over for an exchange to dearer goods. */
    cashForDue?: number;
  },
): Promise<ReturnOutcome> {
  const orderId = deps.newId();
  const refunds: CompletedRefund[] = [];
  for (const [i, item] of input.draft.refunds.entries()) {
    if (item.method !== 'card') {
      refunds.push({ item });
      continue;
    }
    const outcome = await startCardPayment(
      deps.host,
      { transactionId: `${orderId}-r${i + 1}`, amount: -item.amount.amount, currency: item.amount.currency },
      { wait },
    );
    if (outcome.state !== 'approved' || !outcome.approval)
      throw new Error(
        `The card refund of ${formatMoney(item.amount, { locale: uiLocale() })} was ${outcome.state}${outcome.detail ? ` (${outcome.detail})` : ''}; nothing was written. Try again or refund to store credit.`,
      );
    refunds.push({ item, authCode: outcome.approval.authCode });
  }
  const due = input.draft.due.amount;
  const payment: TenderDoc | undefined =
    due > 0
      ? {
          tenderId: 'p1',
          type: 'cash',
          amount: input.draft.due,
          tendered: { amount: Math.max(due, input.cashForDue ?? due), currency: input.draft.currency },
          change: { amount: Math.max(0, (input.cashForDue ?? due) - due), currency: input.draft.currency },
        }
      : undefined;
  const at = deps.now().toISOString();
  const docs = returnDocuments({
    draft: input.draft,
    original: input.original,
    refunds,
    ...(payment ? { payment } : {}),
    orderId,
    newId: deps.newId,
    at,
    storeId: deps.storeId,
    terminalId: deps.terminalId,
    locationId: input.locationId,
    cashierId: input.cashierId,
    ...(input.shiftId === undefined ? {} : { shiftId: input.shiftId }),
    ...(input.businessDate === undefined ? {} : { businessDate: input.businessDate }),
  });
  const documents = [docs.order, ...docs.movements, ...docs.ledgerEntries];
  await saveFacts(deps, documents);
  await deps.host.invoke('journal.append', {
    id: orderId,
    kind: 'sale',
    collection: 'store',
    documents: documents,
  });
  const drawerProblem =
    refunds.some((r) => r.item.method === 'cash') || due > 0 ? await openDrawerFor(deps, orderId) : '';
  let printed = true;
  try {
    await deps.host.invoke('printer.print', { jobId: `${orderId}-r`, blocks: receiptBlocks(docs.order) });
  } catch {
    printed = false;
  }
  const fmt = (amount: number) =>
    formatMoney({ amount, currency: input.draft.currency }, { locale: uiLocale() });
  const refunded = refunds.map((r) => `${fmt(r.item.amount.amount)} to ${refundTarget(r.item)}`);
  const summary =
    due > 0
      ? `Exchange complete: customer paid ${fmt(due)} in cash.`
      : refunded.length > 0
        ? `${docs.order.kind === 'exchange' ? 'Exchange' : 'Return'} complete: refunded ${refunded.join(', ')}.`
        : 'Exchange complete: nothing to pay.';
  return {
    order: docs.order,
    summary: `${summary}${printed ? '' : ' Receipt not printed.'}${drawerProblem}`,
    printed,
  };
}
