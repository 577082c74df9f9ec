import {
  composeOrder,
  movementsForOrder,
  orderLineMovement,
  priceReturn,
  settleExchange,
  storedValueEntry,
  type LedgerEntryDoc,
  type Money,
  type MovementDoc,
  type OrderDoc,
  type OrderLineDoc,
  type RefundPlanItem,
  type ReturnRequest,
  type TenderDoc,
} from '@store-os/shared';
import { DomainError } from '@store-os/shared';

/**
 * Where the money of a return goes: back to the original payments by the refund rule, or all of it to
 * one store-credit account or one new gift card (`newAccountId`).
 */
export type RefundChoice = 'original' | 'store-credit' | 'gift-card';

/** Everything a return or exchange needs besides the money movements still to run. */
export interface ReturnDraftInput {
  readonly original: OrderDoc;
  readonly earlierReturns: readonly OrderDoc[];
  readonly requests: readonly ReturnRequest[];
  /** New items of an exchange, priced as a sale (priceNewLines). */
  readonly newLines: readonly OrderLineDoc[];
  readonly refundTo: RefundChoice;
  /** The store-credit account or new gift card (refundTo), or where the rule sends a gift-card refund. */
  readonly newAccountId: string;
}

/** A priced return or exchange: the lines, and either what the customer pays or how the store refunds. */
export interface ReturnDraft {
  readonly returnLines: ReturnType<typeof priceReturn>;
  readonly newLines: readonly OrderLineDoc[];
  readonly currency: string;
  /** Positive: the customer pays this (exchange to dearer goods). */
  readonly due: Money;
  /** The refund steps, in order (card first, cash last), or one store-credit or gift-card step. */
  readonly refunds: readonly RefundPlanItem[];
}

/**
 * Prices the return at what was paid (priceReturn: allocated discounts, earlier returns) and settles it
 * against the new lines (settleExchange); with store credit or a gift card chosen, the whole refund
 * goes to that one account (a new gift card is credited in its ledger) instead of the original payments.
 */
export function draftReturn(input: ReturnDraftInput): ReturnDraft {
  const returnLines = priceReturn({
    original: input.original,
    earlierReturns: input.earlierReturns,
    requests: input.requests,
  });
  const settlement = settleExchange({
    original: input.original,
    earlierReturns: input.earlierReturns,
    returnLines,
    newLines: input.newLines,
    newAccountId: input.newAccountId,
  });
  const currency = input.original.currency;
  const refundTotal = settlement.refund.reduce((s, r) => s + r.amount.amount, 0);
  const refunds: RefundPlanItem[] =
    input.refundTo !== 'original' && refundTotal > 0
      ? [
          {
            method: input.refundTo,
            amount: { amount: refundTotal, currency },
            refundOf: settlement.refund[0]?.refundOf ?? `${input.original.id}/t1`,
            accountId: input.newAccountId,
          },
        ]
      : [...settlement.refund];
  return { returnLines, newLines: input.newLines, currency, due: settlement.due, refunds };
}

/** A refund step carried out: the tender it becomes on the order (card refunds carry the terminal's answer). */
export type CompletedRefund = { readonly item: RefundPlanItem; readonly authCode?: string };

/** What the till writes for a completed return or exchange. */
export interface ReturnDocuments {
  readonly order: OrderDoc;
  readonly movements: readonly MovementDoc[];
  readonly ledgerEntries: readonly LedgerEntryDoc[];
}

/**
 * The order (kind return or exchange) with its refund tenders (negative, each `refundOf` the original
 * payment) and any payment of the difference; the stock movements (sold lines out, restocked lines
 * back, written-off lines in and out again with their reason); and store-credit / gift-card ledger
 * credits.
 */
export function returnDocuments(input: {
  draft: ReturnDraft;
  original: OrderDoc;
  refunds: readonly CompletedRefund[];
  /** The customer's payment of `due` (cash or card), already taken. */
  payment?: TenderDoc;
  orderId: string;
  newId: () => string;
  at: string;
  storeId: string;
  terminalId: string;
  locationId: string;
  cashierId?: string;
  shiftId?: string;
  businessDate?: string;
}): ReturnDocuments {
  const { draft, original } = input;
  const tenders: TenderDoc[] = input.refunds.map(({ item, authCode }, i): TenderDoc => {
    const base = {
      tenderId: `r${i + 1}`,
      amount: { amount: -item.amount.amount, currency: item.amount.currency },
      refundOf: item.refundOf,
    };
    switch (item.method) {
      case 'card':
        if (!item.card || !authCode)
          throw new DomainError(
            'return.card-unapproved',
            'The card refund has no approval from the payment terminal; run it again.',
            {},
          );
        return {
          ...base,
          type: 'card',
          ...(item.card.token === undefined ? {} : { token: item.card.token }),
          maskedPan: item.card.maskedPan,
          brand: item.card.brand,
          authCode,
        };
      case 'gift-card':
      case 'store-credit':
        return { ...base, type: item.method, accountId: item.accountId ?? '' };
      case 'loyalty-points':
        return {
          ...base,
          type: 'loyalty-points',
          accountId: item.accountId ?? '',
          points: -(item.points ?? 0),
        };
      case 'other':
        return { ...base, type: 'other', name: 'refund' };
      case 'cash':
        return { ...base, type: 'cash' };
    }
  });
  if (input.payment) tenders.push(input.payment);
  const order = composeOrder({
    id: input.orderId,
    storeId: input.storeId,
    terminalId: input.terminalId,
    channel: 'store',
    fulfillment: 'take-now',
    createdAt: input.at,
    ...(input.businessDate === undefined ? {} : { businessDate: input.businessDate }),
    ...(input.shiftId === undefined ? {} : { shiftId: input.shiftId }),
    ...(input.cashierId === undefined ? {} : { cashierId: input.cashierId }),
    currency: draft.currency,
    pricesIncludeTax: original.pricesIncludeTax,
    ...(original.customer === undefined ? {} : { customer: original.customer }),
    lines: draft.newLines,
    returnLines: draft.returnLines,
    tenders,
  });
  const movements: MovementDoc[] = movementsForOrder({
    order,
    locationId: input.locationId,
    newId: input.newId,
  });
  // A written-off item is a fact too: it came back and left again, with the reason on both movements.
  for (const line of order.returnLines.filter((l) => !l.restock)) {
    const units = line.unit === 'kg' ? (line.weightGrams ?? 0) : line.quantity;
    const common = { order, line, locationId: input.locationId, newId: input.newId, createdAt: input.at };
    const note = line.reason ?? 'written off at return';
    movements.push({ ...orderLineMovement({ ...common, reason: 'return', delta: units }), note });
    movements.push({ ...orderLineMovement({ ...common, reason: 'write-off', delta: -units }), note });
  }
  const ledgerEntries = input.refunds
    .filter(({ item }) => item.method === 'store-credit' || item.method === 'gift-card')
    .map(({ item }) =>
      storedValueEntry({
        newId: input.newId,
        storeId: input.storeId,
        terminalId: input.terminalId,
        ledger: item.method === 'gift-card' ? 'gift-card' : 'store-credit',
        accountId: item.accountId ?? '',
        entryKind: 'refund',
        amount: item.amount,
        offline: false,
        createdAt: input.at,
        ref: { kind: 'order', id: order.id },
      }),
    );
  return { order, movements, ledgerEntries };
}
