import { formatMoney, type CartTotals, type Money } from '@store-os/shared';

/** Subtotal, discounts, tax and the total to pay, from calculateCartTotals. */
export function TotalsPanel({ totals }: { totals: CartTotals }) {
  const fmt = (m: Money) => formatMoney(m, { locale: navigator.language });
  return (
    <dl className="totals" aria-label="Totals">
      <dt>Subtotal</dt>
      <dd>{fmt(totals.subtotal)}</dd>
      <dt>Discounts</dt>
      <dd>{fmt(totals.discountTotal)}</dd>
      <dt>of which tax</dt>
      <dd>{fmt(totals.tax)}</dd>
      <dt className="total">Total</dt>
      <dd className="total" data-testid="total">
        {fmt(totals.total)}
      </dd>
    </dl>
  );
}
