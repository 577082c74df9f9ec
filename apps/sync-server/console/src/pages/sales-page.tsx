import { useState } from 'react';
import type { ConsoleUser } from '../access';
import {
  kpis,
  salesSummary,
  tenderSummary,
  type Kpis,
  type Range,
  type SalesRow,
  type TenderRow,
} from '../api/hq-api';
import { BarChart } from '../components/bar-chart';
import { defaultRange, RangeFilter } from '../components/range-filter';
import { Status } from '../components/status';
import { count, money, percent } from '../format';
import { fillGaps } from '../series';
import { useLoad } from '../use-load';

interface SalesData {
  byStore: SalesRow[];
  byDay: SalesRow[];
  byHour: SalesRow[];
  byChannel: SalesRow[];
  byTender: TenderRow[];
  kpis: Kpis;
}

async function loadSales(r: Range, signal: AbortSignal): Promise<SalesData> {
  const [s, d, h, c, t, k] = await Promise.all([
    salesSummary(r, 'store', signal),
    salesSummary(r, 'day', signal),
    salesSummary(r, 'hour', signal),
    salesSummary(r, 'channel', signal),
    tenderSummary(r, signal),
    kpis(r, signal),
  ]);
  return { byStore: s.rows, byDay: d.rows, byHour: h.rows, byChannel: c.rows, byTender: t.rows, kpis: k };
}

/** Currency of the figures shown in one chart (the first row's; rows of other currencies are listed apart). */
const currencyOf = (rows: readonly { currency: string }[]) => rows[0]?.currency ?? 'EUR';

/** Sales dashboard: KPIs, then net sales by store, day, hour, channel and tender. */
export function SalesPage({ user }: { user: ConsoleUser }) {
  const [range, setRange] = useState<Range>(() => defaultRange(user));
  const [data, reload] = useLoad((signal) => loadSales(range, signal), JSON.stringify(range));
  return (
    <>
      <h1 id="page-title">Sales</h1>
      <RangeFilter user={user} value={range} onChange={setRange} />
      <button type="button" onClick={reload}>
        Refresh
      </button>
      <Status value={data}>
        {(d) => (
          <>
            <KpiTiles k={d.kpis} />
            <div className="charts">
              <MoneyChart title="Net sales by store" rows={d.byStore} />
              <MoneyChart title="Net sales by day" rows={d.byDay} series="day" />
              <MoneyChart title="Net sales by hour (UTC)" rows={d.byHour} series="hour" />
              <MoneyChart title="Net sales by channel" rows={d.byChannel} />
              <BarChart
                title="Takings by tender"
                bars={d.byTender.map((t) => ({ label: t.key, value: t.amount }))}
                format={(v) => money({ amount: v, currency: currencyOf(d.byTender) })}
              />
            </div>
            <SalesTable caption="By store" rows={d.byStore} />
            <table aria-label="By tender">
              <caption>By tender</caption>
              <thead>
                <tr>
                  <th scope="col">Tender</th>
                  <th scope="col">Count</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {d.byTender.map((t) => (
                  <tr key={`${t.key}-${t.currency}`}>
                    <th scope="row">{t.key}</th>
                    <td>{count(t.count)}</td>
                    <td data-amount={t.amount}>{money({ amount: t.amount, currency: t.currency })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Status>
    </>
  );
}

function MoneyChart({
  title,
  rows,
  series,
}: {
  title: string;
  rows: readonly SalesRow[];
  series?: 'day' | 'hour';
}) {
  const currency = currencyOf(rows);
  const bars = rows.filter((r) => r.currency === currency).map((r) => ({ label: r.key, value: r.net }));
  return (
    <BarChart
      title={title}
      bars={series ? fillGaps(bars, series) : bars}
      format={(v) => money({ amount: v, currency })}
    />
  );
}

function SalesTable({ caption, rows }: { caption: string; rows: readonly SalesRow[] }) {
  return (
    <table aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Orders</th>
          <th scope="col">Sales</th>
          <th scope="col">Returns</th>
          <th scope="col">Gross</th>
          <th scope="col">Discounts</th>
          <th scope="col">Net</th>
          <th scope="col">Units</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const m = (amount: number) => money({ amount, currency: r.currency });
          return (
            <tr key={`${r.key}-${r.currency}`} data-key={r.key}>
              <th scope="row">{r.key}</th>
              <td>{count(r.orders)}</td>
              <td>{count(r.salesCount)}</td>
              <td>{count(r.returnCount)}</td>
              <td>{m(r.gross)}</td>
              <td>{m(r.discounts)}</td>
              <td data-amount={r.net}>{m(r.net)}</td>
              <td>{count(r.units)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function KpiTiles({ k }: { k: Kpis }) {
  // One currency's money KPIs: the API lists each currency apart (top-level fields in older answers).
  const c = k.byCurrency?.[0] ?? k;
  const currency = c.currency ?? 'EUR';
  const cycle = k.pickup?.cycleTimeMinutes?.avg;
  const tiles: [string, string][] = [
    [
      'Average transaction value',
      c.averageTransactionValue === undefined ? '—' : money({ amount: c.averageTransactionValue, currency }),
    ],
    ['Units per transaction', c.unitsPerTransaction ?? '—'],
    ['Return rate', percent(c.returnRate)],
    ['Discount rate', percent(c.discountRate)],
    ['Sell-through', percent(k.sellThrough)],
    ['Stock turns (annualised)', k.stockTurns ?? '—'],
    ['Pickup cycle time', cycle === undefined ? '—' : `${cycle} min`],
    ['Pickup on time', k.pickup && k.pickup.orders > 0 ? percent(k.pickup.onTimeRate) : '—'],
    ['Loyalty redemption', percent(k.loyalty?.redemptionRate)],
  ];
  return (
    <section aria-label="Key figures">
      {k.byCurrency && k.byCurrency.length > 1 ? (
        <p>
          Money figures in {currency}; other currencies:{' '}
          {k.byCurrency
            .slice(1)
            .map((x) => x.currency)
            .join(', ')}
          .
        </p>
      ) : null}
      <dl className="kpis">
        {tiles.map(([label, value]) => (
          <div key={label} className="kpi">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
