/**
 * What the cashier is told when a till with no open shift takes payment, and what to do about it. Every
 * order carries its shift so the end-of-day close reconciles its cash; completeSale refuses without one.
 */
export const NO_OPEN_SHIFT =
  'No shift is open at this till: open it with a counted float on the Shift screen (F10), then take payment.';
