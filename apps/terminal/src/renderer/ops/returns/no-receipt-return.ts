import {
  composeOrder,
  indexPromotions,
  orderLineMovement,
  storedValueEntry,
  type CartItem,
  type LedgerEntryDoc,
  type MovementDoc,
  type OrderDoc,
  type ReturnLineDoc,
  type TenderDoc,
} from '@store-os/shared';
import type { NoReceiptDecision, NoReceiptRefundMethod } from '@store-os/shared/omnichannel';
import type { PricingContext } from '../../catalog/pricing-context';
import { priceNewLines } from './price-new-lines';

/** One item the customer brings back without a receipt, and what happens to it. */
export interface NoReceiptLine {
  readonly item: CartItem;
  readonly quantity: number;
  /** Back to sellable stock, or written off with `reason`. */
  readonly restock: boolean;
  readonly reason?: string;
}

/** Everything the till writes for an approved no-receipt return. */
export interface NoReceiptDocuments {
  readonly order: OrderDoc;
  readonly movements: readonly MovementDoc[];
  readonly ledgerEntries: readonly LedgerEntryDoc[];
}

/**
 * The return lines of an allowed decision: each item priced at the policy's unit price (not today's
 * promotions), with the tax a sale at that price carries, so the order's tax summary gives it back too.
 * Lines reference no original sale (that is what makes them no-receipt returns, counted by the limits)
 * and carry the approving manager.
 */
export function noReceiptReturnLines(input: {
  decision: Extract<NoReceiptDecision, { allowed: true }>;
  lines: readonly NoReceiptLine[];
  pricing: PricingContext;
  approvedBy: string;
  now: number;
}): ReturnLineDoc[] {
  const unitPrices = new Map(input.decision.items.map((i) => [i.sku, i.unitPrice]));
  const noPromotions = { ...input.pricing, promotions: indexPromotions([]) };
  return input.lines.map((l, i) => {
    const unitPrice = unitPrices.get(l.item.sku);
    if (unitPrice === undefined)
      throw new Error(`${l.item.name} was not valued by the policy; evaluate again.`);
    const [priced, ...more] = priceNewLines(
      Array<CartItem>(l.quantity).fill({ ...l.item, unitPrice, priceSource: l.item.priceSource }),
      noPromotions,
      input.now,
    );
    if (!priced || more.length > 0) throw new Error(`${l.item.name} could not be priced as one line.`);
    return {
      ...priced,
      lineId: `nr${i + 1}`,
      restock: l.restock,
      ...(l.reason?.trim() ? { reason: l.reason.trim() } : {}),
      approvedBy: input.approvedBy,
    };
  });
}

/**
 * The return order (kind return, no original), its refund tender by the chosen method (store credit or a
 * new gift card credited in its ledger; cash out of the drawer where the policy allows it), and the stock
 * movements: restocked items come back (`return`), written-off ones come back and leave again
 * (`return` + `write-off`, the reason on both), so the ledger says what happened.
 */
export function noReceiptDocuments(input: {
  returnLines: readonly ReturnLineDoc[];
  method: NoReceiptRefundMethod;
  accountId: string;
  customerId: string;
  orderId: string;
  newId: () => string;
  at: string;
  storeId: string;
  terminalId: string;
  locationId: string;
  currency: string;
  pricesIncludeTax: boolean;
  cashierId: string;
  /** The till's open shift: its close counts the cash this return pays out. */
  shiftId?: string;
}): NoReceiptDocuments {
  const refund = input.returnLines.reduce((s, l) => s + l.total.amount, 0);
  const amount = { amount: -refund, currency: input.currency };
  const tender: TenderDoc =
    input.method === 'cash'
      ? { tenderId: 'r1', type: 'cash', amount }
      : { tenderId: 'r1', type: input.method, accountId: input.accountId, amount };
  const order = composeOrder({
    id: input.orderId,
    storeId: input.storeId,
    terminalId: input.terminalId,
    channel: 'store',
    fulfillment: 'take-now',
    createdAt: input.at,
    ...(input.shiftId === undefined ? {} : { shiftId: input.shiftId }),
    cashierId: input.cashierId,
    currency: input.currency,
    pricesIncludeTax: input.pricesIncludeTax,
    customer: { customerId: input.customerId },
    note: 'Return without receipt (manager approved)',
    lines: [],
    returnLines: input.returnLines,
    tenders: [tender],
  });
  const movements: MovementDoc[] = [];
  for (const line of order.returnLines) {
    const common = {
      order,
      line,
      locationId: input.locationId,
      newId: input.newId,
      createdAt: input.at,
      userId: input.cashierId,
    };
    if (line.restock) {
      movements.push(orderLineMovement({ ...common, reason: 'return', delta: line.quantity }));
      continue;
    }
    const note = line.reason ?? 'written off at a no-receipt return';
    movements.push({ ...orderLineMovement({ ...common, reason: 'return', delta: line.quantity }), note });
    movements.push({ ...orderLineMovement({ ...common, reason: 'write-off', delta: -line.quantity }), note });
  }
  const ledgerEntries =
    input.method === 'cash'
      ? []
      : [
          storedValueEntry({
            newId: input.newId,
            storeId: input.storeId,
            terminalId: input.terminalId,
            ledger: input.method,
            accountId: input.accountId,
            entryKind: 'refund',
            amount: { amount: refund, currency: input.currency },
            offline: false,
            createdAt: input.at,
            ref: { kind: 'order', id: order.id },
            userId: input.cashierId,
          }),
        ];
  return { order, movements, ledgerEntries };
}
