import type { CurrencyCode, Percent } from '../money';

/** Which cart lines a promotion looks at: any listed SKU or any line in one of the listed groups. */
export interface ItemSelector {
  readonly skus?: readonly string[];
  readonly groupIds?: readonly string[];
}

/**
 * When a promotion runs, in the store's own wall-clock time (its IANA zone), so "Saturday 8–10 am"
 * means the same to every store of a chain across time zones.
 */
export interface PromotionWindow {
  /** Local start, inclusive, `YYYY-MM-DDTHH:mm`. */
  readonly startsAt?: string;
  /** Local end, exclusive, `YYYY-MM-DDTHH:mm`. */
  readonly endsAt?: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly daysOfWeek?: readonly number[];
  /** Daily local time range, `HH:mm`, from inclusive to exclusive (happy hour). */
  readonly dailyFrom?: string;
  readonly dailyTo?: string;
}

/**
 * How a promotion combines with others: `competing` promotions of the same priority class compete
 * for units and the best combination for the customer wins; `stackable` ones apply on top of
 * whatever else applied; an `exclusive` one applies alone, if alone it beats every combination.
 */
export type Stacking = 'competing' | 'stackable' | 'exclusive';

/** Fields every promotion has, whatever its reward. */
export interface PromotionBase {
  readonly id: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  /** Priority class: higher classes claim units first. 0 when absent. */
  readonly priority?: number;
  readonly stacking?: Stacking;
  readonly window?: PromotionWindow;
  /** Stores where it runs; absent means every store. */
  readonly storeIds?: readonly string[];
  /** When set, the promotion applies only once the cashier has entered this coupon code. */
  readonly couponCode?: string;
  /** When set, only customers in one of these segments get it (a customer-segment offer). */
  readonly customerSegmentIds?: readonly string[];
  /** Most uses in one order: units for per-unit rewards, sets for set rewards, 1 for spend thresholds. */
  readonly maxUsesPerOrder?: number;
  /** Most orders one customer may use it in; the count so far is passed in with the customer. */
  readonly maxUsesPerCustomer?: number;
}

/** Percent off each matching unit (or weighed line). */
export interface PercentOff {
  readonly kind: 'percent-off';
  readonly target: ItemSelector;
  readonly percent: Percent;
}

/** A fixed amount (minor units) off each matching unit. */
export interface AmountOff {
  readonly kind: 'amount-off';
  readonly target: ItemSelector;
  readonly amountOff: number;
}

/** Each matching unit sells for a fixed price (minor units). */
export interface FixedPrice {
  readonly kind: 'fixed-price';
  readonly target: ItemSelector;
  readonly price: number;
}

/**
 * Buy `buyQuantity` of `buy`, get `getQuantity` at `getPercentOff` (100 = free). Without `get`
 * the reward goes to the cheapest units of each set from the same pool ("3 for 2").
 */
export interface BuyXGetY {
  readonly kind: 'buy-x-get-y';
  readonly buy: ItemSelector;
  readonly buyQuantity: number;
  readonly get?: ItemSelector;
  readonly getQuantity: number;
  readonly getPercentOff?: Percent;
}

/** Any `quantity` units of the group for `price` (minor units) per set. */
export interface MixAndMatch {
  readonly kind: 'mix-and-match';
  readonly target: ItemSelector;
  readonly quantity: number;
  readonly price: number;
}

/** Spend at least `threshold` on matching items (all items when no target), get an amount or percent off. */
export interface SpendThreshold {
  readonly kind: 'spend-threshold';
  readonly target?: ItemSelector;
  readonly threshold: number;
  readonly amountOff?: number;
  readonly percentOff?: Percent;
}

/** The reward a promotion gives, by kind. */
export type PromotionReward = PercentOff | AmountOff | FixedPrice | BuyXGetY | MixAndMatch | SpendThreshold;

/** A promotion as HQ publishes it to the `catalog` database. */
export type Promotion = PromotionBase & PromotionReward;

/** True when a line with this SKU and these groups is selected. */
export function selects(selector: ItemSelector, sku: string, groupIds: readonly string[]): boolean {
  if (selector.skus?.includes(sku)) return true;
  const groups = selector.groupIds;
  if (!groups) return false;
  for (const g of groupIds) if (groups.includes(g)) return true;
  return false;
}
