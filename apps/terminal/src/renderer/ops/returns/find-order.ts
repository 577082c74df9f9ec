import type { OrderDoc } from '@store-os/shared';
import type { TerminalDatabase } from '../../db/terminal-database';
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

/**
 * Asks the sync-server's integration API for web orders with this shop reference (orders of the web
 * shop and of other stores are not in this store's database). Needs the network, and a credential
 * allowed to read orders; either missing is said plainly.
 */
export async function findWebOrderOnServer(input: {
  serverUrl: string | null;
  authorization: string | null;
  query: string;
  online: boolean;
  fetch?: typeof fetch;
}): Promise<RemoteLookup> {
  if (!input.serverUrl)
    return { ok: false, message: 'This till has no sync-server: only its own orders can be returned.' };
  if (!input.online)
    return {
      ok: false,
      message:
        'Offline: orders of the web shop and of other stores need the network. Orders of this store still work.',
    };
  const doFetch = input.fetch ?? fetch;
  try {
    const url = `${input.serverUrl.replace(/\/$/, '')}/_api/web-orders?externalRef=${encodeURIComponent(input.query.trim())}`;
    const res = await doFetch(url, {
      headers: input.authorization ? { Authorization: input.authorization } : {},
    });
    if (res.status === 401 || res.status === 403)
      return {
        ok: false,
        message:
          'The server does not let this till read web orders (it needs the orders:read permission); ask HQ.',
      };
    if (!res.ok)
      return { ok: false, message: `The server could not look the order up (HTTP ${res.status}).` };
    const body = (await res.json()) as { orders?: { orderId: string }[] };
    const ids = (body.orders ?? []).map((o) => o.orderId);
    return ids.length === 0
      ? { ok: true, found: [] }
      : {
          ok: false,
          message: `Web order ${ids.join(', ')} exists but has not reached this store yet; wait for sync.`,
        };
  } catch {
    return {
      ok: false,
      message: 'The server did not answer: orders of the web shop and of other stores need the network.',
    };
  }
}
