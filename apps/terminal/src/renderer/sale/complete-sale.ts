import type { CartTotals, HostBridge, IdFactory, Money, OrderDoc, Tender } from '@store-os/shared';
import { buildSaleOrder, DomainError, movementsForOrder, tenderState } from '@store-os/shared';
import type { PricingContext } from '../catalog/pricing-context';
import { loyaltySaleEntries } from '../customer/loyalty-sale';
import { saveDocuments } from '../db/save-documents';
import type { SyncLedger } from '../db/sync-ledger';
import type { EnvelopeDocument, TerminalDatabase } from '../db/terminal-database';
import { giftCardSaleEntries } from '../tender/gift-card';
import { storeCreditSaleEntries } from '../tender/store-credit';
import { auditEvent } from './audit-events';
import { NO_OPEN_SHIFT } from './no-open-shift';
import type { SaleDraft } from './sale-draft';
import type { StorePolicy } from './store-policy';

/** What completing a sale needs: the database, the host, and where ids and time come from. */
export interface CheckoutDeps {
  readonly db: TerminalDatabase;
  readonly ledger: SyncLedger;
  readonly host: HostBridge;
  readonly newId: IdFactory;
  readonly now: () => Date;
  readonly terminalId: string;
}

/** A paid sale ready to be written: the draft, the totals the customer saw, and the tenders taken. */
export interface SaleToComplete {
  readonly draft: SaleDraft;
  readonly totals: CartTotals;
  readonly pricing: PricingContext;
  readonly policy: StorePolicy;
  readonly tenders: readonly Tender[];
  readonly cashierId?: string;
  /**
   * The till's open shift: the close counts the order's cash by it. Required: a sale taken with no open
   * shift could never be reconciled at the end-of-day close, so completeSale refuses it (see NO_OPEN_SHIFT).
   */
  readonly shiftId: string | undefined;
  /** The terminal could not see the server: ledger entries are flagged for reconciliation. */
  readonly offline: boolean;
}

/** A sale that is written and journaled: from here on it is never lost, whatever the printer does. */
export interface CompletedSale {
  readonly orderId: string;
  readonly order: OrderDoc;
  readonly change: Money;
  /** Every document written (order, movements, ledger entries, audit events). */
  readonly documents: readonly EnvelopeDocument[];
}

/** The store's business day of an instant, in its time zone (YYYY-MM-DD). */
export function businessDateOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * Writes a paid sale as facts, in steps the next relies on: the order (every discount with its promotion
 * or approver, tenders with change), a stock movement per sold item (gift cards are not stock), ledger
 * entries for gift cards, store credit and loyalty points, and an audit event per manager approval — all into the
 * local database (marked pending), then into the host's journal (fsynced). Only then may the drawer
 * open and the receipt print (see deliverSale). A till with no open shift is refused (`sale.no-shift`,
 * NO_OPEN_SHIFT) before anything is written.
 */
export async function completeSale(deps: CheckoutDeps, input: SaleToComplete): Promise<CompletedSale> {
  const { draft, pricing, policy } = input;
  const shiftId = input.shiftId?.trim();
  if (shiftId === undefined || shiftId === '') {
    // Refused before anything is written or journaled: the cashier opens the till, then pays again.
    throw new DomainError('sale.no-shift', NO_OPEN_SHIFT, { terminalId: deps.terminalId });
  }
  const orderId = deps.newId();
  const completedAt = deps.now();
  const createdAt = completedAt.toISOString();
  const order = buildSaleOrder({
    orderId,
    terminalId: deps.terminalId,
    cart: draft.cart,
    totals: input.totals,
    tenders: input.tenders,
    ...(policy.cashRounding ? { cashRounding: policy.cashRounding } : {}),
    pricesIncludeTax: pricing.regime.pricesIncludeTax,
    taxRates: pricing.taxTable.rates,
    clock: { now: () => completedAt.getTime() },
    businessDate: businessDateOf(completedAt, pricing.timeZone),
    ...(input.cashierId !== undefined ? { cashierId: input.cashierId } : {}),
    shiftId,
    ...(draft.loyaltyAccountId !== undefined ? { loyaltyAccountId: draft.loyaltyAccountId } : {}),
  });
  const ref = { kind: 'order', id: orderId };
  const movements = movementsForOrder({
    order,
    locationId: pricing.saleLocationId,
    newId: deps.newId,
  }).filter((m) => m.sku !== policy.giftCardSku);
  const chargedByLine = new Map(order.lines.map((l) => [l.lineId, l.total.amount]));
  // What every stored-value entry of this sale shares; each ledger takes its own tenders.
  const entryBase = {
    newId: deps.newId,
    storeId: order.storeId,
    terminalId: deps.terminalId,
    currency: order.currency,
    createdAt,
    offline: input.offline,
    ref,
    ...(input.cashierId !== undefined ? { userId: input.cashierId } : {}),
  };
  const redeemedFrom = (kind: 'gift-card' | 'store-credit') =>
    input.tenders
      .filter((t) => t.kind === kind && t.accountId !== undefined)
      .map((t) => ({ accountId: t.accountId ?? '', amount: t.amount }));
  const giftCards = giftCardSaleEntries({
    ...entryBase,
    redeemed: redeemedFrom('gift-card'),
    loaded: Object.entries(draft.giftCards).map(([lineId, load]) => ({
      ...load,
      amount: chargedByLine.get(lineId) ?? 0,
    })),
  });
  const storeCredit = storeCreditSaleEntries({ ...entryBase, redeemed: redeemedFrom('store-credit') });
  const redeemedPoints = input.tenders
    .filter((t) => t.kind === 'loyalty-points')
    .reduce((sum, t) => sum + (t.points ?? 0), 0);
  const loyalty =
    draft.loyaltyAccountId !== undefined
      ? loyaltySaleEntries({
          newId: deps.newId,
          storeId: order.storeId,
          terminalId: deps.terminalId,
          accountId: draft.loyaltyAccountId,
          order,
          rule: policy.loyalty,
          offline: input.offline,
          excludedSkus: new Set([policy.giftCardSku]),
          redeemedPoints,
        })
      : [];
  const audits = draft.approvals
    .filter((a) => chargedByLine.has(a.lineId))
    .map((a) =>
      auditEvent({
        newId: deps.newId,
        storeId: order.storeId,
        terminalId: deps.terminalId,
        kind: a.kind,
        at: completedAt,
        ...(input.cashierId !== undefined ? { userId: input.cashierId } : {}),
        approvedBy: a.managerId,
        ref: { ...ref, lineId: a.lineId },
        details: { ...a.details, reason: a.reason, managerName: a.managerName, approvedAt: a.at },
      }),
    );
  const documents: EnvelopeDocument[] = [
    order,
    ...movements,
    ...giftCards,
    ...storeCredit,
    ...loyalty,
    ...audits,
  ];
  await saveDocuments(deps.db, deps.ledger, 'store', documents);
  await deps.host.invoke('journal.append', {
    id: orderId,
    kind: 'sale',
    collection: 'store',
    documents: [...documents],
  });
  const state = tenderState({
    total: input.totals.total,
    tenders: input.tenders,
    ...(policy.cashRounding ? { cashRounding: policy.cashRounding } : {}),
  });
  return { orderId, order, change: state.change, documents };
}
