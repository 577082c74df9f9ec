import {
  composeOrder,
  formatMoney,
  orderTotals,
  type CardApproval,
  type OrderDoc,
  type OrderLineDoc,
  type TenderDoc,
} from '@store-os/shared';
import { receiptBlocks } from '../../sale/receipt-blocks';
import { startCardPayment } from '../../tender/card-payment';
import type { OpsDeps } from '../common/ops-deps';
import { saveFacts } from '../common/store-docs';
import { openDrawerFor } from '../common/open-drawer';
import { uiLocale } from '../common/ui-locale';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How the customer pays an endless-aisle sale at the counter. */
export type AislePayment = { readonly kind: 'cash'; readonly tendered: number } | { readonly kind: 'card' };

/** Everything the till knows about an endless-aisle sale before it is paid. */
export interface AisleSaleInput {
  readonly orderId: string;
  readonly lines: readonly OrderLineDoc[];
  readonly currency: string;
  readonly pricesIncludeTax: boolean;
  /** Where the parcel goes (kept on the order's note, which the shipping store reads). */
  readonly shipTo: string;
  readonly customerId?: string;
  readonly cashierId: string;
  /** The till's open shift: its close counts the cash taken for this sale. */
  readonly shiftId?: string;
  readonly createdAt: string;
  readonly storeId: string;
  readonly terminalId: string;
}

/**
 * The order of an endless-aisle sale: a counter sale (`channel: store`) to be shipped (`fulfillment:
 * ship`), paid now. It causes no stock movement at this store: the goods are not here. The server
 * routes it when it arrives (fulfillment and reservations at the shipping stores, backorders here),
 * and the shipping store's `sale` movements are written when it ships.
 */
export function aisleSaleOrder(input: AisleSaleInput, tenders: readonly TenderDoc[]): OrderDoc {
  if (input.shipTo.trim() === '')
    throw new Error('Enter the delivery address: the shipping store prints it on the parcel.');
  if (input.shipTo.trim().length > 400)
    throw new Error('The delivery address is longer than 400 characters; shorten it.');
  return composeOrder({
    id: input.orderId,
    storeId: input.storeId,
    terminalId: input.terminalId,
    channel: 'store',
    fulfillment: 'ship',
    createdAt: input.createdAt,
    ...(input.shiftId === undefined ? {} : { shiftId: input.shiftId }),
    cashierId: input.cashierId,
    currency: input.currency,
    pricesIncludeTax: input.pricesIncludeTax,
    ...(input.customerId ? { customer: { customerId: input.customerId } } : {}),
    note: `Ship to: ${input.shipTo.trim()}`,
    lines: input.lines,
    tenders,
  });
}

/** The tender of a paid endless-aisle sale. */
export function aisleTender(
  total: number,
  currency: string,
  payment: AislePayment,
  approval?: CardApproval,
): TenderDoc {
  if (payment.kind === 'cash') {
    if (payment.tendered < total)
      throw new Error(
        `Take at least ${formatMoney({ amount: total, currency }, { locale: uiLocale() })} in cash.`,
      );
    return {
      tenderId: 't1',
      type: 'cash',
      amount: { amount: total, currency },
      tendered: { amount: payment.tendered, currency },
      change: { amount: payment.tendered - total, currency },
    };
  }
  if (!approval) throw new Error('The card payment has no approval from the payment terminal.');
  return {
    tenderId: 't1',
    type: 'card',
    amount: { amount: total, currency },
    ...(approval.token === undefined ? {} : { token: approval.token }),
    maskedPan: approval.maskedPan,
    brand: approval.brand,
    authCode: approval.authCode,
  };
}

/** What the cashier is told after an endless-aisle sale. */
export interface AisleSaleOutcome {
  readonly order: OrderDoc;
  readonly summary: string;
}

/**
 * Takes the payment (a card through the payment terminal, once per order id; cash with change), then
 * writes the order to this store's database (pending until the server has it) and the journal, opens
 * the drawer for cash and prints the receipt. A declined card writes nothing. Offline the order waits
 * in the store database and is routed when it syncs.
 */
export async function runAisleSale(
  deps: OpsDeps,
  input: AisleSaleInput,
  payment: AislePayment,
): Promise<AisleSaleOutcome> {
  // Checked before the card is charged: a bad address must not leave a paid card without an order.
  if (input.shipTo.trim() === '')
    throw new Error('Enter the delivery address: the shipping store prints it on the parcel.');
  if (input.lines.length === 0) throw new Error('Add the item the customer wants delivered.');
  const total = orderTotals(input.lines, [], input.currency).total.amount;
  let approval: CardApproval | undefined;
  if (payment.kind === 'card') {
    const outcome = await startCardPayment(
      deps.host,
      { transactionId: `${input.orderId}-p1`, amount: total, currency: input.currency },
      { wait },
    );
    if (outcome.state !== 'approved' || !outcome.approval)
      throw new Error(
        `The card payment was ${outcome.state}${outcome.detail ? ` (${outcome.detail})` : ''}; nothing was sold.`,
      );
    approval = outcome.approval;
  }
  const order = aisleSaleOrder(input, [aisleTender(total, input.currency, payment, approval)]);
  await saveFacts(deps, [order]);
  await deps.host.invoke('journal.append', {
    id: order.id,
    kind: 'sale',
    collection: 'store',
    documents: [order],
  });
  const drawerProblem = payment.kind === 'cash' ? await openDrawerFor(deps, order.id) : '';
  let printed = true;
  try {
    await deps.host.invoke('printer.print', { jobId: `${order.id}-r`, blocks: receiptBlocks(order) });
  } catch {
    printed = false;
  }
  const fmt = (amount: number) => formatMoney({ amount, currency: input.currency }, { locale: uiLocale() });
  const change = payment.kind === 'cash' ? payment.tendered - total : 0;
  const summary =
    `Sold for delivery: ${fmt(total)} paid${change > 0 ? `, change ${fmt(change)}` : ''}. ` +
    `Order ${order.id.slice(-8)} is routed to the shipping store when this till syncs.` +
    (printed ? '' : ' Receipt not printed.') +
    drawerProblem;
  return { order, summary };
}
