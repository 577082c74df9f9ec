import { weighedPrice } from '../catalog';
import type { Clock } from '../clock';
import type { Money } from '../money';
import { allocate, mulDivRounded, percentToRatio } from '../money';
import type { AppliedPromotion, CouponStatus, PromotableLine, PromotionIndex } from '../pricing';
import { applyPromotions } from '../pricing';
import type { TaxBreakdownRow, TaxInputLine, TaxRegime, TaxTable } from '../tax';
import { calculateTax, resolveTaxRates } from '../tax';
import type { Cart, CartLine, ManualDiscount } from './cart';

/** Everything a recompute needs; the terminal calls this on every scan, the server for reports. */
export interface CartTotalsInput {
  readonly cart: Cart;
  readonly promotions: PromotionIndex;
  readonly taxTable: TaxTable;
  readonly regime: TaxRegime;
  /** The store's IANA time zone, for promotion windows. */
  readonly timeZone: string;
  readonly clock: Clock;
}

/** One line's figures, in minor units of the cart's currency. */
export interface CartLineTotals {
  readonly lineId: string;
  /** Unit price as charged before discounts (override, label or list price; refundable amount on returns). */
  readonly unitPrice: number;
  /** Quantity × unit price (weighed: rounded once); negative on returns. */
  readonly baseAmount: number;
  readonly promotionDiscount: number;
  readonly manualDiscount: number;
  /** This line's share of order-level manual discounts. */
  readonly orderDiscount: number;
  /** What the line costs after every discount, in the regime's terms (gross if prices include tax). */
  readonly charged: number;
  readonly net: number;
  readonly tax: number;
  readonly gross: number;
  readonly taxes: readonly { readonly rateId: string; readonly tax: number }[];
}

/** A manual discount as applied, with its actual amount on each line. */
export interface AppliedManualDiscount {
  readonly scope: 'line' | 'order';
  /** The order discount's id, or the line id for a line discount. */
  readonly id: string;
  readonly reasonCode: string;
  readonly approvedBy?: string;
  readonly amount: number;
  readonly lines: readonly { readonly lineId: string; readonly amount: number }[];
}

/** The cart's totals, with every discount explained and tax broken down by rate. */
export interface CartTotals {
  readonly currency: string;
  readonly lines: readonly CartLineTotals[];
  /** Σ base amounts (returns negative), before discounts. */
  readonly subtotal: Money;
  readonly discountTotal: Money;
  readonly tax: Money;
  /** What the customer pays (negative: what the store refunds). */
  readonly total: Money;
  readonly taxBreakdown: readonly TaxBreakdownRow[];
  readonly promotions: readonly AppliedPromotion[];
  readonly manualDiscounts: readonly AppliedManualDiscount[];
  readonly coupons: readonly CouponStatus[];
}

function baseOf(line: CartLine): { unitPrice: number; amount: number } {
  const unitPrice = line.returnOf?.refundableUnitAmount ?? line.priceOverride?.unitPrice ?? line.unitPrice;
  const amount = line.unit === 'kg' ? weighedPrice(unitPrice, line.quantity) : unitPrice * line.quantity;
  return { unitPrice, amount: amount + 0 };
}

function manualAmount(discount: ManualDiscount, of: number): number {
  if (discount.type === 'amount') return Math.min(discount.amount, of);
  const r = percentToRatio(discount.percent);
  return Math.min(of, mulDivRounded(of, r.numerator, r.denominator, 'half-up'));
}

/**
 * Prices the cart: promotions (overridden and return lines take none), then manual line discounts,
 * then manual order discounts allocated over the sale lines by what is left on them, then tax.
 * Every discount is capped at what is left, so no line goes below zero.
 */
export function calculateCartTotals(input: CartTotalsInput): CartTotals {
  const { cart } = input;
  const count = cart.lines.length;
  // Per-line figures in arrays indexed like cart.lines: plain loops keep this hot path monomorphic.
  const unitPrices: number[] = [];
  const baseAmounts: number[] = [];
  const promotable: PromotableLine[] = [];
  for (const l of cart.lines) {
    const b = baseOf(l);
    unitPrices.push(b.unitPrice);
    baseAmounts.push(b.amount);
    if (l.returnOf || l.priceOverride || l.quantity <= 0) continue;
    promotable.push({
      lineId: l.lineId,
      sku: l.sku,
      groupIds: l.groupIds,
      unit: l.unit,
      quantity: l.quantity,
      unitPrice: b.unitPrice,
      amount: b.amount,
    });
  }
  const promo = applyPromotions({
    currency: cart.currency,
    lines: promotable,
    index: input.promotions,
    context: {
      storeId: cart.storeId,
      timeZone: input.timeZone,
      now: input.clock.now(),
      couponCodes: cart.couponCodes,
      ...(cart.customer ? { customer: cart.customer } : {}),
    },
  });

  const promotionDiscounts: number[] = [];
  const manualLine: number[] = [];
  const orderShares: number[] = [];
  const remaining: number[] = [];
  const manualDiscounts: AppliedManualDiscount[] = [];
  for (let i = 0; i < count; i += 1) {
    const l = cart.lines[i] as CartLine;
    const promotion = promo.lineDiscounts.get(l.lineId) ?? 0;
    const left = (baseAmounts[i] ?? 0) - promotion;
    const manual = l.discount && left > 0 ? manualAmount(l.discount, left) : 0;
    promotionDiscounts.push(promotion);
    manualLine.push(manual);
    orderShares.push(0);
    remaining.push(left - manual);
    if (l.discount && manual > 0) {
      manualDiscounts.push({
        scope: 'line',
        id: l.lineId,
        reasonCode: l.discount.reasonCode,
        ...(l.discount.approvedBy !== undefined ? { approvedBy: l.discount.approvedBy } : {}),
        amount: manual,
        lines: [{ lineId: l.lineId, amount: manual }],
      });
    }
  }

  for (const d of cart.orderDiscounts) {
    // Sale lines with something left share the order discount in proportion to what is left.
    const members: number[] = [];
    const weights: number[] = [];
    let left = 0;
    for (let i = 0; i < count; i += 1) {
      const r = remaining[i] ?? 0;
      if (cart.lines[i]?.returnOf || r <= 0) continue;
      members.push(i);
      weights.push(r);
      left += r;
    }
    const amount = left > 0 ? manualAmount(d, left) : 0;
    if (amount <= 0) continue;
    const shares = allocate({ amount, currency: cart.currency }, weights);
    const lines: { lineId: string; amount: number }[] = [];
    for (let k = 0; k < members.length; k += 1) {
      const i = members[k] ?? 0;
      const share = shares[k]?.amount ?? 0;
      if (share <= 0) continue;
      remaining[i] = (remaining[i] ?? 0) - share;
      orderShares[i] = (orderShares[i] ?? 0) + share;
      lines.push({ lineId: cart.lines[i]?.lineId ?? '', amount: share });
    }
    manualDiscounts.push({
      scope: 'order',
      id: d.id,
      reasonCode: d.reasonCode,
      ...(d.approvedBy !== undefined ? { approvedBy: d.approvedBy } : {}),
      amount,
      lines,
    });
  }

  const taxLines: TaxInputLine[] = [];
  for (let i = 0; i < count; i += 1) {
    const l = cart.lines[i] as CartLine;
    taxLines.push({
      lineId: l.lineId,
      amount: remaining[i] ?? 0,
      rates: resolveTaxRates({
        table: input.taxTable,
        storeId: cart.storeId,
        taxCategoryId: l.taxCategoryId,
      }),
    });
  }
  const tax = calculateTax({ currency: cart.currency, regime: input.regime, lines: taxLines });

  const lines: CartLineTotals[] = [];
  let subtotal = 0;
  let discounts = 0;
  for (let i = 0; i < count; i += 1) {
    const t = tax.lines[i];
    const line: CartLineTotals = {
      lineId: cart.lines[i]?.lineId ?? '',
      unitPrice: unitPrices[i] ?? 0,
      baseAmount: baseAmounts[i] ?? 0,
      promotionDiscount: promotionDiscounts[i] ?? 0,
      manualDiscount: manualLine[i] ?? 0,
      orderDiscount: orderShares[i] ?? 0,
      charged: remaining[i] ?? 0,
      net: t?.net ?? 0,
      tax: t?.tax ?? 0,
      gross: t?.gross ?? 0,
      taxes: t?.byRate ?? [],
    };
    lines.push(line);
    subtotal += line.baseAmount;
    discounts += line.promotionDiscount + line.manualDiscount + line.orderDiscount;
  }
  const money = (amount: number): Money => ({ amount: amount + 0, currency: cart.currency });
  return {
    currency: cart.currency,
    lines,
    subtotal: money(subtotal),
    discountTotal: money(discounts),
    tax: tax.tax,
    total: tax.gross,
    taxBreakdown: tax.breakdown,
    promotions: promo.applied,
    manualDiscounts,
    coupons: promo.coupons,
  };
}
