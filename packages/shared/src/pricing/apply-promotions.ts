import type { Ratio } from '../money';
import { allocate } from '../money';
import { localTime } from './local-time';
import type { Promotion } from './promotion';
import { selects } from './promotion';
import type { PromotionContext, PromotionIndex } from './promotion-index';
import { isEligible, normalizeCoupon, selectorsOf } from './promotion-index';
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
  const candidates = new Set<Promotion>(index.untargeted);
  for (const line of input.lines) {
    index.bySku.get(line.sku)?.forEach((p) => candidates.add(p));
    for (const g of line.groupIds) index.byGroup.get(g)?.forEach((p) => candidates.add(p));
  }
  const eligible = [...candidates].filter((p) => isEligible(p, context, input.currency, local)).sort(byId);
  const combined = eligible.filter((p) => p.stacking !== 'exclusive');
  let best = run(input.lines, combined, index.ratios);
  let bestTotal = best.total();
  // Strictly better wins: a tie keeps the combination, then the earlier exclusive (priority, id).
  for (const p of [...eligible].sort(byPriorityThenId)) {
    if (p.stacking !== 'exclusive') continue;
    const alone = run(input.lines, [{ ...p, stacking: 'competing' }], index.ratios);
    if (alone.total() > bestTotal) {
      best = alone;
      bestTotal = alone.total();
    }
  }
  return summarize(best, eligible, input, index);
}

function run(
  lines: readonly PromotableLine[],
  promotions: readonly Promotion[],
  ratios: ReadonlyMap<string, Ratio>,
): DiscountBook {
  const book = new DiscountBook();
  const units = buildUnits(lines);
  const candidatesOf = new Map<PromotableLine, Promotion[]>();
  for (const line of lines) {
    candidatesOf.set(
      line,
      promotions.filter(
        (p) => isPerUnit(p) && selectorsOf(p).some((s) => selects(s, line.sku, line.groupIds)),
      ),
    );
  }
  const uses = new Map<string, number>();
  const used = (p: Promotion) => uses.get(p.id) ?? 0;
  const canUse = (p: Promotion) => p.maxUsesPerOrder === undefined || used(p) < p.maxUsesPerOrder;
  const use = (p: Promotion) => uses.set(p.id, used(p) + 1);

  const priorities = [...new Set(promotions.map((p) => p.priority ?? 0))].sort((a, b) => b - a);
  for (const priority of priorities) {
    const inClass = (p: Promotion) => (p.priority ?? 0) === priority;
    const competing = (p: Promotion) => inClass(p) && p.stacking !== 'stackable';
    // Baseline: each free unit's best per-unit discount in this class, ignoring caps.
    const baseline = new Map<Unit, number>();
    for (const u of units) {
      if (u.taken) continue;
      let bestDiscount = 0;
      for (const p of candidatesOf.get(u.line) ?? []) {
        if (competing(p)) bestDiscount = Math.max(bestDiscount, unitDiscount(p, u, ratios));
      }
      baseline.set(u, bestDiscount);
    }
    // Set offers win units greedily by gain over the baseline; ties go to the lower promotion id.
    const sets = promotions.filter(
      (p) => inClass(p) && (p.kind === 'buy-x-get-y' || p.kind === 'mix-and-match'),
    );
    const pools = new Map(
      sets.map((p) => [
        p,
        units.filter((u) => selectorsOf(p).some((s) => selects(s, u.line.sku, u.line.groupIds))),
      ]),
    );
    for (;;) {
      let chosen: { p: Promotion; app: NonNullable<ReturnType<typeof bestSetApplication>> } | undefined;
      for (const p of sets) {
        if (!canUse(p) || (p.kind !== 'buy-x-get-y' && p.kind !== 'mix-and-match')) continue;
        const app = bestSetApplication(p, pools.get(p) ?? [], baseline, ratios);
        if (app && app.gain > 0 && (!chosen || app.gain > chosen.app.gain)) chosen = { p, app };
      }
      if (!chosen) break;
      use(chosen.p);
      chosen.app.units.forEach((u, k) => {
        u.taken = true;
        book.grant(chosen.p.id, u, chosen.app.discounts[k] ?? 0);
      });
    }
    // Per-unit offers on the units left: the biggest discounts are placed first so caps bind last.
    const offers: { u: Unit; options: { p: Promotion; d: number }[] }[] = [];
    for (const u of units) {
      if (u.taken) continue;
      const options = (candidatesOf.get(u.line) ?? [])
        .filter(competing)
        .map((p) => ({ p, d: unitDiscount(p, u, ratios) }))
        .filter((o) => o.d > 0)
        .sort((a, b) => b.d - a.d || byId(a.p, b.p));
      if (options.length > 0) offers.push({ u, options });
    }
    offers.sort((a, b) => (b.options[0]?.d ?? 0) - (a.options[0]?.d ?? 0));
    for (const { u, options } of offers) {
      const pick = options.find((o) => canUse(o.p));
      if (!pick) continue;
      use(pick.p);
      u.taken = true;
      book.grant(pick.p.id, u, pick.d);
    }
    // Stackable per-unit offers apply on top, in id order, to every unit they select.
    for (const p of promotions) {
      if (!inClass(p) || p.stacking !== 'stackable' || !isPerUnit(p)) continue;
      for (const u of units) {
        if (!canUse(p) || !(candidatesOf.get(u.line) ?? []).includes(p)) continue;
        const d = unitDiscount(p, u, ratios);
        if (d > 0) {
          use(p);
          book.grant(p.id, u, d);
        }
      }
    }
  }
  applyThresholds(lines, units, promotions, ratios, book);
  return book;
}

/** Spend thresholds, last: the best competing one, then every stackable one, allocated over lines. */
function applyThresholds(
  lines: readonly PromotableLine[],
  units: readonly Unit[],
  promotions: readonly Promotion[],
  ratios: ReadonlyMap<string, Ratio>,
  book: DiscountBook,
): void {
  const remaining = new Map<PromotableLine, number>();
  for (const u of units) remaining.set(u.line, (remaining.get(u.line) ?? 0) + u.remaining);
  const ordered = [...lines].sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  const evaluate = (p: Promotion) => {
    if (p.kind !== 'spend-threshold') return undefined;
    const target = p.target;
    const matching = ordered.filter(
      (l) => (remaining.get(l) ?? 0) > 0 && (!target || selects(target, l.sku, l.groupIds)),
    );
    const base = matching.reduce((acc, l) => acc + (remaining.get(l) ?? 0), 0);
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
  const thresholds = promotions.filter((p) => p.kind === 'spend-threshold').sort(byPriorityThenId);
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
