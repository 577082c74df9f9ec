import type { CustomerDoc, OrderDoc } from '@store-os/shared';

/** One purchase, return or exchange of a customer, in any channel. */
export interface HistoryRow {
  readonly orderId: string;
  readonly at: string;
  readonly channel: OrderDoc['channel'];
  readonly kind: OrderDoc['kind'];
  readonly reference: string;
  readonly total: OrderDoc['totals']['total'];
  readonly items: string;
}

/**
 * A customer's orders across channels (counter and web shop) from what this store holds: by customer id
 * or loyalty account, newest first.
 */
export function purchaseHistory(
  customer: Pick<CustomerDoc, 'id' | 'loyaltyAccountId'>,
  orders: readonly OrderDoc[],
): HistoryRow[] {
  return orders
    .filter(
      (o) =>
        o.customer?.customerId === customer.id ||
        (customer.loyaltyAccountId !== undefined &&
          o.customer?.loyaltyAccountId === customer.loyaltyAccountId),
    )
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((o) => ({
      orderId: o.id,
      at: o.createdAt,
      channel: o.channel,
      kind: o.kind,
      reference: o.externalRef ?? o.id.slice(-8),
      total: o.totals.total,
      items: [
        ...o.lines.map((l) => `${l.quantity} × ${l.name}`),
        ...o.returnLines.map((l) => `returned ${l.quantity} × ${l.name}`),
      ].join(', '),
    }));
}
