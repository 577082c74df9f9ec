import { calculateCartTotals, type CartTotals, type PromotionIndex } from '@store-os/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PricingContext } from '../catalog/pricing-context';
import type { SaleDraft } from '../sale/sale-draft';
import { emptyDraft } from '../sale/sale-operations';
import type { OpenSale } from './open-sale';

const clock = { now: () => Date.now() };

interface Priced {
  readonly draft: SaleDraft;
  readonly totals: CartTotals;
}

function price(draft: SaleDraft, pricing: PricingContext, promotions: PromotionIndex): Priced {
  return {
    draft,
    totals: calculateCartTotals({
      cart: draft.cart,
      promotions,
      taxTable: pricing.taxTable,
      regime: pricing.regime,
      timeZone: pricing.timeZone,
      clock,
    }),
  };
}

/**
 * The sale in progress: the draft and its totals from the shared pricing. Every change goes through
 * `change` with a pure operation from sale-operations; one that cannot be priced (an unknown tax
 * category, a bad quantity) is refused with the domain's message and leaves the sale as it was.
 */
export function useSale(
  pricing: PricingContext,
  promotions: PromotionIndex,
  newCartId: () => string,
  open: OpenSale = {},
) {
  const fresh = useCallback(
    () =>
      price(
        emptyDraft({ id: newCartId(), storeId: pricing.storeId, currency: pricing.currency }),
        pricing,
        promotions,
      ),
    [newCartId, pricing, promotions],
  );
  const [priced, setPriced] = useState<Priced>(() => {
    if (!open.draft) return fresh();
    try {
      return price(open.draft, pricing, promotions);
    } catch {
      return fresh();
    }
  });
  const current = useRef(priced);
  current.current = priced;
  // The open sale outlives this screen (the cashier may look at another one and come back).
  open.draft = priced.draft;
  // Line ids only need to be unique within the order; short ones keep receipts and documents readable.
  const lineCounter = useRef(0);
  const newLineId = useCallback(() => {
    const used = new Set(current.current.draft.cart.lines.map((l) => l.lineId));
    let id: string;
    do id = `l${(lineCounter.current += 1)}`;
    while (used.has(id));
    return id;
  }, []);

  // A catalog update (tax rule, promotion) reprices the open sale; if it no longer prices, keep the old figures.
  useEffect(() => {
    setPriced((p) => {
      try {
        return price(p.draft, pricing, promotions);
      } catch {
        return p;
      }
    });
  }, [pricing, promotions]);

  /** Applies an operation; returns why it was refused, or undefined. */
  const change = (operation: (draft: SaleDraft) => SaleDraft): string | undefined => {
    try {
      const next = price(operation(current.current.draft), pricing, promotions);
      current.current = next;
      setPriced(next);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  return {
    draft: priced.draft,
    totals: priced.totals,
    newLineId,
    change,
    /** Replaces the whole sale (a recalled hold). */
    replace: (draft: SaleDraft) => change(() => draft),
    clear: () => {
      const next = fresh();
      current.current = next;
      setPriced(next);
    },
  };
}
