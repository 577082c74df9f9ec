import type { Cart, CartTotals, TaxRate } from '@store-os/shared';
import type { EnvelopeDocument } from '../db/terminal-database';
import type { PricingContext } from '../catalog/pricing-context';

/** Everything that turns a priced cart into the order fact the terminal writes once. */
export interface SaleOrderInput {
  readonly orderId: string;
  readonly terminalId: string;
  readonly cart: Cart;
  readonly totals: CartTotals;
  readonly pricing: PricingContext;
  /** When the sale completed, ISO 8601 with offset. */
  readonly completedAt: string;
  /** Cash handed over, in minor units (at least the total). */
  readonly cashTendered: number;
}

/**
 * The order document of a completed cash sale: lines with prices as charged, discounts, taxes per line
 * and per rate, totals, and the cash tender with change. Amounts come from calculateCartTotals only.
 */
export function buildSaleOrder(input: SaleOrderInput): EnvelopeDocument {
  const { cart, totals, pricing } = input;
  const money = (amount: number) => ({ amount, currency: cart.currency });
  const rates = new Map<string, TaxRate>(pricing.taxTable.rates.map((r) => [r.id, r]));
  const lines = cart.lines.map((line) => {
    const figures = totals.lines.find((t) => t.lineId === line.lineId);
    if (!figures) throw new Error(`The totals have no figures for line ${line.lineId}; reprice the cart.`);
    const discount = figures.promotionDiscount + figures.manualDiscount + figures.orderDiscount;
    const weighed = line.unit === 'kg';
    return {
      lineId: line.lineId,
      sku: line.sku,
      ...(line.productId ? { productId: line.productId } : {}),
      name: line.name,
      unit: line.unit,
      quantity: weighed ? 1 : line.quantity,
      ...(weighed ? { weightGrams: line.quantity } : {}),
      taxCategoryId: line.taxCategoryId,
      unitPrice: money(figures.unitPrice),
      grossAmount: money(figures.baseAmount),
      discounts: discount > 0 ? [{ name: 'Discounts', amount: money(discount) }] : [],
      taxes: figures.taxes.map((t) => ({
        rateId: t.rateId,
        percent: rates.get(t.rateId)?.percent ?? '0',
        taxable: money(figures.net),
        tax: money(t.tax),
      })),
      total: money(figures.gross),
    };
  });
  const total = totals.total.amount;
  return {
    id: input.orderId,
    type: 'order',
    schemaVersion: 1,
    storeId: cart.storeId,
    terminalId: input.terminalId,
    kind: 'sale',
    channel: 'store',
    fulfillment: 'take-now',
    createdAt: input.completedAt,
    currency: cart.currency,
    pricesIncludeTax: pricing.regime.pricesIncludeTax,
    lines,
    returnLines: [],
    taxes: totals.taxBreakdown.map((row) => ({
      rateId: row.rateId,
      name: row.name,
      percent: row.percent,
      taxable: row.taxable,
      tax: row.tax,
      gross: row.gross,
    })),
    totals: {
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      taxTotal: totals.tax,
      total: totals.total,
    },
    tenders: [
      {
        tenderId: 't1',
        type: 'cash',
        amount: money(total),
        tendered: money(input.cashTendered),
        change: money(input.cashTendered - total),
      },
    ],
  };
}
