import { DomainError, parseMoney, type ManualDiscount } from '@store-os/shared';

/** A whole positive quantity as typed ("3"); grams for weighed lines. */
export function parseQuantity(text: string): number {
  const trimmed = text.trim();
  if (!/^[0-9]{1,6}$/.test(trimmed) || Number(trimmed) < 1) {
    throw new DomainError('sale.bad-quantity', `Type a whole number of at least 1, not "${text}".`, { text });
  }
  return Number(trimmed);
}

/**
 * A line discount as typed: "10%" (percent) or "1.50" (an amount in the sale's currency), with the
 * reason code that goes on the order and the audit event.
 */
export function parseDiscount(text: string, currency: string, reasonCode: string): ManualDiscount {
  const trimmed = text.trim();
  const percent = /^([0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*%$/.exec(trimmed);
  if (percent?.[1] !== undefined)
    return { type: 'percent', percent: percent[1].replace(',', '.'), reasonCode };
  return { type: 'amount', amount: parseMoney(trimmed, currency).amount, reasonCode };
}

/** Reason codes a cashier picks for a manual price change, a discount or a void. */
export const REASONS = {
  override: [
    { id: 'price-match', label: 'Price match' },
    { id: 'damaged', label: 'Damaged goods' },
    { id: 'wrong-label', label: 'Wrong shelf label' },
  ],
  discount: [
    { id: 'damaged', label: 'Damaged goods' },
    { id: 'goodwill', label: 'Goodwill' },
    { id: 'staff', label: 'Staff discount' },
  ],
  void: [
    { id: 'customer-changed-mind', label: 'Customer changed mind' },
    { id: 'scanned-in-error', label: 'Scanned in error' },
    { id: 'price-dispute', label: 'Price dispute' },
  ],
} as const;
