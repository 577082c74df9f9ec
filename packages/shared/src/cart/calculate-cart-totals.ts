import { weighedPrice } from '../catalog';
import type { Clock } from '../clock';
import type { Money } from '../money';
import { allocate, mulDivRounded, percentToRatio } from '../money';
import type { AppliedPromotion, CouponStatus, PromotableLine, PromotionIndex } from '../pricing';
import { applyPromotions } from '../pricing';
import type { TaxBreakdownRow, TaxRegime, TaxTable } from '../tax';
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
  const bases = new Map(cart.lines.map((l) => [l.lineId, baseOf(l)]));
  const promotable: PromotableLine[] = [];
  for (const l of cart.lines) {
    if (l.returnOf || l.priceOverride || l.quantity <= 0) continue;
    const b = bases.get(l.lineId) ?? { unitPrice: 0, amount: 0 };
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

  const remaining = new Map<string, number>();
  const manualByLine = new Map<string, number>();
  const manualDiscounts: AppliedManualDiscount[] = [];
  for (const l of cart.lines) {
    const left = (bases.get(l.lineId)?.amount ?? 0) - (promo.lineDiscounts.get(l.lineId) ?? 0);
    const manual = l.discount && left > 0 ? manualAmount(l.discount, left) : 0;
    remaining.set(l.lineId, left - manual);
    manualByLine.set(l.lineId, manual);
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

  const orderShare = new Map<string, number>();
  const saleLines = cart.lines.filter((l) => !l.returnOf && (remaining.get(l.lineId) ?? 0) > 0);
  for (const d of cart.orderDiscounts) {
    const weights = saleLines.map((l) => remaining.get(l.lineId) ?? 0);
    const left = weights.reduce((a, b) => a + b, 0);
    const amount = left > 0 ? manualAmount(d, left) : 0;
    if (amount <= 0) continue;
    const shares = allocate({ amount, currency: cart.currency }, weights);
    const lines = saleLines
      .map((l, k) => ({ lineId: l.lineId, amount: shares[k]?.amount ?? 0 }))
      .filter((s) => s.amount > 0);
    for (const s of lines) {
      remaining.set(s.lineId, (remaining.get(s.lineId) ?? 0) - s.amount);
      orderShare.set(s.lineId, (orderShare.get(s.lineId) ?? 0) + s.amount);
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

  const tax = calculateTax({
    currency: cart.currency,
    regime: input.regime,
    lines: cart.lines.map((l) => ({
      lineId: l.lineId,
      amount: remaining.get(l.lineId) ?? 0,
      rates: resolveTaxRates({
        table: input.taxTable,
        storeId: cart.storeId,
        taxCategoryId: l.taxCategoryId,
      }),
    })),
  });

  const lines: CartLineTotals[] = cart.lines.map((l, i) => {
    const t = tax.lines[i];
    return {
      lineId: l.lineId,
      unitPrice: bases.get(l.lineId)?.unitPrice ?? 0,
      baseAmount: bases.get(l.lineId)?.amount ?? 0,
      promotionDiscount: promo.lineDiscounts.get(l.lineId) ?? 0,
      manualDiscount: manualByLine.get(l.lineId) ?? 0,
      orderDiscount: orderShare.get(l.lineId) ?? 0,
      charged: remaining.get(l.lineId) ?? 0,
      net: t?.net ?? 0,
      tax: t?.tax ?? 0,
      gross: t?.gross ?? 0,
      taxes: t?.byRate ?? [],
    };
  });
  const money = (amount: number): Money => ({ amount: amount + 0, currency: cart.currency });
  const subtotal = lines.reduce((a, l) => a + l.baseAmount, 0);
  const discounts = lines.reduce((a, l) => a + l.promotionDiscount + l.manualDiscount + l.orderDiscount, 0);
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
