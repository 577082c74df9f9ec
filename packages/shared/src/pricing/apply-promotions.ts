import type { Ratio } from '../money';
import { localTime } from './local-time';
import type { Promotion } from './promotion';

import type { PromotionContext, PromotionIndex } from './promotion-index';
import { isEligible, normalizeCoupon, promotionsSelecting, selectorsOf } from './promotion-index';
import type { Candidate } from './candidate';
import { byCandidateId, byCandidatePriority, toCandidate } from './candidate';
import { runCombination } from './combination';
import type { DiscountBook, PromotableLine, Unit } from './unit-pool';
import { unitDiscount } from './unit-pool';

/** Input of the promotion engine: the cart's promotable lines, the index, the sale's context. */
export interface ApplyPromotionsInput {
  readonly currency: string;
  readonly lines: readonly PromotableLine[];
  readonly index: PromotionIndex;
  readonly context: PromotionContext;
}

/** One promotion that gave a discount, with the explanation the receipt and the screen show. */
export interface AppliedPromotion {
  readonly promotionId: string;
  readonly name: string;
  readonly kind: Promotion['kind'];
  readonly couponCode?: string;
  /** Total discount, minor units. */
  readonly amount: number;
  /** Which lines, how many units (grams for weighed lines) and how much on each. */
  readonly lines: readonly { readonly lineId: string; readonly quantity: number; readonly amount: number }[];
}

/** What happened to each coupon code entered, so the cashier can tell the customer. */
export interface CouponStatus {
  readonly code: string;
  readonly status: 'applied' | 'not-applicable' | 'unknown';
}

/** The engine's result: applied promotions (priority, then id) and the discount per line. */
export interface PromotionResult {
  readonly applied: readonly AppliedPromotion[];
  readonly lineDiscounts: ReadonlyMap<string, number>;
  readonly totalDiscount: number;
  readonly coupons: readonly CouponStatus[];
}

const byId = (a: Promotion, b: Promotion) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byPriorityThenId = (a: Promotion, b: Promotion) => (b.priority ?? 0) - (a.priority ?? 0) || byId(a, b);

/**
 * Applies the best combination of promotions for the customer (see docs/specs/promotions.md):
 * exclusive promotions each run alone and compete with the combination of all others on total
 * discount; within that combination priority classes claim units in turn, per-unit offers give
 * each unit its best price, set offers (buy X get Y, mix-and-match) win units greedily by gain
 * over that, stackable offers apply on top, and spend thresholds apply last over the basket.
 */
export function applyPromotions(input: ApplyPromotionsInput): PromotionResult {
  const { index, context } = input;
  const local = localTime(context.now, context.timeZone);
  const eligibleById = new Map<string, Candidate>();
  const rejected = new Set<Promotion>();
  const candidateOf = (p: Promotion): Candidate | undefined => {
    const known = eligibleById.get(p.id);
    if (known || rejected.has(p)) return known;
    if (!isEligible(p, context, input.currency, local)) {
      rejected.add(p);
      return undefined;
    }
    const c = toCandidate(p);
    eligibleById.set(p.id, c);
    return c;
  };
  index.untargeted.forEach(candidateOf);
  // Each line's eligible candidates (in id order), found through the index; and each candidate's lines.
  const combinedOf = new Map<PromotableLine, Candidate[]>();
  const linesOf = new Map<Candidate, PromotableLine[]>();
  for (const line of input.lines) {
    const combinedHere: Candidate[] = [];
    for (const p of promotionsSelecting(index, line.sku, line.groupIds)) {
      const c = candidateOf(p);
      if (!c) continue;
      if (c.stacking !== 'exclusive') combinedHere.push(c);
      const list = linesOf.get(c);
      if (list) list.push(line);
      else linesOf.set(c, [line]);
    }
    combinedOf.set(line, combinedHere);
  }
  const eligible = [...eligibleById.values()].sort(byCandidateId);
  const combined = eligible.filter((c) => c.stacking !== 'exclusive');
  let best = runCombination(input.lines, combined, combinedOf, index.ratios);
  let bestTotal = best.total();
  // Strictly better wins: a tie keeps the combination, then the earlier exclusive (priority, id).
  for (const c of [...eligible].sort(byCandidatePriority)) {
    if (c.stacking !== 'exclusive') continue;
    // Alone, an exclusive promotion can only touch the lines it selects.
    const lines = selectorsOf(c.promotion).length === 0 ? input.lines : (linesOf.get(c) ?? []);
    // Skip the search when even the most this promotion could give cannot beat the best so far.
    if (upperBound(c.promotion, lines, index.ratios) <= bestTotal) continue;
    const alone = toCandidate(c.promotion, 'competing');
    const only = new Map(lines.map((l) => [l, [alone]]));
    const book = runCombination(lines, [alone], only, index.ratios);
    if (book.total() > bestTotal) {
      best = book;
      bestTotal = book.total();
    }
  }
  return summarize(best, eligible, input, index);
}

/** The most a promotion could give on these lines on its own (each unit at its best); never too low. */
function upperBound(
  p: Promotion,
  lines: readonly PromotableLine[],
  ratios: ReadonlyMap<string, Ratio>,
): number {
  let amount = 0;
  for (const l of lines) amount += l.amount;
  switch (p.kind) {
    case 'percent-off':
    case 'amount-off':
    case 'fixed-price': {
      // Alone, every unit gets the promotion at full price; all units of a line are alike.
      let bound = 0;
      for (const l of lines) {
        const weighed = l.unit === 'kg';
        const unit: Unit = {
          line: l,
          n: 0,
          weighed,
          remaining: weighed ? l.amount : l.unitPrice,
          taken: false,
        };
        bound += unitDiscount(p, unit, ratios) * (weighed ? 1 : l.quantity);
      }
      return bound;
    }
    case 'spend-threshold':
      return p.amountOff !== undefined ? Math.min(p.amountOff, amount) : amount;
    case 'buy-x-get-y':
    case 'mix-and-match':
      return amount;
  }
}

function summarize(
  book: DiscountBook,
  eligible: readonly Candidate[],
  input: ApplyPromotionsInput,
  index: PromotionIndex,
): PromotionResult {
  const promotionById = new Map(eligible.map((c) => [c.id, c.promotion]));
  const lineDiscounts = new Map<string, number>();
  const applied: AppliedPromotion[] = [];
  for (const [promotionId, byLine] of book.byPromotion()) {
    const p = promotionById.get(promotionId);
    if (!p) continue;
    const lines = [...byLine.entries()]
      .map(([lineId, e]) => ({ lineId, quantity: e.quantity, amount: e.amount }))
      .sort((a, b) => (a.lineId < b.lineId ? -1 : 1));
    for (const l of lines) lineDiscounts.set(l.lineId, (lineDiscounts.get(l.lineId) ?? 0) + l.amount);
    applied.push({
      promotionId,
      name: p.name,
      kind: p.kind,
      ...(p.couponCode !== undefined ? { couponCode: normalizeCoupon(p.couponCode) } : {}),
      amount: lines.reduce((acc, l) => acc + l.amount, 0),
      lines,
    });
  }
  applied.sort((a, b) => {
    const pa = promotionById.get(a.promotionId);
    const pb = promotionById.get(b.promotionId);
    return pa && pb ? byPriorityThenId(pa, pb) : 0;
  });
  const appliedCoupons = new Set(applied.flatMap((a) => (a.couponCode ? [a.couponCode] : [])));
  const coupons = [...new Set(input.context.couponCodes.map(normalizeCoupon))].map((code) => ({
    code,
    status: appliedCoupons.has(code)
      ? ('applied' as const)
      : index.byCoupon.has(code)
        ? ('not-applicable' as const)
        : ('unknown' as const),
  }));
  return { applied, lineDiscounts, totalDiscount: book.total(), coupons };
}
