import { formatMoney, type Cart, type CartTotals } from '@store-os/shared';

/** The cart's lines with quantity, unit price and line total, as a table a screen reader can walk. */
export function CartLines({ cart, totals }: { cart: Cart; totals: CartTotals }) {
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
          return (
            <tr key={line.lineId} data-testid="cart-line">
              <th scope="row">{line.name}</th>
              <td>{line.unit === 'kg' ? `${line.quantity} g` : line.quantity}</td>
              <td>{fmt(figures?.unitPrice ?? line.unitPrice)}</td>
              <td>{fmt(figures?.gross ?? 0)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
