import { formatMoney, type Money, type ShiftDoc } from '@store-os/shared';
import { useState } from 'react';
import { messageOf, type OpsDeps } from '../common/ops-deps';
import { printXReport, xReportFigures } from './shift-actions';
import type { ShiftData } from './shift-data';

/** The X report: the shift's figures so far, on screen and on the printer, changing nothing. */
export function XReport(props: {
  deps: OpsDeps;
  shift: ShiftDoc;
  data: ShiftData;
  storeName: string;
  onDone: (message: string) => void;
}) {
  const [shown, setShown] = useState(false);
  const fmt = (m: Money) => formatMoney(m, { locale: navigator.language });
  const figures = xReportFigures(props.shift, props.data);
  const print = () => {
    printXReport(props.deps, { shift: props.shift, data: props.data, storeName: props.storeName })
      .then(() => props.onDone('X report printed.'))
      .catch((error: unknown) => props.onDone(`X report not printed: ${messageOf(error)}`));
  };
  return (
    <section aria-labelledby="x-title">
      <h3 id="x-title">X report</h3>
      <button type="button" onClick={() => setShown((s) => !s)} aria-expanded={shown}>
        {shown ? 'Hide X report' : 'Show X report'}
      </button>
      <button type="button" onClick={print}>
        Print X report
      </button>
      {shown && (
        <table aria-label="X report">
          <tbody>
            <tr>
              <th scope="row">Sales ({figures.zTotals.sales.count})</th>
              <td>{fmt(figures.zTotals.sales.net)}</td>
            </tr>
            <tr>
              <th scope="row">Returns ({figures.zTotals.returns.count})</th>
              <td>{fmt(figures.zTotals.returns.amount)}</td>
            </tr>
            <tr>
              <th scope="row">Cash in / out / drops</th>
              <td>
                {fmt(figures.cashIn)} / {fmt(figures.cashOut)} / {fmt(figures.drops)}
              </td>
            </tr>
            {figures.tenders.map((t) => (
              <tr key={t.tenderType}>
                <th scope="row">Expected {t.tenderType}</th>
                <td>{fmt(t.expected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
