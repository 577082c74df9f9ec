import type { Ratio } from '../money';
import { allocate } from '../money';
import type { BuyXGetY, MixAndMatch, PromotionBase } from './promotion';
import { selects } from './promotion';
import type { Unit } from './unit-pool';
import { compareUnits, percentOf } from './unit-pool';

/** One use of a set promotion: the units it claims, what each gets off, and its gain over the per-unit baseline. */
export interface SetApplication {
  readonly units: readonly Unit[];
  readonly discounts: readonly number[];
  /** Discount minus the per-unit discounts the claimed units would otherwise have had. */
  readonly gain: number;
}

type SetPromotion = PromotionBase & (BuyXGetY | MixAndMatch);

const byRemainingDesc = (a: Unit, b: Unit) => b.remaining - a.remaining || compareUnits(a, b);

/**
 * The best single use of a set promotion over the free units. `baseline` is each unit's best
 * per-unit discount in the same class, so a set only wins units where it beats per-unit offers.
 */
export function bestSetApplication(
  p: SetPromotion,
  pool: readonly Unit[],
  baseline: ReadonlyMap<Unit, number>,
  ratios: ReadonlyMap<string, Ratio>,
): SetApplication | undefined {
  const free = pool.filter((u) => !u.taken && !u.weighed);
  const base = (u: Unit) => baseline.get(u) ?? 0;
  if (p.kind === 'mix-and-match') {
    if (free.length < p.quantity) return undefined;
    const chosen = [...free]
      .sort((a, b) => b.remaining - base(b) - (a.remaining - base(a)) || compareUnits(a, b))
      .slice(0, p.quantity);
    const total = chosen.reduce((acc, u) => acc + u.remaining, 0);
    const discount = total - p.price;
    if (discount <= 0) return undefined;
    const shares = allocate(
      { amount: discount, currency: p.currency },
      chosen.map((u) => u.remaining),
    );
    const gain = discount - chosen.reduce((acc, u) => acc + base(u), 0);
    return { units: chosen, discounts: shares.map((s) => s.amount), gain };
  }
  const ratio = ratios.get(p.getPercentOff ?? '100');
  if (!ratio) return undefined;
  const off = (u: Unit) => Math.min(u.remaining, percentOf(u.remaining, ratio));
  let buys: Unit[];
  let gets: Unit[];
  if (!p.get) {
    // Same pool, cheapest of each set rewarded: grouping the dearest units together gives the most.
    const size = p.buyQuantity + p.getQuantity;
    const matching = free.filter((u) => selects(p.buy, u.line.sku, u.line.groupIds)).sort(byRemainingDesc);
    if (matching.length < size) return undefined;
    const set = matching.slice(0, size);
    buys = set.slice(0, p.buyQuantity);
    gets = set.slice(p.buyQuantity);
  } else {
    const getSelector = p.get;
    gets = free
      .filter((u) => selects(getSelector, u.line.sku, u.line.groupIds))
      .sort(byRemainingDesc)
      .slice(0, p.getQuantity);
    if (gets.length < p.getQuantity) return undefined;
    const chosen = new Set(gets);
    // Buy units earn nothing, so claim those that lose the least per-unit discount, then the cheapest.
    buys = free
      .filter((u) => !chosen.has(u) && selects(p.buy, u.line.sku, u.line.groupIds))
      .sort((a, b) => base(a) - base(b) || a.remaining - b.remaining || compareUnits(a, b))
      .slice(0, p.buyQuantity);
    if (buys.length < p.buyQuantity) return undefined;
  }
  const getDiscounts = gets.map(off);
  const discount = getDiscounts.reduce((a, b) => a + b, 0);
  if (discount <= 0) return undefined;
  const units = [...buys, ...gets];
  const gain = discount - units.reduce((acc, u) => acc + base(u), 0);
  return { units, discounts: [...buys.map(() => 0), ...getDiscounts], gain };
}
