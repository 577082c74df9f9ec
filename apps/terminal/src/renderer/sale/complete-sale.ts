import type { Cart, CartTotals, HostBridge, IdFactory } from '@store-os/shared';
import type { PricingContext } from '../catalog/pricing-context';
import { saveDocuments } from '../db/save-documents';
import type { SyncLedger } from '../db/sync-ledger';
import type { EnvelopeDocument, TerminalDatabase } from '../db/terminal-database';
import { buildSaleOrder } from './build-sale-order';
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
  const completedAt = deps.now().toISOString();
  const order = buildSaleOrder({ ...input, orderId, terminalId: deps.terminalId, completedAt });
  const movements: EnvelopeDocument[] = input.cart.lines.map((line) => ({
    id: deps.newId(),
    type: 'movement',
    schemaVersion: 1,
    storeId: input.cart.storeId,
    sku: line.sku,
    locationId: input.pricing.saleLocationId,
    // Units for each-items, grams for weighed ones: the stock ledger counts in the selling unit's base.
    delta: -line.quantity,
    reason: 'sale',
    ref: { kind: 'order', id: orderId, lineId: line.lineId },
    createdAt: completedAt,
  }));
  const documents = [order, ...movements];
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
