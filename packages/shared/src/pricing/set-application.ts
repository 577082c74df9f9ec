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

/** A promotion rewarding sets of units (buy X get Y, mix-and-match). */
export type SetPromotion = PromotionBase & (BuyXGetY | MixAndMatch);

function byRemainingDesc(a: Unit, b: Unit): number {
  return b.remaining - a.remaining || compareUnits(a, b);
}

function baseOf(baseline: (u: Unit) => number, u: Unit): number {
  return baseline(u);
}

function sumBase(baseline: (u: Unit) => number, units: readonly Unit[]): number {
  let total = 0;
  for (const u of units) total += baseOf(baseline, u);
  return total;
}

/** Units sizes a set promotion needs at least, to skip pools that are too small without sorting. */
function setSize(p: SetPromotion): number {
  return p.kind === 'mix-and-match' ? p.quantity : p.buyQuantity + p.getQuantity;
}

/**
 * The best single use of a set promotion over the free units of its pool. `baseline` is each
 * unit's best per-unit discount in the same class, so a set only wins units where it beats the
 * per-unit offers.
 */
export function bestSetApplication(
  p: SetPromotion,
  pool: readonly Unit[],
  baseline: (u: Unit) => number,
  ratios: ReadonlyMap<string, Ratio>,
): SetApplication | undefined {
  const free: Unit[] = [];
  for (const u of pool) if (!u.taken && !u.weighed) free.push(u);
  if (free.length < setSize(p)) return undefined;
  if (p.kind === 'mix-and-match') return mixAndMatch(p, free, baseline);
  const ratio = ratios.get(p.getPercentOff ?? '100');
  if (!ratio) return undefined;
  let buys: Unit[];
  let gets: Unit[];
  if (!p.get) {
    // Same pool, cheapest of each set rewarded: grouping the dearest units together gives the most.
    const size = p.buyQuantity + p.getQuantity;
    const matching = free.filter((u) => selects(p.buy, u.line.sku, u.line.groupIds));
    if (matching.length < size) return undefined;
    const set = matching.sort(byRemainingDesc).slice(0, size);
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
      .sort(
        (a, b) =>
          baseOf(baseline, a) - baseOf(baseline, b) || a.remaining - b.remaining || compareUnits(a, b),
      )
      .slice(0, p.buyQuantity);
    if (buys.length < p.buyQuantity) return undefined;
  }
  const getDiscounts = gets.map((u) => Math.min(u.remaining, percentOf(u.remaining, ratio)));
  const discount = getDiscounts.reduce((a, b) => a + b, 0);
  if (discount <= 0) return undefined;
  const units = [...buys, ...gets];
  return {
    units,
    discounts: [...buys.map(() => 0), ...getDiscounts],
    gain: discount - sumBase(baseline, units),
  };
}

function mixAndMatch(
  p: PromotionBase & MixAndMatch,
  free: Unit[],
  baseline: (u: Unit) => number,
): SetApplication | undefined {
  const chosen = free
    .sort(
      (a, b) => b.remaining - baseOf(baseline, b) - (a.remaining - baseOf(baseline, a)) || compareUnits(a, b),
    )
    .slice(0, p.quantity);
  let total = 0;
  for (const u of chosen) total += u.remaining;
  const discount = total - p.price;
  if (discount <= 0) return undefined;
  const shares = allocate(
    { amount: discount, currency: p.currency },
    chosen.map((u) => u.remaining),
  );
  return {
    units: chosen,
    discounts: shares.map((s) => s.amount),
    gain: discount - sumBase(baseline, chosen),
  };
}
