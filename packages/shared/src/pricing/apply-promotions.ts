import type { Ratio } from '../money';
import { allocate } from '../money';
import { localTime } from './local-time';
import type { Promotion } from './promotion';

import type { PromotionContext, PromotionIndex } from './promotion-index';
import { isEligible, normalizeCoupon, selectorsOf } from './promotion-index';
import type { SetApplication, SetPromotion } from './set-application';
import { bestSetApplication } from './set-application';
import type { PromotableLine, Unit } from './unit-pool';
import { DiscountBook, buildUnits, isPerUnit, percentOf, unitDiscount } from './unit-pool';

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
  const eligibleById = new Map<string, Promotion>();
  const consider = (p: Promotion) => {
    if (!eligibleById.has(p.id) && isEligible(p, context, input.currency, local)) eligibleById.set(p.id, p);
  };
  index.untargeted.forEach(consider);
  // Each line's eligible promotions, found through the index; and each promotion's lines.
  const lineCandidates = new Map<PromotableLine, Promotion[]>();
  const combinedCandidates = new Map<PromotableLine, Promotion[]>();
  const linesOf = new Map<string, PromotableLine[]>();
  for (const line of input.lines) {
    index.bySku.get(line.sku)?.forEach(consider);
    for (const g of line.groupIds) index.byGroup.get(g)?.forEach(consider);
    const found = promotionsOfLine(line, index, eligibleById);
    lineCandidates.set(line, found);
    combinedCandidates.set(
      line,
      found.filter((p) => p.stacking !== 'exclusive'),
    );
    for (const p of found) {
      const list = linesOf.get(p.id);
      if (list) list.push(line);
      else linesOf.set(p.id, [line]);
    }
  }
  const eligible = [...eligibleById.values()].sort(byId);
  const combined = eligible.filter((p) => p.stacking !== 'exclusive');
  let best = run(input.lines, combined, combinedCandidates, index.ratios);
  let bestTotal = best.total();
  // Strictly better wins: a tie keeps the combination, then the earlier exclusive (priority, id).
  for (const p of [...eligible].sort(byPriorityThenId)) {
    if (p.stacking !== 'exclusive') continue;
    // Alone, an exclusive promotion can only touch the lines it selects.
    const lines = selectorsOf(p).length === 0 ? input.lines : (linesOf.get(p.id) ?? []);
    // Skip the search when even the most this promotion could give cannot beat the best so far.
    if (upperBound(p, lines, index.ratios) <= bestTotal) continue;
    const alone: Promotion = { ...p, stacking: 'competing' };
    const only = new Map(lines.map((l) => [l, [alone]]));
    const book = run(lines, [alone], only, index.ratios);
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

/** The allowed promotions whose selectors pick this line, through the index, in id order. */
function promotionsOfLine(
  line: PromotableLine,
  index: PromotionIndex,
  allowed: ReadonlyMap<string, Promotion>,
): Promotion[] {
  const found: Promotion[] = [];
  const take = (list: readonly Promotion[] | undefined) => {
    if (!list) return;
    for (const p of list) {
      const use = allowed.get(p.id);
      if (use && !found.includes(use)) found.push(use);
    }
  };
  take(index.bySku.get(line.sku));
  for (const g of line.groupIds) take(index.byGroup.get(g));
  return found.length > 1 ? found.sort(byId) : found;
}

interface Offer {
  readonly p: Promotion;
  readonly d: number;
}

/** One combination: promotions by priority class, then spend thresholds. */
function run(
  lines: readonly PromotableLine[],
  promotions: readonly Promotion[],
  candidatesOf: ReadonlyMap<PromotableLine, readonly Promotion[]>,
  ratios: ReadonlyMap<string, Ratio>,
): DiscountBook {
  const book = new DiscountBook();
  const units = buildUnits(lines);
  // Units each promotion selects, in canonical order.
  const poolOf = new Map<string, Unit[]>();
  for (const u of units) {
    for (const p of candidatesOf.get(u.line) ?? []) {
      const pool = poolOf.get(p.id);
      if (pool) pool.push(u);
      else poolOf.set(p.id, [u]);
    }
  }
  const uses = new Map<string, number>();
  const canUse = (p: Promotion) =>
    p.maxUsesPerOrder === undefined || (uses.get(p.id) ?? 0) < p.maxUsesPerOrder;
  const use = (p: Promotion) => uses.set(p.id, (uses.get(p.id) ?? 0) + 1);

  const priorities = [...new Set(promotions.map((p) => p.priority ?? 0))].sort((a, b) => b - a);
  for (const priority of priorities) {
    // A line's per-unit offers in this class, best first; all its units at one price share them.
    const memo = new Map<PromotableLine, { remaining: number; offers: Offer[] }>();
    const offersOf = (u: Unit): Offer[] => {
      const cached = memo.get(u.line);
      if (cached && cached.remaining === u.remaining) return cached.offers;
      const offers: Offer[] = [];
      for (const p of candidatesOf.get(u.line) ?? []) {
        if ((p.priority ?? 0) !== priority || p.stacking === 'stackable' || !isPerUnit(p)) continue;
        const d = unitDiscount(p, u, ratios);
        if (d > 0) offers.push({ p, d });
      }
      offers.sort((a, b) => b.d - a.d || byId(a.p, b.p));
      memo.set(u.line, { remaining: u.remaining, offers });
      return offers;
    };
    // Baseline: a unit's best per-unit discount in this class, ignoring caps.
    const baseline = (u: Unit) => offersOf(u)[0]?.d ?? 0;
    // Set offers win units greedily by gain over the baseline; ties go to the lower promotion id.
    // A promotion's best use is cached until a unit of its pool is claimed.
    const sets: SetPromotion[] = [];
    for (const p of promotions) {
      if ((p.priority ?? 0) !== priority || !poolOf.has(p.id)) continue;
      if (p.kind === 'buy-x-get-y' || p.kind === 'mix-and-match') sets.push(p);
    }
    const cache = new Map<string, SetApplication | undefined>();
    while (sets.length > 0) {
      let chosen: { p: SetPromotion; app: SetApplication } | undefined;
      for (const p of sets) {
        if (!canUse(p)) continue;
        let app: SetApplication | undefined;
        if (cache.has(p.id)) app = cache.get(p.id);
        else {
          app = bestSetApplication(p, poolOf.get(p.id) ?? [], baseline, ratios);
          cache.set(p.id, app);
        }
        if (app && app.gain > 0 && (!chosen || app.gain > chosen.app.gain)) chosen = { p, app };
      }
      if (!chosen) break;
      const { p: winner, app } = chosen;
      use(winner);
      app.units.forEach((u, k) => {
        u.taken = true;
        book.grant(winner.id, u, app.discounts[k] ?? 0);
        for (const q of candidatesOf.get(u.line) ?? []) cache.delete(q.id);
      });
    }
    // Per-unit offers on the units left: the biggest discounts are placed first so caps bind last.
    const open: { u: Unit; offers: Offer[] }[] = [];
    for (const u of units) {
      if (u.taken) continue;
      const offers = offersOf(u);
      if (offers.length > 0) open.push({ u, offers });
    }
    // Stable sort: equal discounts keep the canonical unit order.
    open.sort((a, b) => (b.offers[0]?.d ?? 0) - (a.offers[0]?.d ?? 0));
    for (const { u, offers } of open) {
      const pick = offers.find((o) => canUse(o.p));
      if (!pick) continue;
      use(pick.p);
      u.taken = true;
      book.grant(pick.p.id, u, pick.d);
    }
    // Stackable per-unit offers apply on top, in id order, to every unit they select.
    for (const p of promotions) {
      if ((p.priority ?? 0) !== priority || p.stacking !== 'stackable' || !isPerUnit(p)) continue;
      for (const u of poolOf.get(p.id) ?? []) {
        if (!canUse(p)) break;
        const d = unitDiscount(p, u, ratios);
        if (d > 0) {
          use(p);
          book.grant(p.id, u, d);
        }
      }
    }
  }
  applyThresholds(lines, units, promotions, poolOf, ratios, book);
  return book;
}

/** Spend thresholds, last: the best competing one, then every stackable one, allocated over lines. */
function applyThresholds(
  lines: readonly PromotableLine[],
  units: readonly Unit[],
  promotions: readonly Promotion[],
  poolOf: ReadonlyMap<string, readonly Unit[]>,
  ratios: ReadonlyMap<string, Ratio>,
  book: DiscountBook,
): void {
  const thresholds = promotions.filter((p) => p.kind === 'spend-threshold').sort(byPriorityThenId);
  if (thresholds.length === 0) return;
  const remaining = new Map<PromotableLine, number>();
  for (const u of units) remaining.set(u.line, (remaining.get(u.line) ?? 0) + u.remaining);
  const ordered = [...lines].sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  const linesOf = (p: Promotion): readonly PromotableLine[] => {
    if (p.kind !== 'spend-threshold' || !p.target) return ordered;
    const selected = new Set((poolOf.get(p.id) ?? []).map((u) => u.line));
    return ordered.filter((l) => selected.has(l));
  };
  const evaluate = (p: Promotion) => {
    if (p.kind !== 'spend-threshold') return undefined;
    const matching = linesOf(p).filter((l) => (remaining.get(l) ?? 0) > 0);
    let base = 0;
    for (const l of matching) base += remaining.get(l) ?? 0;
    if (base <= 0 || base < p.threshold) return undefined;
    const ratio = p.percentOff !== undefined ? ratios.get(p.percentOff) : undefined;
    const discount = Math.min(base, p.amountOff ?? (ratio ? percentOf(base, ratio) : 0));
    return discount > 0 ? { p, matching, discount } : undefined;
  };
  const grant = (found: NonNullable<ReturnType<typeof evaluate>>) => {
    const weights = found.matching.map((l) => remaining.get(l) ?? 0);
    const shares = allocate({ amount: found.discount, currency: found.p.currency }, weights);
    found.matching.forEach((l, k) => {
      const share = shares[k]?.amount ?? 0;
      remaining.set(l, (remaining.get(l) ?? 0) - share);
      book.add(found.p.id, l.lineId, l.quantity, share);
    });
  };
  let best: ReturnType<typeof evaluate>;
  for (const p of thresholds) {
    if (p.stacking === 'stackable') continue;
    const found = evaluate(p);
    if (found && (!best || found.discount > best.discount)) best = found;
  }
  if (best) grant(best);
  for (const p of thresholds) {
    if (p.stacking !== 'stackable') continue;
    const found = evaluate(p);
    if (found) grant(found);
  }
}

function summarize(
  book: DiscountBook,
  eligible: readonly Promotion[],
  input: ApplyPromotionsInput,
  index: PromotionIndex,
): PromotionResult {
  const promotionById = new Map(eligible.map((p) => [p.id, p]));
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
