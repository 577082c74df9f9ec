import type { CartCustomer, CustomerDoc } from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';

/** A customer the cashier can attach: who, and how the cart and loyalty see them. */
export interface FoundCustomer {
  readonly doc: CustomerDoc;
  readonly displayName: string;
  readonly cart: CartCustomer;
}

const digits = (text: string) => text.replace(/[^0-9]/g, '');

/** How a customer doc is named on screen and on the receipt. */
export function customerName(doc: CustomerDoc): string {
  const name = [doc.givenName, doc.familyName].filter(Boolean).join(' ');
  return name || doc.email || doc.phone || doc.loyaltyAccountId || doc.id;
}

/** The customer as pricing sees them: the first group is the price-list group, all are segments. */
export function cartCustomerOf(doc: CustomerDoc): CartCustomer {
  const groups = doc.customerGroupIds ?? [];
  return { id: doc.id, ...(groups[0] !== undefined ? { groupId: groups[0] } : {}), segmentIds: groups };
}

/**
 * Finds customers in the replicated store data by loyalty card, e-mail or phone (digits compared, so
 * "+41 79 123 45 67" finds "0791234567" when the last nine digits agree). Works offline.
 */
export async function findCustomers(
  db: TerminalDatabase,
  query: string,
  limit = 8,
): Promise<FoundCustomer[]> {
  const text = query.trim();
  if (text === '') return [];
  const docs = (await db.store.find({ selector: { type: 'customer' } }).exec()).map(
    (d) => d.toJSON() as unknown as CustomerDoc,
  );
  const lower = text.toLowerCase();
  const wanted = digits(text);
  const tail = wanted.slice(-9);
  const matches = docs.filter((c) => {
    if (c.loyaltyAccountId !== undefined && c.loyaltyAccountId.toLowerCase() === lower) return true;
    if (c.email !== undefined && c.email.toLowerCase() === lower) return true;
    if (c.phone !== undefined && tail.length >= 6 && digits(c.phone).endsWith(tail)) return true;
    return false;
  });
  return matches
    .slice(0, limit)
    .map((doc) => ({ doc, displayName: customerName(doc), cart: cartCustomerOf(doc) }));
}
