import {
  addItem,
  calculateCartTotals,
  emptyCart,
  removeLine,
  type Cart,
  type CartItem,
  type CartTotals,
} from '@store-os/shared';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { PricingContext } from '../catalog/pricing-context';

const clock = { now: () => Date.now() };

/** The sale in progress: the cart, its totals from the shared pricing, and the cashier's operations on it. */
export function useSale(pricing: PricingContext, newCartId: () => string) {
  const fresh = useCallback(
    () => emptyCart({ id: newCartId(), storeId: pricing.storeId, currency: pricing.currency }),
    [newCartId, pricing],
  );
  // Line ids only need to be unique within the order; short ones keep receipts and documents readable.
  const lineCounter = useRef(0);
  const newLineId = useCallback(() => `l${(lineCounter.current += 1)}`, []);
  const [cart, setCart] = useState<Cart>(fresh);
  const totals: CartTotals = useMemo(
    () =>
      calculateCartTotals({
        cart,
        promotions: pricing.promotions,
        taxTable: pricing.taxTable,
        regime: pricing.regime,
        timeZone: pricing.timeZone,
        clock,
      }),
    [cart, pricing],
  );
  return {
    cart,
    totals,
    add: (item: CartItem) => setCart((c) => addItem(c, { newId: newLineId, item })),
    removeLast: () =>
      setCart((c) => (c.lines.length ? removeLine(c, c.lines[c.lines.length - 1]?.lineId ?? '') : c)),
    clear: () => setCart(fresh()),
  };
}
