import { formatMoney, type OrderDoc } from '@store-os/shared';
import { useState, type FormEvent } from 'react';
import type { ScreenProps } from '../../app/screen-props';
import { customerName, findCustomers, type FoundCustomer } from '../../customer/find-customer';
import { loyaltyBalance, type LoyaltyBalance } from '../../customer/loyalty-sale';
import { storePolicy } from '../../sale/store-policy';
import { messageOf } from '../common/ops-deps';
import { storeDocsOfType } from '../common/store-docs';
import { profileFacts, type ProfileFact } from './profile-facts';
import { purchaseHistory, type HistoryRow } from './purchase-history';
import '../ops.css';

/** One term and its value in the profile's description list. */
function Fact({ fact }: { fact: ProfileFact }) {
  return (
    <>
      <dt>{fact.label}</dt>
      <dd>{fact.value}</dd>
    </>
  );
}

/** Customer profile: look-up by phone, e-mail or loyalty card; consent and groups; history across channels. */
export function CustomerScreen({ context, pricing }: ScreenProps) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<readonly FoundCustomer[]>([]);
  const [chosen, setChosen] = useState<FoundCustomer>();
  const [history, setHistory] = useState<readonly HistoryRow[]>([]);
  const [message, setMessage] = useState('');
  const [points, setPoints] = useState<LoyaltyBalance>();

  const look = (e: FormEvent) => {
    e.preventDefault();
    setChosen(undefined);
    findCustomers(context.db, query)
      .then((list) => {
        setFound(list);
        setMessage(
          list.length === 0
            ? `No customer matches "${query}" in this store's data.`
            : `${list.length} found.`,
        );
      })
      .catch((error: unknown) => setMessage(messageOf(error)));
  };

  const open = (c: FoundCustomer) => {
    setChosen(c);
    setPoints(undefined);
    const account = c.doc.loyaltyAccountId;
    if (account !== undefined)
      loyaltyBalance(context.db, account, storePolicy(pricing.currency).loyalty)
        .then(setPoints)
        .catch((error: unknown) => setMessage(messageOf(error)));
    storeDocsOfType<OrderDoc>(context.db, 'order')
      .then((orders) => setHistory(purchaseHistory(c.doc, orders)))
      .catch((error: unknown) => setMessage(messageOf(error)));
  };

  return (
    <main className="ops-screen" aria-labelledby="customer-title">
      <h2 id="customer-title">Customers</h2>
      <p role="status" aria-live="polite" data-testid="ops-message" className="message">
        {message}
      </p>
      <form onSubmit={look} aria-label="Find a customer">
        <label>
          Phone, e-mail or loyalty card
          <input autoFocus value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="submit">Find customer</button>
      </form>
      {!chosen && found.length > 0 && (
        <ul aria-label="Customers found">
          {found.map((c) => (
            <li key={c.doc.id}>
              <button type="button" onClick={() => open(c)}>
                Open {c.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <section aria-label={`Profile of ${customerName(chosen.doc)}`}>
          <h3>{customerName(chosen.doc)}</h3>
          <dl>
            {profileFacts(chosen.doc)
              .slice(0, 3)
              .map((f) => (
                <Fact key={f.label} fact={f} />
              ))}
            {points && (
              <>
                <dt>Points</dt>
                <dd data-testid="loyalty-points">
                  {points.points} (worth {formatMoney(points.value, { locale: navigator.language })})
                </dd>
              </>
            )}
            {profileFacts(chosen.doc)
              .slice(3)
              .map((f) => (
                <Fact key={f.label} fact={f} />
              ))}
          </dl>
          <table aria-label="Purchase history">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Channel</th>
                <th scope="col">Order</th>
                <th scope="col">Items</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.orderId}>
                  <td>{h.at.slice(0, 10)}</td>
                  <td>{h.channel === 'web' ? 'web shop' : 'store'}</td>
                  <td>
                    {h.reference} ({h.kind})
                  </td>
                  <td>{h.items}</td>
                  <td>{formatMoney(h.total, { locale: navigator.language })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            History from this store's data: orders of other stores appear once HQ's customer service
            replicates them.
          </p>
        </section>
      )}
    </main>
  );
}
