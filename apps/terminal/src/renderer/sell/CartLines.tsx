import { formatMoney, type Cart, type CartTotals } from '@store-os/shared';

/**
 * The sale's lines with quantity, unit price, line total and each line's discounts explained (which
 * promotion, how much). The selected line is what line actions (quantity, discount, override, void) act on.
 */
export function CartLines(props: {
  cart: Cart;
  totals: CartTotals;
  selected: string | undefined;
  onSelect: (lineId: string) => void;
}) {
  const { cart, totals } = props;
  const fmt = (amount: number) =>
    formatMoney({ amount, currency: cart.currency }, { locale: navigator.language });
  if (cart.lines.length === 0) return <p className="empty">No items yet: scan a barcode to start a sale.</p>;
  return (
    <table className="cart-lines" aria-label="Cart">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Qty</th>
          <th scope="col">Price</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {cart.lines.map((line) => {
          const figures = totals.lines.find((t) => t.lineId === line.lineId);
          const promotions = totals.promotions.flatMap((p) =>
            p.lines.filter((l) => l.lineId === line.lineId).map((l) => ({ name: p.name, amount: l.amount })),
          );
          const manual = (figures?.manualDiscount ?? 0) + (figures?.orderDiscount ?? 0);
          const selected = props.selected === line.lineId;
          return (
            <tr
              key={line.lineId}
              data-testid="cart-line"
              aria-selected={selected}
              className={selected ? 'selected' : undefined}
              onClick={() => props.onSelect(line.lineId)}
            >
              <th scope="row">
                <button
                  type="button"
                  className="line-select"
                  aria-pressed={selected}
                  aria-label={`Select ${line.name}`}
                >
                  {line.name}
                </button>
                {promotions.map((p) => (
                  <span key={p.name} className="line-note" data-testid="line-promotion">
                    {p.name}: −{fmt(p.amount)}
                  </span>
                ))}
                {manual > 0 && (
                  <span className="line-note">
                    {line.discount ? `Discount (${line.discount.reasonCode})` : 'Order discount'}: −
                    {fmt(manual)}
                  </span>
                )}
                {line.priceOverride && (
                  <span className="line-note" data-testid="line-override">
                    Price override ({line.priceOverride.reasonCode}): was {fmt(line.unitPrice)}
                  </span>
                )}
              </th>
              <td>{line.unit === 'kg' ? `${(line.quantity / 1000).toFixed(3)} kg` : line.quantity}</td>
              <td>{fmt(figures?.unitPrice ?? line.unitPrice)}</td>
              <td>{fmt(figures?.gross ?? 0)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
