import {
  addItem,
  calculateCartTotals,
  emptyCart,
  removeLine,
  type Cart,
  type CartItem,
  type CartTotals,
} from '@store-os/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PricingContext } from '../catalog/pricing-context';

const clock = { now: () => Date.now() };

interface Priced {
  readonly cart: Cart;
  readonly totals: CartTotals;
}

function price(cart: Cart, pricing: PricingContext): Priced {
  return {
    cart,
    totals: calculateCartTotals({
      cart,
      promotions: pricing.promotions,
      taxTable: pricing.taxTable,
      regime: pricing.regime,
      timeZone: pricing.timeZone,
      clock,
    }),
  };
}

/**
 * The sale in progress: the cart and its totals from the shared pricing, and the cashier's operations.
 * A change that cannot be priced (an item whose tax category the catalog lacks) is refused with the
 * domain's message and leaves the cart as it was, instead of taking the screen down.
 */
export function useSale(pricing: PricingContext, newCartId: () => string) {
  const fresh = useCallback(
    () =>
      price(emptyCart({ id: newCartId(), storeId: pricing.storeId, currency: pricing.currency }), pricing),
    [newCartId, pricing],
  );
  const [priced, setPriced] = useState<Priced>(fresh);
  // Line ids only need to be unique within the order; short ones keep receipts and documents readable.
  const lineCounter = useRef(0);
  const newLineId = useCallback(() => `l${(lineCounter.current += 1)}`, []);

  // A catalog update (new tax rule, price list) reprices the open cart; if it no longer prices, keep the old figures.
  useEffect(() => {
    setPriced((p) => {
      try {
        return price(p.cart, pricing);
      } catch {
        return p;
      }
    });
  }, [pricing]);

  const change = (next: (cart: Cart) => Cart): string | undefined => {
    try {
      setPriced(price(next(priced.cart), pricing));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  return {
    cart: priced.cart,
    totals: priced.totals,
    /** Adds the item; returns why it could not be added, or undefined. */
    add: (item: CartItem) => change((c) => addItem(c, { newId: newLineId, item })),
    removeLast: () =>
      change((c) => (c.lines.length ? removeLine(c, c.lines[c.lines.length - 1]?.lineId ?? '') : c)),
    clear: () => setPriced(fresh()),
  };
}
