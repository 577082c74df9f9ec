import { useState } from 'react';
import type { ConsoleUser } from '../access';
import { movements, stockAlerts, stockLevels, type StockRow } from '../api/hq-api';
import { Status } from '../components/status';
import { count, dateTime } from '../format';
import { useLoad } from '../use-load';

/** Stock: alerts first (negative levels are offline oversells), then levels by sku and location. */
export function StockPage({ user }: { user: ConsoleUser }) {
  const stores = user.storeId ? [user.storeId] : [];
  const [sku, setSku] = useState('');
  const [low, setLow] = useState(5);
  const [selected, setSelected] = useState<string | undefined>();
  const [alerts] = useLoad((s) => stockAlerts(stores, low, s), `alerts:${low}`);
  const [levels] = useLoad(
    (s) => stockLevels({ stores, ...(sku ? { sku } : {}), low }, s),
    `levels:${sku}:${low}`,
  );
  return (
    <>
      <h1 id="page-title">Stock</h1>
      <form className="filters" aria-label="Stock filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          SKU
          <input value={sku} onChange={(e) => setSku(e.target.value.trim())} placeholder="any" />
        </label>
        <label>
          Low-stock threshold
          <input
            type="number"
            min={0}
            value={low}
            onChange={(e) => setLow(Math.max(0, Number(e.target.value) || 0))}
          />
        </label>
      </form>
      <Status value={alerts}>
        {(a) => (
          <section aria-label="Stock alerts" className="alerts">
            <StockTable
              caption={`Negative levels (${a.negative.length})`}
              rows={a.negative}
              onPick={setSelected}
            />
            <StockTable caption={`Low stock (${a.low.length})`} rows={a.low} onPick={setSelected} />
          </section>
        )}
      </Status>
      <Status value={levels}>
        {(l) => <StockTable caption={`Levels (${count(l.total)})`} rows={l.rows} onPick={setSelected} />}
      </Status>
      {selected ? (
        <MovementHistory sku={selected} stores={stores} onClose={() => setSelected(undefined)} />
      ) : null}
    </>
  );
}

function StockTable({
  caption,
  rows,
  onPick,
}: {
  caption: string;
  rows: readonly StockRow[];
  onPick: (sku: string) => void;
}) {
  return (
    <table aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Store</th>
          <th scope="col">Location</th>
          <th scope="col">On hand</th>
          <th scope="col">Reserved</th>
          <th scope="col">Available</th>
          <th scope="col">Alert</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.sku}:${r.locationId}`} className={r.alert ? `alert-${r.alert}` : undefined}>
            <th scope="row">
              <button
                type="button"
                className="link"
                onClick={() => onPick(r.sku)}
                aria-label={`Movements of ${r.sku}`}
              >
                {r.sku}
              </button>
            </th>
            <td>{r.storeId}</td>
            <td>{r.locationId}</td>
            <td>{count(r.onHand)}</td>
            <td>{count(r.reserved)}</td>
            <td>{count(r.available)}</td>
            <td>{r.alert === 'negative' ? 'Negative (oversold)' : r.alert === 'low' ? 'Low' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MovementHistory({
  sku,
  stores,
  onClose,
}: {
  sku: string;
  stores: readonly string[];
  onClose: () => void;
}) {
  const [rows] = useLoad((s) => movements(sku, stores, s), `movements:${sku}`);
  return (
    <section aria-label={`Movement history of ${sku}`} className="panel">
      <h2>Movements of {sku}</h2>
      <button type="button" onClick={onClose}>
        Close history
      </button>
      <Status value={rows}>
        {(m) => (
          <table aria-label={`Movements of ${sku}`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Store</th>
                <th scope="col">Location</th>
                <th scope="col">Change</th>
                <th scope="col">Reason</th>
                <th scope="col">Terminal</th>
              </tr>
            </thead>
            <tbody>
              {m.rows.map((r) => (
                <tr key={r.id}>
                  <td>{dateTime(r.createdAt)}</td>
                  <td>{r.storeId}</td>
                  <td>{r.locationId}</td>
                  <td>{r.delta > 0 ? `+${r.delta}` : String(r.delta)}</td>
                  <td>{r.reason}</td>
                  <td>{r.terminalId ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Status>
    </section>
  );
}
