import { storedValueAccount, type LedgerEntryDoc, type Money, type OrderDoc } from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';
import type { SaleDraft } from '../sale/sale-draft';

/** The customer attached to the sale, as the store-credit look-up knows them. */
export interface StoreCreditHolder {
  readonly customerId: string;
  /** Orders that name only the loyalty account (a card scanned without the profile) count too. */
  readonly loyaltyAccountId?: string;
  /** How the screen names them. */
  readonly name?: string;
}

/** The customer attached to a sale in progress, or undefined when none is. */
export function storeCreditHolderOf(draft: SaleDraft): StoreCreditHolder | undefined {
  const customer = draft.cart.customer;
  if (!customer) return undefined;
  return {
    customerId: customer.id,
    ...(draft.loyaltyAccountId !== undefined ? { loyaltyAccountId: draft.loyaltyAccountId } : {}),
    ...(draft.customerName !== undefined ? { name: draft.customerName } : {}),
  };
}

/** One store-credit account of the customer, with what it holds now in this till's data. */
export interface CustomerStoreCredit {
  readonly accountId: string;
  readonly balance: Money;
}

/**
 * The store-credit accounts of the customer on the sale, so the cashier needs no refund slip: an account
 * is the customer's when one of its ledger entries references an order that names the customer (a return
 * or exchange refunded to store credit carries the customer of the original sale; a no-receipt return the
 * customer identified; a sale that spent it the customer attached). Accounts with nothing left are left
 * out; the largest balance first. Reads what the till holds, so it works offline.
 */
export async function customerStoreCredit(
  db: TerminalDatabase,
  holder: StoreCreditHolder,
  currency: string,
): Promise<CustomerStoreCredit[]> {
  const orders = (await db.store.find({ selector: { type: 'order' } }).exec()).map(
    (d) => d.toJSON() as unknown as OrderDoc,
  );
  const theirs = new Set(
    orders
      .filter(
        (o) =>
          o.customer?.customerId === holder.customerId ||
          (holder.loyaltyAccountId !== undefined && o.customer?.loyaltyAccountId === holder.loyaltyAccountId),
      )
      .map((o) => o.id),
  );
  if (theirs.size === 0) return [];
  const entries = (
    await db.store.find({ selector: { type: 'ledger-entry', ledger: 'store-credit' } }).exec()
  ).map((d) => d.toJSON() as unknown as LedgerEntryDoc);
  const accounts = new Set(
    entries.filter((e) => e.ref?.kind === 'order' && theirs.has(e.ref.id)).map((e) => e.accountId),
  );
  return [...accounts]
    .map((accountId) => ({
      accountId,
      balance: { amount: storedValueAccount(entries, 'store-credit', accountId).balance, currency },
    }))
    .filter((a) => a.balance.amount > 0)
    .sort((a, b) => b.balance.amount - a.balance.amount || a.accountId.localeCompare(b.accountId));
}
