import type { Cart, CartTotals, HostBridge, IdFactory } from '@store-os/shared';
import { buildSaleOrder, movementsForOrder } from '@store-os/shared';
import type { PricingContext } from '../catalog/pricing-context';
import { saveDocuments } from '../db/save-documents';
import type { SyncLedger } from '../db/sync-ledger';
import type { EnvelopeDocument, TerminalDatabase } from '../db/terminal-database';
import { receiptBlocks } from './receipt-blocks';

/** What completing a sale needs: the database, the host, and where ids and time come from. */
export interface CheckoutDeps {
  readonly db: TerminalDatabase;
  readonly ledger: SyncLedger;
  readonly host: HostBridge;
  readonly newId: IdFactory;
  readonly now: () => Date;
  readonly terminalId: string;
}

/** The outcome the cashier sees: the sale is kept; the receipt may still need a reprint. */
export interface CompletedSale {
  readonly orderId: string;
  readonly receipt: { readonly printed: true } | { readonly printed: false; readonly reason: string };
}

/**
 * Completes a cash sale in steps, each of which the next relies on: the order and its stock movements go
 * into the local database (marked pending), then into the host's journal (fsynced), and only then is the
 * receipt printed. A printer failure never undoes the sale: the receipt can be reprinted by its job id.
 */
export async function completeSale(
  deps: CheckoutDeps,
  input: { cart: Cart; totals: CartTotals; pricing: PricingContext; cashTendered: number },
): Promise<CompletedSale> {
  const orderId = deps.newId();
  const completedAt = deps.now();
  // The order and its movements come from the domain, so the terminal writes exactly what the
  // server validates: every discount with its promotion, tax per line and per rate, cash change.
  const order = buildSaleOrder({
    orderId,
    terminalId: deps.terminalId,
    cart: input.cart,
    totals: input.totals,
    tenders: [{ id: 't1', kind: 'cash', amount: input.cashTendered }],
    pricesIncludeTax: input.pricing.regime.pricesIncludeTax,
    taxRates: input.pricing.taxTable.rates,
    clock: { now: () => completedAt.getTime() },
  });
  const movements = movementsForOrder({ order, locationId: input.pricing.saleLocationId, newId: deps.newId });
  const documents: EnvelopeDocument[] = [order, ...movements];
  await saveDocuments(deps.db, deps.ledger, 'store', documents);
  await deps.host.invoke('journal.append', {
    id: orderId,
    kind: 'sale',
    collection: 'store',
    documents: [...documents],
  });
  try {
    await deps.host.invoke('printer.print', { jobId: `${orderId}-r`, blocks: receiptBlocks(order) });
    return { orderId, receipt: { printed: true } };
  } catch (error) {
    return {
      orderId,
      receipt: { printed: false, reason: error instanceof Error ? error.message : String(error) },
    };
  }
}
