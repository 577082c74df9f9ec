import type { ConsoleUser } from '../access';
import { ledgerReconciliation, type LedgerReconciliation } from '../api/hq-api';
import { Status } from '../components/status';
import { count, dateTime, money } from '../format';
import { useLoad } from '../use-load';

const LEDGER_TEXT: Readonly<Record<string, string>> = {
  'gift-card': 'Gift card',
  'store-credit': 'Store credit',
  loyalty: 'Loyalty points',
};

/** An amount of a ledger: money when the account has a currency, points otherwise. */
const amount = (value: number, currency: string | null) =>
  currency ? money({ amount: value, currency }) : `${count(value)} points`;

/**
 * Ledger reconciliation after offline tills sync: accounts overdrawn by redemptions that could not see
 * each other (with every entry behind them), tills over their offline cap, and the totals that show
 * nothing was dropped. A store manager sees their store; HQ every store.
 */
export function ReconciliationPage({ user }: { user: ConsoleUser }) {
  const stores = user.storeId ? [user.storeId] : [];
  const [data, reload] = useLoad((s) => ledgerReconciliation(stores, s), `reconciliation:${stores.join()}`);
  return (
    <>
      <h1 id="page-title">Reconciliation</h1>
      <button type="button" onClick={reload}>
        Refresh
      </button>
      <Status value={data}>{(r) => <Report r={r} />}</Status>
    </>
  );
}

function Report({ r }: { r: LedgerReconciliation }) {
  return (
    <>
      <p role="status" aria-label="Ledger totals">
        {count(r.entryCount)} ledger entries over {count(r.accountCount)} accounts;{' '}
        <strong>{r.overRedemptions.length}</strong> overdrawn, <strong>{r.capBreaches.length}</strong> over an
        offline cap{r.idConflicts.length > 0 ? `, ${r.idConflicts.length} entry id conflicts` : ''}.
      </p>
      <section aria-label="Overdrawn accounts">
        <h2>Overdrawn accounts ({r.overRedemptions.length})</h2>
        {r.overRedemptions.length === 0 ? <p>No account is overdrawn.</p> : null}
        {r.overRedemptions.map((o) => (
          <table
            key={`${o.ledger}:${o.accountId}`}
            aria-label={`Entries of ${o.accountId}`}
            data-account={o.accountId}
          >
            <caption>
              {LEDGER_TEXT[o.ledger] ?? o.ledger} {o.accountId}: balance {amount(o.balance, o.currency)},
              overdrawn by {amount(o.overRedeemedBy, o.currency)}
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Store</th>
                <th scope="col">Terminal</th>
                <th scope="col">Entry</th>
                <th scope="col">Change</th>
                <th scope="col">Offline</th>
                <th scope="col">Document</th>
              </tr>
            </thead>
            <tbody>
              {o.entries.map((e) => (
                <tr key={e.id} data-terminal={e.terminalId ?? ''}>
                  <td>{dateTime(e.createdAt)}</td>
                  <td>{e.storeId ?? '—'}</td>
                  <td>{e.terminalId ?? '—'}</td>
                  <td>{e.entryKind}</td>
                  <td data-delta={e.delta}>{amount(e.delta, o.currency)}</td>
                  <td>{e.offline ? 'offline' : ''}</td>
                  <td>{e.ref ? `${e.ref.kind} ${e.ref.id}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
      <table aria-label="Tills over their offline cap">
        <caption>Tills over their offline cap ({r.capBreaches.length})</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Ledger</th>
            <th scope="col">Terminal</th>
            <th scope="col">Redeemed offline</th>
            <th scope="col">Cap</th>
          </tr>
        </thead>
        <tbody>
          {r.capBreaches.map((b) => (
            <tr key={`${b.ledger}:${b.accountId}:${b.terminalId}`}>
              <th scope="row">{b.accountId}</th>
              <td>{LEDGER_TEXT[b.ledger] ?? b.ledger}</td>
              <td>{b.terminalId}</td>
              <td>{count(b.redeemedOffline)}</td>
              <td>{count(b.cap)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
