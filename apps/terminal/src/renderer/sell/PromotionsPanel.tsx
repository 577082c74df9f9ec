import { formatMoney, type CartTotals } from '@store-os/shared';

/** The promotions the sale gets, each with what it saved, so the cashier can tell the customer why. */
export function PromotionsPanel({ totals }: { totals: CartTotals }) {
  if (totals.promotions.length === 0) return null;
  const fmt = (amount: number) =>
    formatMoney({ amount, currency: totals.currency }, { locale: navigator.language });
  return (
    <section aria-label="Promotions applied" className="promotions">
      <h2>Promotions</h2>
      <ul>
        {totals.promotions.map((p) => (
          <li key={`${p.promotionId}-${p.couponCode ?? ''}`} data-testid="promotion">
            <strong>{p.name}</strong>: you save {fmt(p.amount)} on{' '}
            {p.lines.reduce((n, l) => n + l.quantity, 0)} item
            {p.lines.length === 1 && p.lines[0]?.quantity === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
    </section>
  );
}
