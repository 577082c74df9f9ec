import type { Ratio } from '../money';
import { allocate } from '../money';
import type { Candidate } from './candidate';
import { byCandidateId, byCandidatePriority } from './candidate';
import type { SetApplication, SetPromotion } from './set-application';
import { bestSetApplication } from './set-application';
import type { PromotableLine, Unit } from './unit-pool';
import { DiscountBook, buildUnits, percentOf, unitDiscount } from './unit-pool';

interface Offer {
  readonly c: Candidate;
  readonly d: number;
}

/** Uses so far per candidate, against its per-order cap. */
class Uses {
  private readonly counts = new Map<Candidate, number>();
  canUse(c: Candidate): boolean {
    return (this.counts.get(c) ?? 0) < c.cap;
  }
  use(c: Candidate): void {
    this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
  }
}

/**
 * One combination of non-exclusive promotions (or one exclusive alone): priority classes in turn,
 * then spend thresholds. `candidatesOf` lists, per line, the candidates that select it, in id order.
 */
export function runCombination(
  lines: readonly PromotableLine[],
  candidates: readonly Candidate[],
  candidatesOf: ReadonlyMap<PromotableLine, readonly Candidate[]>,
  ratios: ReadonlyMap<string, Ratio>,
): DiscountBook {
  const book = new DiscountBook();
  const units = buildUnits(lines);
  const poolOf = poolsOf(units, candidatesOf);
  const uses = new Uses();
  const priorities = [...new Set(candidates.map((c) => c.priority))].sort((a, b) => b - a);
  for (const priority of priorities) {
    runClass(priority, units, candidates, candidatesOf, poolOf, ratios, uses, book);
  }
  applyThresholds(lines, units, candidates, poolOf, ratios, book);
  return book;
}

/** Units each candidate selects, in canonical unit order. */
function poolsOf(
  units: readonly Unit[],
  candidatesOf: ReadonlyMap<PromotableLine, readonly Candidate[]>,
): Map<Candidate, Unit[]> {
  const poolOf = new Map<Candidate, Unit[]>();
  for (const u of units) {
    const list = candidatesOf.get(u.line);
    if (!list) continue;
    for (const c of list) {
      const pool = poolOf.get(c);
      if (pool) pool.push(u);
      else poolOf.set(c, [u]);
    }
  }
  return poolOf;
}

/** A line's competing per-unit offers in a class at a unit's remaining price, best first. */
function offersFor(
  u: Unit,
  priority: number,
  candidatesOf: ReadonlyMap<PromotableLine, readonly Candidate[]>,
  ratios: ReadonlyMap<string, Ratio>,
): Offer[] {
  const offers: Offer[] = [];
  const list = candidatesOf.get(u.line);
  if (!list) return offers;
  for (const c of list) {
    if (c.priority !== priority || c.stacking === 'stackable' || !c.perUnit) continue;
    const d = unitDiscount(c.promotion, u, ratios);
    if (d > 0) offers.push({ c, d });
  }
  if (offers.length > 1) offers.sort((a, b) => b.d - a.d || byCandidateId(a.c, b.c));
  return offers;
}

function runClass(
  priority: number,
  units: readonly Unit[],
  candidates: readonly Candidate[],
  candidatesOf: ReadonlyMap<PromotableLine, readonly Candidate[]>,
  poolOf: ReadonlyMap<Candidate, readonly Unit[]>,
  ratios: ReadonlyMap<string, Ratio>,
  uses: Uses,
  book: DiscountBook,
): void {
  // All units of a line at one remaining price share their offers: memoise per line.
  const memo = new Map<PromotableLine, { remaining: number; offers: Offer[] }>();
  const offersOf = (u: Unit): Offer[] => {
    const cached = memo.get(u.line);
    if (cached !== undefined && cached.remaining === u.remaining) return cached.offers;
    const offers = offersFor(u, priority, candidatesOf, ratios);
    memo.set(u.line, { remaining: u.remaining, offers });
    return offers;
  };
  const sets: Candidate[] = [];
  let capped = false;
  for (const c of candidates) {
    if (c.priority !== priority) continue;
    if (c.set && poolOf.has(c)) sets.push(c);
    if (c.perUnit && c.cap !== Number.POSITIVE_INFINITY) capped = true;
  }
  if (sets.length > 0) {
    // Baseline: a unit's best per-unit discount in this class, ignoring caps.
    claimSets(sets, candidatesOf, poolOf, (u) => offersOf(u)[0]?.d ?? 0, ratios, uses, book);
  }
  // Per-unit offers on the units left: the biggest discounts are placed first so caps bind last.
  const open: { u: Unit; offers: Offer[] }[] = [];
  for (const u of units) {
    if (u.taken) continue;
    const offers = offersOf(u);
    if (offers.length > 0) open.push({ u, offers });
  }
  // With caps, the biggest discounts go first (a stable sort keeps the canonical unit order for
  // ties); without caps every unit simply takes its best offer and the order does not matter.
  if (capped) open.sort((a, b) => (b.offers[0]?.d ?? 0) - (a.offers[0]?.d ?? 0));
  for (const { u, offers } of open) {
    for (const o of offers) {
      if (!uses.canUse(o.c)) continue;
      uses.use(o.c);
      u.taken = true;
      book.grant(o.c.id, u, o.d);
      break;
    }
  }
  // Stackable per-unit offers apply on top, in id order, to every unit they select.
  for (const c of candidates) {
    if (c.priority !== priority || c.stacking !== 'stackable' || !c.perUnit) continue;
    for (const u of poolOf.get(c) ?? []) {
      if (!uses.canUse(c)) break;
      const d = unitDiscount(c.promotion, u, ratios);
      if (d > 0) {
        uses.use(c);
        book.grant(c.id, u, d);
      }
    }
  }
}

/**
 * Set offers win units greedily by gain over the baseline; ties go to the lower promotion id. A
 * candidate's best use is cached until a unit of its pool is claimed.
 */
function claimSets(
  sets: readonly Candidate[],
  candidatesOf: ReadonlyMap<PromotableLine, readonly Candidate[]>,
  poolOf: ReadonlyMap<Candidate, readonly Unit[]>,
  baseline: (u: Unit) => number,
  ratios: ReadonlyMap<string, Ratio>,
  uses: Uses,
  book: DiscountBook,
): void {
  const cache = new Map<Candidate, SetApplication | undefined>();
  for (;;) {
    let winner: Candidate | undefined;
    let best: SetApplication | undefined;
    for (const c of sets) {
      if (!uses.canUse(c)) continue;
      let app: SetApplication | undefined;
      if (cache.has(c)) app = cache.get(c);
      else {
        app = bestSetApplication(c.promotion as SetPromotion, poolOf.get(c) ?? [], baseline, ratios);
        cache.set(c, app);
      }
      if (app !== undefined && app.gain > 0 && (best === undefined || app.gain > best.gain)) {
        winner = c;
        best = app;
      }
    }
    if (winner === undefined || best === undefined) return;
    uses.use(winner);
    for (let k = 0; k < best.units.length; k += 1) {
      const u = best.units[k] as Unit;
      u.taken = true;
      book.grant(winner.id, u, best.discounts[k] ?? 0);
      for (const c of candidatesOf.get(u.line) ?? []) cache.delete(c);
    }
  }
}

interface ThresholdHit {
  readonly c: Candidate;
  readonly matching: readonly PromotableLine[];
  readonly discount: number;
}

/** Spend thresholds, last: the best competing one, then every stackable one, allocated over lines. */
function applyThresholds(
  lines: readonly PromotableLine[],
  units: readonly Unit[],
  candidates: readonly Candidate[],
  poolOf: ReadonlyMap<Candidate, readonly Unit[]>,
  ratios: ReadonlyMap<string, Ratio>,
  book: DiscountBook,
): void {
  const thresholds = candidates.filter((c) => c.threshold).sort(byCandidatePriority);
  if (thresholds.length === 0) return;
  const remaining = new Map<PromotableLine, number>();
  for (const u of units) remaining.set(u.line, (remaining.get(u.line) ?? 0) + u.remaining);
  const ordered = [...lines].sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  // Basket-wide thresholds all see the same lines and base until one of them is granted.
  let basket: { matching: PromotableLine[]; base: number } | undefined;
  const evaluate = (c: Candidate): ThresholdHit | undefined => {
    const p = c.promotion;
    if (p.kind !== 'spend-threshold') return undefined;
    let matching: PromotableLine[];
    let base = 0;
    if (!p.target && basket) ({ matching, base } = basket);
    else {
      let selected: Set<PromotableLine> | undefined;
      if (p.target) selected = new Set((poolOf.get(c) ?? []).map((u) => u.line));
      matching = [];
      for (const l of ordered) {
        const r = remaining.get(l) ?? 0;
        if (r <= 0 || (selected && !selected.has(l))) continue;
        matching.push(l);
        base += r;
      }
      if (!p.target) basket = { matching, base };
    }
    if (base <= 0 || base < p.threshold) return undefined;
    const ratio = p.percentOff !== undefined ? ratios.get(p.percentOff) : undefined;
    const discount = Math.min(base, p.amountOff ?? (ratio ? percentOf(base, ratio) : 0));
    return discount > 0 ? { c, matching, discount } : undefined;
  };
  const grant = (hit: ThresholdHit) => {
    basket = undefined;
    const weights = hit.matching.map((l) => remaining.get(l) ?? 0);
    const shares = allocate({ amount: hit.discount, currency: hit.c.promotion.currency }, weights);
    hit.matching.forEach((l, k) => {
      const share = shares[k]?.amount ?? 0;
      remaining.set(l, (remaining.get(l) ?? 0) - share);
      book.add(hit.c.id, l.lineId, l.quantity, share);
    });
  };
  let best: ThresholdHit | undefined;
  for (const c of thresholds) {
    if (c.stacking === 'stackable') continue;
    const hit = evaluate(c);
    if (hit && (!best || hit.discount > best.discount)) best = hit;
  }
  if (best) grant(best);
  for (const c of thresholds) {
    if (c.stacking !== 'stackable') continue;
    const hit = evaluate(c);
    if (hit) grant(hit);
  }
}
