import { DomainError } from '../errors';
import { percentToRatio } from '../money';
import { makeCart, makeLine } from './cart';
import type {
  Cart,
  CartCustomer,
  CartItem,
  CartLine,
  ManualDiscount,
  OrderDiscount,
  PriceOverride,
  ReturnReference,
} from './cart';

/** A line id given by the caller, or a function that makes one (ids are made where the fact happens). */
export type LineIdSource = { readonly lineId: string } | { readonly newId: () => string };

/** Input of `addItem`: the item, how many (units or grams) and where the line id comes from. */
export type AddItemInput = LineIdSource & {
  readonly item: CartItem;
  /** Units for `each` items (default 1), grams for weighed items (required). */
  readonly quantity?: number;
  /** Add to an existing plain line of the same SKU and price instead of a new line (default true for `each`). */
  readonly merge?: boolean;
};

/** Input of `addReturnLine`: what is brought back, how many, and the original line it came from. */
export type AddReturnInput = LineIdSource & {
  readonly item: CartItem;
  /** How many units (or grams) come back, as a positive number. */
  readonly quantity: number;
  readonly returnOf: ReturnReference;
};

function idOf(source: LineIdSource): string {
  return 'lineId' in source ? source.lineId : source.newId();
}

function fail(code: string, message: string, details: Record<string, unknown> = {}): never {
  throw new DomainError(code, message, details);
}

function assertQuantity(item: CartItem, quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    if (item.unit === 'kg') {
      fail(
        'cart.bad-weight',
        `Weight of ${item.name} must be a whole number of grams above zero, got ${quantity}.`,
        { sku: item.sku, quantity },
      );
    }
    fail(
      'cart.bad-quantity',
      `Quantity of ${item.name} must be a whole number of at least 1, got ${quantity}; to take an item back, add a return line.`,
      { sku: item.sku, quantity },
    );
  }
}

function assertPrice(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    fail('cart.bad-price', `${what} must be a whole number of minor units of zero or more, got ${value}.`, {
      value,
    });
  }
}

function assertDiscount(discount: ManualDiscount): void {
  if (discount.reasonCode.trim() === '')
    fail('cart.discount-reason', 'A manual discount needs a reason code.');
  if (discount.type === 'amount') assertPrice(discount.amount, 'Discount');
  else if (percentToRatio(discount.percent).numerator > percentToRatio(discount.percent).denominator) {
    fail(
      'cart.bad-discount',
      `A discount of ${discount.percent}% is more than the line: give at most 100%.`,
      { percent: discount.percent },
    );
  }
}

function lineOf(cart: Cart, lineId: string): CartLine {
  const line = cart.lines.find((l) => l.lineId === lineId);
  return (
    line ??
    fail('cart.line-not-found', `Line "${lineId}" is not in the cart (it may have been removed).`, { lineId })
  );
}

function replaceLine(cart: Cart, line: CartLine): Cart {
  return makeCart({ ...cart, lines: cart.lines.map((l) => (l.lineId === line.lineId ? line : l)) });
}

/** Adds an item (a scan): a new line, or one more unit on the same plain line when merging. */
export function addItem(cart: Cart, input: AddItemInput): Cart {
  const { item } = input;
  const quantity = input.quantity ?? (item.unit === 'kg' ? 0 : 1);
  assertQuantity(item, quantity);
  assertPrice(item.unitPrice, `Price of ${item.name}`);
  if (item.unit === 'each' && input.merge !== false) {
    const same = cart.lines.find(
      (l) =>
        l.sku === item.sku &&
        l.unit === 'each' &&
        l.unitPrice === item.unitPrice &&
        l.priceSource.kind === item.priceSource.kind &&
        item.priceSource.kind !== 'barcode' &&
        !l.priceOverride &&
        !l.discount &&
        !l.returnOf,
    );
    if (same) return replaceLine(cart, makeLine({ ...same, quantity: same.quantity + quantity }));
  }
  const lineId = idOf(input);
  if (cart.lines.some((l) => l.lineId === lineId)) {
    fail('cart.duplicate-line', `Line id "${lineId}" is already in the cart; line ids must be unique.`, {
      lineId,
    });
  }
  return makeCart({ ...cart, lines: [...cart.lines, makeLine({ ...item, lineId, quantity })] });
}

/** Adds a return line: negative quantity, refunded at the original line's refundable unit amount. */
export function addReturnLine(cart: Cart, input: AddReturnInput): Cart {
  assertQuantity(input.item, input.quantity);
  assertPrice(input.returnOf.refundableUnitAmount, 'Refundable amount');
  const lineId = idOf(input);
  return makeCart({
    ...cart,
    lines: [
      ...cart.lines,
      makeLine({ ...input.item, lineId, quantity: -input.quantity, returnOf: input.returnOf }),
    ],
  });
}

export function removeLine(cart: Cart, lineId: string): Cart {
  lineOf(cart, lineId);
  return makeCart({ ...cart, lines: cart.lines.filter((l) => l.lineId !== lineId) });
}

/** Sets a counted line's quantity (a positive count; a return line keeps its sign). */
export function setQuantity(cart: Cart, lineId: string, quantity: number): Cart {
  const line = lineOf(cart, lineId);
  if (line.unit === 'kg')
    fail('cart.weighed-line', `${line.name} is sold by weight: set its weight, not a quantity.`, { lineId });
  assertQuantity(line, quantity);
  return replaceLine(cart, makeLine({ ...line, quantity: line.returnOf ? -quantity : quantity }));
}

/** Sets a weighed line's weight in grams (from the scale). */
export function setWeight(cart: Cart, lineId: string, grams: number): Cart {
  const line = lineOf(cart, lineId);
  if (line.unit !== 'kg')
    fail('cart.not-weighed', `${line.name} is sold by the unit: set a quantity, not a weight.`, { lineId });
  assertQuantity(line, grams);
  return replaceLine(cart, makeLine({ ...line, quantity: line.returnOf ? -grams : grams }));
}

/** Replaces the unit price (with a reason); a price below zero is refused. */
export function overridePrice(cart: Cart, lineId: string, override: PriceOverride): Cart {
  const line = lineOf(cart, lineId);
  if (line.returnOf)
    fail('cart.return-line', 'A return is refunded at the original price; it cannot be overridden.', {
      lineId,
    });
  assertPrice(override.unitPrice, 'Override price');
  if (override.reasonCode.trim() === '')
    fail('cart.override-reason', 'A price override needs a reason code.');
  return replaceLine(cart, makeLine({ ...line, priceOverride: override }));
}

/** Sets (or with `undefined` clears) a manual line discount. */
export function setLineDiscount(cart: Cart, lineId: string, discount: ManualDiscount | undefined): Cart {
  const line = lineOf(cart, lineId);
  if (!discount) {
    return replaceLine(cart, makeLine({ ...line, discount: undefined }));
  }
  if (line.returnOf)
    fail('cart.return-line', 'A return line cannot be discounted; it refunds what was paid.', { lineId });
  assertDiscount(discount);
  return replaceLine(cart, makeLine({ ...line, discount }));
}

export function addOrderDiscount(cart: Cart, discount: OrderDiscount): Cart {
  assertDiscount(discount);
  return makeCart({
    ...cart,
    orderDiscounts: [...cart.orderDiscounts.filter((d) => d.id !== discount.id), discount],
  });
}

export function removeOrderDiscount(cart: Cart, id: string): Cart {
  return makeCart({ ...cart, orderDiscounts: cart.orderDiscounts.filter((d) => d.id !== id) });
}

/** Attaches (or with `undefined` detaches) the customer; reprice lines afterwards if groups have price lists. */
export function setCustomer(cart: Cart, customer: CartCustomer | undefined): Cart {
  if (!customer) {
    return makeCart({ ...cart, customer: undefined });
  }
  return makeCart({ ...cart, customer });
}

export function addCoupon(cart: Cart, code: string): Cart {
  const trimmed = code.trim();
  if (trimmed === '') fail('cart.empty-coupon', 'Enter or scan a coupon code.');
  if (cart.couponCodes.some((c) => c.toUpperCase() === trimmed.toUpperCase())) return cart;
  return makeCart({ ...cart, couponCodes: [...cart.couponCodes, trimmed] });
}

export function removeCoupon(cart: Cart, code: string): Cart {
  return makeCart({
    ...cart,
    couponCodes: cart.couponCodes.filter((c) => c.toUpperCase() !== code.trim().toUpperCase()),
  });
}
