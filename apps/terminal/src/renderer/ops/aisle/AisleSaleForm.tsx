import { formatMoney, orderTotals, type CartItem } from '@store-os/shared';
import { useMemo, useState, type FormEvent } from 'react';
import type { PricingContext } from '../../catalog/pricing-context';
import { messageOf, type OpsDeps } from '../common/ops-deps';
import { readAmount } from '../common/money-input';
import { findCustomer } from '../returns/no-receipt-inputs';
import { priceNewLines } from '../returns/price-new-lines';
import { runAisleSale } from './aisle-sale';

/**
 * Sells an item that is not on the shelf: priced like a counter sale, paid now (cash or card), shipped
 * to the customer from wherever the routing rule finds it.
 */
export function AisleSaleForm(props: {
  deps: OpsDeps;
  pricing: PricingContext;
  item: CartItem;
  units: number;
  cashierId: string;
  /** The till's open shift: its close counts the cash taken for the sale. */
  shiftId?: string | undefined;
  onDone: (message: string) => void;
}) {
  const { deps, pricing, item, units } = props;
  const [shipTo, setShipTo] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [method, setMethod] = useState<'cash' | 'card'>('cash');
  const [cash, setCash] = useState('');
  const [busy, setBusy] = useState(false);
  const lines = useMemo(
    () => priceNewLines(Array<CartItem>(units).fill(item), pricing, deps.now().getTime()),
    [item, units, pricing, deps],
  );
  const total = orderTotals(lines, [], pricing.currency).total;
  const fmt = formatMoney(total, { locale: navigator.language });

  const sell = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    let payment: { kind: 'cash'; tendered: number } | { kind: 'card' } = { kind: 'card' };
    if (method === 'cash') {
      const amount = readAmount(cash, pricing.currency);
      if (!amount.ok) return props.onDone(amount.message);
      payment = { kind: 'cash', tendered: amount.money.amount };
    }
    setBusy(true);
    const run = async () => {
      // A customer must be one this store knows: the server would refuse an order naming anyone else.
      const customer = customerId.trim() ? await findCustomer(deps.db, customerId) : undefined;
      if (customerId.trim() && !customer)
        throw new Error(`No customer "${customerId.trim()}" in this store: find or create them first.`);
      return runAisleSale(
        deps,
        {
          orderId: deps.newId(),
          lines,
          currency: pricing.currency,
          pricesIncludeTax: pricing.regime.pricesIncludeTax,
          shipTo,
          ...(customer ? { customerId: customer.id } : {}),
          cashierId: props.cashierId,
          ...(props.shiftId === undefined ? {} : { shiftId: props.shiftId }),
          createdAt: deps.now().toISOString(),
          storeId: deps.storeId,
          terminalId: deps.terminalId,
        },
        payment,
      );
    };
    run()
      .then((done) => {
        setShipTo('');
        setCash('');
        props.onDone(done.summary);
      })
      .catch((error: unknown) => props.onDone(`Not sold: ${messageOf(error)}`))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={sell} aria-label="Sell for delivery">
      <h3>
        Sell {units} × {item.name} for delivery: {fmt}
      </h3>
      <label>
        Deliver to
        <input value={shipTo} maxLength={400} onChange={(e) => setShipTo(e.target.value)} />
      </label>
      <label>
        Customer: id, loyalty card, phone or e-mail (optional)
        <input value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
      </label>
      <fieldset>
        <legend>Payment</legend>
        <label>
          <input
            type="radio"
            name="aisle-pay"
            checked={method === 'cash'}
            onChange={() => setMethod('cash')}
          />{' '}
          Cash
        </label>
        <label>
          <input
            type="radio"
            name="aisle-pay"
            checked={method === 'card'}
            onChange={() => setMethod('card')}
          />{' '}
          Card
        </label>
      </fieldset>
      {method === 'cash' && (
        <label>
          Cash from customer
          <input inputMode="decimal" value={cash} onChange={(e) => setCash(e.target.value)} />
        </label>
      )}
      <button type="submit" disabled={busy}>
        Take payment and order
      </button>
    </form>
  );
}
