import {
  addItem,
  buildSaleOrder,
  calculateCartTotals,
  emptyCart,
  type CartItem,
  type OrderLineDoc,
} from '@store-os/shared';
import type { PricingContext } from '../../catalog/pricing-context';

/**
 * Prices the new items of an exchange exactly as a sale would (the shared cart, promotions and tax),
 * and returns them as order lines (`n1`, `n2`…), so the exchange's difference is what the counter
 * would have charged for them.
 */
export function priceNewLines(
  items: readonly CartItem[],
  pricing: PricingContext,
  now: number,
): OrderLineDoc[] {
  if (items.length === 0) return [];
  let counter = 0;
  let cart = emptyCart({ id: 'exchange', storeId: pricing.storeId, currency: pricing.currency });
  for (const item of items) cart = addItem(cart, { newId: () => `n${(counter += 1)}`, item });
  const clock = { now: () => now };
  const totals = calculateCartTotals({
    cart,
    promotions: pricing.promotions,
    taxTable: pricing.taxTable,
    regime: pricing.regime,
    timeZone: pricing.timeZone,
    clock,
  });
  const order = buildSaleOrder({
    orderId: 'x-01JD5Z8Q2W3E4R5T6Y7V8X9A0C',
    cart,
    totals,
    tenders: [{ id: 'x', kind: 'cash', amount: totals.total.amount }],
    pricesIncludeTax: pricing.regime.pricesIncludeTax,
    taxRates: pricing.taxTable.rates,
    clock,
  });
  return order.lines;
}
