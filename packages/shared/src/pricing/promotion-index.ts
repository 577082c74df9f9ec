import { DomainError } from '../errors';
import type { Ratio } from '../money';
import { percentToRatio } from '../money';
import type { LocalTime } from './local-time';
import { isWithinWindow } from './local-time';
import type { ItemSelector, Promotion } from './promotion';

/**
 * Active promotions indexed by the SKUs and groups they target, built once when the catalog's
 * promotions change, so a recompute only looks at promotions the cart's lines can trigger.
 */
export interface PromotionIndex {
  readonly bySku: ReadonlyMap<string, readonly Promotion[]>;
  readonly byGroup: ReadonlyMap<string, readonly Promotion[]>;
  /** Spend thresholds over the whole basket (no target). */
  readonly untargeted: readonly Promotion[];
  readonly byCoupon: ReadonlyMap<string, readonly Promotion[]>;
  /** Exact rates of every percent in the index, parsed once. */
  readonly ratios: ReadonlyMap<string, Ratio>;
}

/** Who is buying, where and when: what decides whether a promotion is eligible. */
export interface PromotionContext {
  readonly storeId: string;
  /** The store's IANA time zone, for promotion windows. */
  readonly timeZone: string;
  /** Epoch ms, from the Clock passed to the caller. */
  readonly now: number;
  readonly couponCodes: readonly string[];
  readonly customer?: {
    readonly id: string;
    readonly segmentIds: readonly string[];
    /** How many orders this customer has already used each promotion in (by promotion id). */
    readonly promotionUses?: Readonly<Record<string, number>>;
  };
}

/** Normalised form of a coupon code as typed or scanned (case and surrounding spaces do not matter). */
export function normalizeCoupon(code: string): string {
  return code.trim().toUpperCase();
}

/** Indexes promotions, validating each; a malformed promotion fails here, at publish time, not mid-sale. */
export function indexPromotions(promotions: readonly Promotion[]): PromotionIndex {
  const bySku = new Map<string, Promotion[]>();
  const byGroup = new Map<string, Promotion[]>();
  const byCoupon = new Map<string, Promotion[]>();
  const ratios = new Map<string, Ratio>();
  const untargeted: Promotion[] = [];
  const push = (map: Map<string, Promotion[]>, key: string, p: Promotion) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  const sorted = [...promotions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const p of sorted) {
    validate(p, ratios);
    const selectors = selectorsOf(p);
    if (selectors.length === 0) untargeted.push(p);
    const skus = new Set<string>();
    const groups = new Set<string>();
    for (const s of selectors) {
      s.skus?.forEach((sku) => skus.add(sku));
      s.groupIds?.forEach((g) => groups.add(g));
    }
    skus.forEach((sku) => push(bySku, sku, p));
    groups.forEach((g) => push(byGroup, g, p));
    if (p.couponCode !== undefined) push(byCoupon, normalizeCoupon(p.couponCode), p);
  }
  return { bySku, byGroup, untargeted, byCoupon, ratios };
}

const selectingMemo = new WeakMap<PromotionIndex, Map<string, readonly Promotion[]>>();

/**
 * Promotions whose selectors pick a line with this SKU and these groups, deduplicated, in id order.
 * Memoised per index: a catalog item's SKU and groups do not change between scans.
 */
export function promotionsSelecting(
  index: PromotionIndex,
  sku: string,
  groupIds: readonly string[],
): readonly Promotion[] {
  let memo = selectingMemo.get(index);
  if (!memo) {
    memo = new Map();
    selectingMemo.set(index, memo);
  }
  const key = groupIds.length === 0 ? sku : `${sku}\u0000${groupIds.join('\u0001')}`;
  const cached = memo.get(key);
  if (cached) return cached;
  const found = new Set<Promotion>(index.bySku.get(sku));
  for (const g of groupIds) index.byGroup.get(g)?.forEach((p) => found.add(p));
  const list = [...found].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  memo.set(key, list);
  return list;
}

/** The selectors a promotion looks at (none for a basket-wide spend threshold). */
export function selectorsOf(p: Promotion): ItemSelector[] {
  switch (p.kind) {
    case 'percent-off':
    case 'amount-off':
    case 'fixed-price':
    case 'mix-and-match':
      return [p.target];
    case 'buy-x-get-y':
      return p.get ? [p.buy, p.get] : [p.buy];
    case 'spend-threshold':
      return p.target ? [p.target] : [];
  }
}

/** True when the promotion may apply to this sale (store, window, coupon, segment, per-customer uses). */
export function isEligible(
  p: Promotion,
  context: PromotionContext,
  currency: string,
  local: LocalTime,
): boolean {
  if (p.currency !== currency) return false;
  if (p.storeIds !== undefined && !p.storeIds.includes(context.storeId)) return false;
  if (!isWithinWindow(p.window, local)) return false;
  if (p.couponCode !== undefined) {
    const code = normalizeCoupon(p.couponCode);
    if (!context.couponCodes.some((c) => normalizeCoupon(c) === code)) return false;
  }
  const customer = context.customer;
  if (p.customerSegmentIds !== undefined) {
    if (!customer || !customer.segmentIds.some((s) => p.customerSegmentIds?.includes(s))) return false;
  }
  if (p.maxUsesPerCustomer !== undefined) {
    // A per-customer limit can only be honoured for a known customer.
    if (!customer) return false;
    if ((customer.promotionUses?.[p.id] ?? 0) >= p.maxUsesPerCustomer) return false;
  }
  return true;
}

function validate(p: Promotion, ratios: Map<string, Ratio>): void {
  const fail = (why: string) => {
    throw new DomainError('promotion.invalid', `Promotion "${p.id}" (${p.name}) is invalid: ${why}.`, {
      promotionId: p.id,
    });
  };
  const whole = (v: number, what: string, min: number) => {
    if (!Number.isSafeInteger(v) || v < min) fail(`${what} must be a whole number ≥ ${min}, got ${v}`);
  };
  const percent = (value: string) => {
    const r = percentToRatio(value);
    if (r.numerator > r.denominator) fail(`percent ${value} is above 100`);
    ratios.set(value, r);
  };
  if (p.maxUsesPerOrder !== undefined) whole(p.maxUsesPerOrder, 'maxUsesPerOrder', 1);
  if (p.maxUsesPerCustomer !== undefined) whole(p.maxUsesPerCustomer, 'maxUsesPerCustomer', 1);
  switch (p.kind) {
    case 'percent-off':
      return percent(p.percent);
    case 'amount-off':
      return whole(p.amountOff, 'amountOff', 0);
    case 'fixed-price':
      return whole(p.price, 'price', 0);
    case 'mix-and-match':
      whole(p.quantity, 'quantity', 1);
      return whole(p.price, 'price', 0);
    case 'buy-x-get-y':
      whole(p.buyQuantity, 'buyQuantity', 1);
      whole(p.getQuantity, 'getQuantity', 1);
      return percent(p.getPercentOff ?? '100');
    case 'spend-threshold':
      whole(p.threshold, 'threshold', 0);
      if ((p.amountOff === undefined) === (p.percentOff === undefined)) {
        fail('give exactly one of amountOff and percentOff');
      }
      if (p.amountOff !== undefined) whole(p.amountOff, 'amountOff', 0);
      if (p.percentOff !== undefined) percent(p.percentOff);
      return;
  }
}
