import type { SellingUnit } from '../catalog';
import type { CurrencyCode, Percent } from '../money';

/** A cashier's discount with the reason code the audit and the receipt show. */
export type ManualDiscount =
  | {
      readonly type: 'amount';
      readonly amount: number;
      readonly reasonCode: string;
      readonly approvedBy?: string;
    }
  | {
      readonly type: 'percent';
      readonly percent: Percent;
      readonly reasonCode: string;
      readonly approvedBy?: string;
    };

/** An order-level manual discount; allocated to the sale lines for tax and returns. */
export type OrderDiscount = ManualDiscount & { readonly id: string };

/** A cashier-keyed unit price replacing the list price (damaged goods, price match). */
export interface PriceOverride {
  readonly unitPrice: number;
  readonly reasonCode: string;
  readonly approvedBy?: string;
}

/** The original sale a return line gives back, with what may still be refunded per unit. */
export interface ReturnReference {
  readonly orderId: string;
  readonly orderLineId: string;
  /** Minor units per unit (per kg for weighed items) as charged on the original order, after discounts. */
  readonly refundableUnitAmount: number;
}

/** Where a line's unit price came from. */
export type PriceSource =
  | { readonly kind: 'price-list'; readonly priceListId: string }
  | { readonly kind: 'barcode'; readonly barcode: string }
  | { readonly kind: 'keyed' };

/** What the catalog says about the item being added. */
export interface CartItem {
  readonly sku: string;
  readonly name: string;
  readonly productId?: string;
  readonly groupIds: readonly string[];
  readonly taxCategoryId: string;
  readonly unit: SellingUnit;
  /** Minor units per each, or per kg for weighed items. */
  readonly unitPrice: number;
  readonly priceSource: PriceSource;
}

/** One line of the cart. Quantity is units (`each`) or grams (`kg`); negative only on a return line. */
export interface CartLine extends CartItem {
  readonly lineId: string;
  readonly quantity: number;
  readonly priceOverride?: PriceOverride;
  readonly discount?: ManualDiscount;
  readonly returnOf?: ReturnReference;
}

/** The customer attached to the sale: price-list group, promotion segments, promotion uses so far. */
export interface CartCustomer {
  readonly id: string;
  readonly groupId?: string;
  readonly segmentIds: readonly string[];
  readonly promotionUses?: Readonly<Record<string, number>>;
}

/** A sale in progress at a terminal; every operation returns a new cart, nothing is mutated. */
export interface Cart {
  readonly id: string;
  readonly storeId: string;
  readonly currency: CurrencyCode;
  readonly lines: readonly CartLine[];
  readonly customer?: CartCustomer;
  readonly couponCodes: readonly string[];
  readonly orderDiscounts: readonly OrderDiscount[];
}

/** An empty cart for a store. */
export function emptyCart(input: { id: string; storeId: string; currency: CurrencyCode }): Cart {
  return makeCart({ ...input, lines: [], couponCodes: [], orderDiscounts: [] });
}

/**
 * Builds a cart with every field present in one fixed order. All carts then share one object shape,
 * which keeps the per-scan recompute on V8's fast path (spread copies drift between shapes).
 */
export function makeCart(fields: Cart): Cart {
  return {
    id: fields.id,
    storeId: fields.storeId,
    currency: fields.currency,
    lines: fields.lines,
    customer: fields.customer,
    couponCodes: fields.couponCodes,
    orderDiscounts: fields.orderDiscounts,
  };
}

/** Builds a cart line with every field present in one fixed order (see makeCart). */
export function makeLine(fields: CartLine): CartLine {
  return {
    lineId: fields.lineId,
    sku: fields.sku,
    name: fields.name,
    productId: fields.productId,
    groupIds: fields.groupIds,
    taxCategoryId: fields.taxCategoryId,
    unit: fields.unit,
    unitPrice: fields.unitPrice,
    priceSource: fields.priceSource,
    quantity: fields.quantity,
    priceOverride: fields.priceOverride,
    discount: fields.discount,
    returnOf: fields.returnOf,
  };
}
