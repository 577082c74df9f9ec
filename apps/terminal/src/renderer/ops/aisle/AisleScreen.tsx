import type { CartItem, StockLevelDoc, StoreDoc } from '@store-os/shared';
import { routeFulfillment, type FulfillmentPlan } from '@store-os/shared/omnichannel';
import { useMemo, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../../app/screen-props';
import { findItem } from '../../catalog/find-item';
import { messageOf, opsDeps } from '../common/ops-deps';
import { useOpsSession } from '../common/use-ops-session';
import { AisleOrders } from './AisleOrders';
import { AisleSaleForm } from './AisleSaleForm';
import { readCount } from '../common/money-input';
import { ageText, availabilityOf, routingLocations, type Availability } from './availability';
import { shiftIdOf } from '../../sell/till-lock';
import { useTill } from '../../sell/use-till';
import '../ops.css';

/** Stock figures older than this are flagged and only promised after fresh ones (the routing rule). */
const STALE_AFTER_MS = 60 * 60_000;

/**
 * Endless aisle: an item's availability at this store, other stores and the warehouse from the replicated
 * stock levels with their age, the delivery plan the routing rule would choose (in stock, fewest
 * shipments, nearest; backorders for the rest), and the sale itself: paid now, shipped from the store
 * the server routes it to when this till syncs (the plan shown is what this till's figures say).
 */
export function AisleScreen({ context, pricing }: ScreenProps) {
  const session = useOpsSession();
  const deps = useMemo(() => opsDeps(context), [context]);
  // The till's open shift: its close counts the cash an endless-aisle sale takes.
  const shiftId = shiftIdOf(useTill(context, pricing.timeZone));
  const [planned, setPlanned] = useState(0);
  const [query, setQuery] = useState('');
  const [item, setItem] = useState<CartItem>();
  const [rows, setRows] = useState<readonly Availability[]>([]);
  const [quantity, setQuantity] = useState('1');
  const [plan, setPlan] = useState<FulfillmentPlan>();
  const [message, setMessage] = useState('');
  const [locations, setLocations] = useState<ReturnType<typeof routingLocations>>([]);
  const [levels, setLevels] = useState<StockLevelDoc[]>([]);
  const places = useMemo(() => new Map(locations.map((l) => [l.locationId, l.place])), [locations]);

  const look = (e: FormEvent) => {
    e.preventDefault();
    setPlan(undefined);
    setPlanned(0);
    const run = async () => {
      const found = await findItem(context.db, query);
      if (found.kind !== 'item')
        return found.kind === 'choices' ? `Several matches: ${found.names.join(', ')}.` : found.message;
      const stores = (await context.db.catalog.find({ selector: { type: 'store' } }).exec()).map(
        (d) => d.toJSON() as unknown as StoreDoc,
      );
      const known = routingLocations(stores, pricing.storeId);
      const docs = (await context.db['stock-levels'].find({ selector: { sku: found.item.sku } }).exec()).map(
        (d) => d.toJSON() as unknown as StockLevelDoc,
      );
      setItem(found.item);
      setLocations(known);
      setLevels(docs);
      const list = availabilityOf({
        sku: found.item.sku,
        levels: docs,
        locations: known,
        now: Date.now(),
        staleAfterMs: STALE_AFTER_MS,
      });
      setRows(list);
      return list.length === 0
        ? `No stock figures for ${found.item.name} have reached this till yet.`
        : `${found.item.name}: ${list.reduce((s, r) => s + r.available, 0)} available in the chain.`;
    };
    run()
      .then(setMessage)
      .catch((error: unknown) => setMessage(messageOf(error)));
  };

  const planDelivery = () => {
    if (!item) return;
    const n = readCount(quantity);
    if (!n) return setMessage('Enter how many the customer wants.');
    try {
      setPlanned(n);
      setPlan(
        routeFulfillment({
          lines: [{ lineId: 'l1', sku: item.sku, quantity: n }],
          locations: locations.map(({ locationId, kind, rank }) => ({ locationId, kind, rank })),
          levels,
          policy: { staleAfterMs: STALE_AFTER_MS },
          now: Date.now(),
        }),
      );
    } catch (error) {
      setMessage(messageOf(error));
    }
  };

  return (
    <main className="ops-screen" aria-labelledby="aisle-title">
      <h2 id="aisle-title">Endless aisle</h2>
      <p role="status" aria-live="polite" data-testid="ops-message" className="message">
        {message}
      </p>
      <form onSubmit={look} aria-label="Find an item">
        <label>
          Item barcode, SKU or name
          <input autoFocus value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="submit">Show availability</button>
      </form>
      {rows.length > 0 && (
        <table aria-label="Availability">
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Available</th>
              <th scope="col">On hand / reserved</th>
              <th scope="col">Figure from</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.locationId} data-testid="availability">
                <th scope="row">{r.place}</th>
                <td>{r.available}</td>
                <td>
                  {r.onHand} / {r.reserved}
                </td>
                <td>
                  {ageText(r.ageMs)}
                  {r.stale ? ' (stale: confirm before promising)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {item && (
        <section aria-label="Delivery plan">
          <label>
            Quantity wanted
            <input inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
          <button type="button" onClick={planDelivery}>
            Plan delivery
          </button>
          {plan && (
            <ul data-testid="delivery-plan">
              {plan.shipments.map((s) => (
                <li key={s.locationId}>
                  Ship {s.lines.reduce((n, l) => n + l.quantity, 0)} from{' '}
                  {places.get(s.locationId) ?? s.locationId}
                  {s.stale ? ' (stale figure)' : ''}
                </li>
              ))}
              {plan.backorders.map((b) => (
                <li key={b.lineId}>Backorder {b.quantity}: no location has them now</li>
              ))}
            </ul>
          )}
          {plan && session && planned > 0 && (
            <AisleSaleForm
              deps={deps}
              pricing={pricing}
              item={item}
              units={planned}
              cashierId={session.staff.id}
              shiftId={shiftId}
              onDone={setMessage}
            />
          )}
        </section>
      )}
      <AisleOrders context={context} serverUrl={deps.serverUrl} />
    </main>
  );
}
