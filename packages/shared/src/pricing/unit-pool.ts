import type { SellingUnit } from '../catalog';
import type { Ratio } from '../money';
import { mulDivRounded } from '../money';
import type { Promotion } from './promotion';

/** A cart line as the promotion engine sees it: a sale line whose price promotions may change. */
export interface PromotableLine {
  readonly lineId: string;
  readonly sku: string;
  readonly groupIds: readonly string[];
  readonly unit: SellingUnit;
  /** Units for `each`, grams for `kg`. */
  readonly quantity: number;
  readonly unitPrice: number;
  /** unitPrice × quantity (weighed lines: rounded once); what promotions discount from. */
  readonly amount: number;
}

/** One unit of a line (a weighed line is a single unit), the grain promotions compete for. */
export interface Unit {
  readonly line: PromotableLine;
  readonly n: number;
  readonly weighed: boolean;
  /** Price left after discounts so far; never below zero. */
  remaining: number;
  /** Claimed by a competing promotion (in this or a higher priority class). */
  taken: boolean;
}

/**
 * Expands lines to units in one canonical order (SKU, price high to low, line id, unit number), so
 * the outcome never depends on the order lines were scanned.
 */
export function buildUnits(lines: readonly PromotableLine[]): Unit[] {
  const units: Unit[] = [];
  // Sorting lines (not units) is enough: a line's units are identical and stay in unit-number order.
  const ordered = lines.filter((l) => l.quantity > 0).sort(compareLines);
  for (const line of ordered) {
    if (line.unit === 'kg') {
      units.push({ line, n: 0, weighed: true, remaining: line.amount, taken: false });
    } else {
      for (let n = 0; n < line.quantity; n += 1) {
        units.push({ line, n, weighed: false, remaining: line.unitPrice, taken: false });
      }
    }
  }
  return units;
}

function priceOf(line: PromotableLine): number {
  return line.unit === 'kg' ? line.amount : line.unitPrice;
}

function compareLines(a: PromotableLine, b: PromotableLine): number {
  if (a.sku !== b.sku) return a.sku < b.sku ? -1 : 1;
  const pa = priceOf(a);
  const pb = priceOf(b);
  if (pa !== pb) return pb - pa;
  return a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0;
}

export function compareUnits(a: Unit, b: Unit): number {
  if (a.line.sku !== b.line.sku) return a.line.sku < b.line.sku ? -1 : 1;
  const pa = a.weighed ? a.line.amount : a.line.unitPrice;
  const pb = b.weighed ? b.line.amount : b.line.unitPrice;
  if (pa !== pb) return pb - pa;
  if (a.line.lineId !== b.line.lineId) return a.line.lineId < b.line.lineId ? -1 : 1;
  return a.n - b.n;
}

/** `amount × ratio`, half-up: the one rounding point of percent discounts (per unit). */
export function percentOf(amount: number, ratio: Ratio): number {
  return mulDivRounded(amount, ratio.numerator, ratio.denominator, 'half-up');
}

/** The discount a per-unit promotion gives one unit at its current remaining price (0 when it cannot). */
export function unitDiscount(p: Promotion, u: Unit, ratios: ReadonlyMap<string, Ratio>): number {
  switch (p.kind) {
    case 'percent-off': {
      const ratio = ratios.get(p.percent);
      return ratio ? Math.min(u.remaining, percentOf(u.remaining, ratio)) : 0;
    }
    case 'amount-off':
      return u.weighed ? 0 : Math.min(u.remaining, p.amountOff);
    case 'fixed-price':
      return u.weighed ? 0 : Math.max(0, u.remaining - p.price);
    case 'buy-x-get-y':
    case 'mix-and-match':
    case 'spend-threshold':
      return 0;
  }
}

/** True for rewards decided unit by unit (percent off, amount off, fixed price). */
export function isPerUnit(p: Promotion): boolean {
  return p.kind === 'percent-off' || p.kind === 'amount-off' || p.kind === 'fixed-price';
}

/** Discounts granted so far, by promotion and line, with the units (or grams) they covered. */
export class DiscountBook {
  private readonly entries = new Map<string, Map<string, { quantity: number; amount: number }>>();

  /** Records a discount on a unit and lowers its remaining price. */
  grant(promotionId: string, unit: Unit, amount: number): void {
    if (amount <= 0) return;
    unit.remaining -= amount;
    this.add(promotionId, unit.line.lineId, unit.weighed ? unit.line.quantity : 1, amount);
  }

  /** Records a discount on a whole line (order-level rewards). */
  add(promotionId: string, lineId: string, quantity: number, amount: number): void {
    if (amount <= 0) return;
    let byLine = this.entries.get(promotionId);
    if (!byLine) {
      byLine = new Map();
      this.entries.set(promotionId, byLine);
    }
    const entry = byLine.get(lineId);
    if (entry) {
      entry.quantity += quantity;
      entry.amount += amount;
    } else byLine.set(lineId, { quantity, amount });
  }

  total(): number {
    let sum = 0;
    for (const byLine of this.entries.values()) for (const e of byLine.values()) sum += e.amount;
    return sum;
  }

  byPromotion(): ReadonlyMap<string, ReadonlyMap<string, { quantity: number; amount: number }>> {
    return this.entries;
  }
}
