import type { OrderDoc } from '@store-os/shared';
import type { ReturnLookupAnswer } from '@store-os/shared/omnichannel';
import type { TerminalDatabase } from '../../db/terminal-database';
import { askServer, type ServerAccess } from '../common/ask-server';
import { storeDocsOfType } from '../common/store-docs';

/** An order found for a return, and the returns already made against it (local ones). */
export interface FoundOrder {
  readonly order: OrderDoc;
  readonly earlierReturns: readonly OrderDoc[];
  readonly source: 'this store' | 'server';
}

/** Orders that sold something: the ones a return can reference. */
const sold = (o: OrderDoc) => o.lines.length > 0;

/**
 * Whether an order answers a lookup: its number (id), the receipt barcode (the id's last 20 characters),
 * the web shop's reference, the customer or loyalty account, or the token of a card that paid it.
 */
export function orderMatches(order: OrderDoc, query: string): boolean {
  const q = query.trim();
  if (q.length < 4) return false;
  const lower = q.toLowerCase();
  return (
    order.id === q ||
    (q.length >= 12 && order.id.endsWith(q)) ||
    order.externalRef?.toLowerCase() === lower ||
    order.customer?.customerId === q ||
    order.customer?.loyaltyAccountId === q ||
    order.tenders.some((t) => t.type === 'card' && t.token === q)
  );
}

/** Returns and exchanges that reference `original` by any of their returned lines. */
export function returnsAgainst(original: OrderDoc, orders: readonly OrderDoc[]): OrderDoc[] {
  return orders.filter((o) => o.returnLines.some((l) => l.originalOrderId === original.id));
}

/** Looks the order up in this store's replicated data: works offline. Newest first. */
export async function findOrdersLocally(db: TerminalDatabase, query: string): Promise<FoundOrder[]> {
  const orders = await storeDocsOfType<OrderDoc>(db, 'order');
  return orders
    .filter((o) => sold(o) && orderMatches(o, query))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .map((order) => ({
      order,
      earlierReturns: returnsAgainst(order, orders),
      source: 'this store' as const,
    }));
}

/** Why a server lookup gave nothing, in words for the cashier. */
export type RemoteLookup =
  | { readonly ok: true; readonly found: readonly FoundOrder[] }
  | { readonly ok: false; readonly message: string };

// askServer moved to ops/common (pickup and the endless aisle ask the server too); re-exported for them.
export { askServer, type ServerAccess } from '../common/ask-server';

/**
 * Asks the sync-server for the sale (orders of other stores and of the web shop are not in this store's
 * database) by order number, receipt barcode, web reference, customer, loyalty account or card token,
 * with the returns already made against it anywhere. Offline or without a server this says so plainly.
 */
export async function findOrdersOnServer(access: ServerAccess, query: string): Promise<RemoteLookup> {
  const answer = await askServer<ReturnLookupAnswer>(
    access,
    `orders?q=${encodeURIComponent(query.trim())}`,
    'orders of the web shop and of other stores',
  );
  if (!answer.ok) return answer;
  return {
    ok: true,
    found: answer.body.orders.map((o) => ({
      order: o.order,
      earlierReturns: o.earlierReturns,
      source: 'server' as const,
    })),
  };
}

/**
 * Adds this store's own returns against orders found on the server: a return made here that has not
 * synced yet is not in the server's answer, and must still count against what is left to refund.
 */
export function withLocalReturns(found: readonly FoundOrder[], local: readonly OrderDoc[]): FoundOrder[] {
  return found.map((f) => {
    const byId = new Map(f.earlierReturns.map((o) => [o.id, o]));
    for (const o of returnsAgainst(f.order, local)) byId.set(o.id, o);
    return { ...f, earlierReturns: [...byId.values()] };
  });
}
