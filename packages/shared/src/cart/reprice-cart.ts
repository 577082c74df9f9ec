import type { PriceList } from '../pricing';
import { resolvePrice } from '../pricing';
import type { Cart } from './cart';
import { makeCart, makeLine } from './cart';

/**
 * Re-resolves every price-list-priced sale line, e.g. after a staff or B2B customer was attached;
 * overrides, label prices, keyed prices and returns keep their prices.
 */
export function repriceCart(cart: Cart, priceLists: readonly PriceList[]): Cart {
  const lines = cart.lines.map((line) => {
    if (line.returnOf || line.priceSource.kind !== 'price-list') return line;
    const resolved = resolvePrice(priceLists, {
      sku: line.sku,
      storeId: cart.storeId,
      currency: cart.currency,
      ...(cart.customer?.groupId !== undefined ? { customerGroupId: cart.customer.groupId } : {}),
    });
    return resolved.unitPrice === line.unitPrice && resolved.priceListId === line.priceSource.priceListId
      ? line
      : makeLine({
          ...line,
          unitPrice: resolved.unitPrice,
          priceSource: { kind: 'price-list' as const, priceListId: resolved.priceListId },
        });
  });
  return makeCart({ ...cart, lines });
}
