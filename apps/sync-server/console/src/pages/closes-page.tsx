import { useState } from 'react';
import type { ConsoleUser } from '../access';
import { asMoney, closes, type Range } from '../api/hq-api';
import { defaultRange, RangeFilter } from '../components/range-filter';
import { Status } from '../components/status';
import { count, dateTime, money } from '../format';
import { useLoad } from '../use-load';

/** Every Z report with its variances and sign-off, and per store-day whether Z and sales figures agree. */
export function ClosesPage({ user }: { user: ConsoleUser }) {
  const [range, setRange] = useState<Range>(() => defaultRange(user));
  const [data] = useLoad((s) => closes(range, s), JSON.stringify(range));
  return (
    <>
      <h1 id="page-title">Closes</h1>
      <RangeFilter user={user} value={range} onChange={setRange} />
      <Status value={data}>
        {(d) => (
          <>
            <table aria-label="Z reports against sales figures">
              <caption>Z reports against sales figures, per store and day</caption>
              <thead>
                <tr>
                  <th scope="col">Store</th>
                  <th scope="col">Business date</th>
                  <th scope="col">Z net</th>
                  <th scope="col">Sales figures net</th>
                  <th scope="col">Agree</th>
                  <th scope="col">Transactions (Z / figures)</th>
                </tr>
              </thead>
              <tbody>
                {d.days.map((x) => (
                  <tr key={`${x.storeId}:${x.businessDate}:${x.currency}`} data-store={x.storeId}>
                    <th scope="row">{x.storeId}</th>
                    <td>{x.businessDate}</td>
                    <td data-amount={asMoney(x.zNet, x.currency).amount}>
                      {money(asMoney(x.zNet, x.currency))}
                    </td>
                    <td data-amount={asMoney(x.figuresNet, x.currency).amount}>
                      {money(asMoney(x.figuresNet, x.currency))}
                    </td>
                    <td>
                      {x.matches
                        ? 'Yes'
                        : 'No — orders missing at HQ, a shift not closed, or sold outside a shift'}
                    </td>
                    <td>
                      {x.zTransactions ?? '—'} / {x.figuresTransactions ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table aria-label="Z reports">
              <caption>
                Z reports ({count(d.rows.length)}
                {d.total !== undefined && d.total > d.rows.length
                  ? ` of ${count(d.total)}, newest first`
                  : ''}
                )
              </caption>
              <thead>
                <tr>
                  <th scope="col">Store</th>
                  <th scope="col">Terminal</th>
                  <th scope="col">Z no.</th>
                  <th scope="col">Business date</th>
                  <th scope="col">Transactions</th>
                  <th scope="col">Net</th>
                  <th scope="col">Cash variance</th>
                  <th scope="col">Closed by</th>
                  <th scope="col">Signed off by</th>
                  <th scope="col">Closed at</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((c) => {
                  const variance = asMoney(c.cashVariance, c.currency);
                  return (
                    <tr key={c.id} data-terminal={c.terminalId}>
                      <th scope="row">{c.storeId}</th>
                      <td>{c.terminalId}</td>
                      <td>{c.zNumber ?? ''}</td>
                      <td>{c.businessDate ?? ''}</td>
                      <td>{count(c.transactionCount)}</td>
                      <td data-amount={asMoney(c.net, c.currency).amount}>
                        {money(asMoney(c.net, c.currency))}
                      </td>
                      <td
                        className={variance.amount === 0 ? undefined : 'variance'}
                        data-amount={variance.amount}
                      >
                        {money(variance)}
                      </td>
                      <td>{c.closedBy}</td>
                      <td>{c.signedOff ? (c.approvedBy ?? 'yes') : 'Not signed off'}</td>
                      <td>{dateTime(c.createdAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </Status>
    </>
  );
}
