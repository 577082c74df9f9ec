import {
  closeShift,
  denominationsFor,
  formatMoney,
  ordersOfShift,
  variancesNeedingReason,
  type CloseFigures,
  type ClosingCount,
  type Money,
  type ShiftDoc,
} from '@store-os/shared';
import { useState, type FormEvent } from 'react';
import type { Session } from '../../session/session-context';
import { messageOf, type OpsDeps } from '../common/ops-deps';
import { readAmount, readCount } from '../common/money-input';
import { closeShiftAt, VARIANCE_REASON_THRESHOLD } from './shift-actions';
import type { ShiftData } from './shift-data';

/**
 * The counted close: denominations counted one by one (blind: the expected figures stay hidden until
 * the count is in), other tenders' totals, then expected vs counted per tender, a reason for any
 * variance above the threshold, the manager's sign-off, and the Z report.
 */
export function CloseForm(props: {
  deps: OpsDeps;
  shift: ShiftDoc;
  data: ShiftData;
  session: Session;
  storeName: string;
  denominations: readonly number[] | undefined;
  onDone: (message: string) => void;
}) {
  const currency = props.shift.currency;
  const fmt = (m: Money) => formatMoney(m, { locale: navigator.language });
  const denominations = denominationsFor(currency, props.denominations);
  const [blind, setBlind] = useState(true);
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [others, setOthers] = useState<Record<string, string>>({});
  const [review, setReview] = useState<{ count: ClosingCount; figures: CloseFigures }>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const orders = ordersOfShift(props.shift, props.data.orders);
  const expected = closeShift({
    shift: props.shift,
    orders,
    cashEvents: props.data.cashEvents,
    counted: { cash: [] },
  });
  const otherTypes = expected.tenders.map((t) => t.tenderType).filter((t) => t !== 'cash');

  const readCountInput = (): ClosingCount | string => {
    const cash = [];
    for (const d of denominations) {
      const n = readCount(counts[d] ?? '');
      if (n === undefined) return `The count of ${fmt({ amount: d, currency })} must be a whole number.`;
      if (n > 0) cash.push({ denomination: d, count: n });
    }
    const counted: Record<string, Money> = {};
    for (const type of otherTypes) {
      const text = others[type] ?? '';
      if (text.trim() === '') return `Enter the counted ${type} total (the terminal's batch total).`;
      const amount = readAmount(text, currency, { allowZero: true });
      if (!amount.ok) return amount.message;
      counted[type] = amount.money;
    }
    return { cash, others: counted };
  };

  const doReview = (e: FormEvent) => {
    e.preventDefault();
    const count = readCountInput();
    if (typeof count === 'string') return props.onDone(count);
    try {
      setReview({
        count,
        figures: closeShift({
          shift: props.shift,
          orders,
          cashEvents: props.data.cashEvents,
          counted: count,
          ...(props.denominations ? { denominations: props.denominations } : {}),
        }),
      });
      props.onDone('Count taken: check expected against counted, then close.');
    } catch (error) {
      props.onDone(messageOf(error));
    }
  };

  const needReason = review ? variancesNeedingReason(review.figures.tenders, VARIANCE_REASON_THRESHOLD) : [];

  const close = () => {
    if (!review || busy) return;
    if (needReason.length > 0 && note.trim() === '')
      return props.onDone(`Explain the ${needReason.join(', ')} variance before the manager signs off.`);
    setBusy(true);
    const variance = review.figures.tenders.map((t) => `${t.tenderType} ${fmt(t.variance)}`).join(', ');
    const run = async () => {
      const approval = await props.session.requestApproval(
        `Close the shift and print the Z report (variance: ${variance})`,
      );
      if (!approval) return 'Close cancelled: the manager did not sign off.';
      const done = await closeShiftAt(props.deps, {
        shift: props.shift,
        data: props.data,
        counted: review.count,
        ...(props.denominations ? { denominations: props.denominations } : {}),
        closedBy: props.session.staff.id,
        approvedBy: approval.managerId,
        note: note.trim(),
        storeName: props.storeName,
      });
      return done.printed.ok
        ? `Shift closed. Z report #${done.close.zNumber ?? ''} printed and stored.`
        : `Shift closed and Z report #${done.close.zNumber ?? ''} stored, but not printed: ${done.printed.reason}`;
    };
    run()
      .then(props.onDone)
      .catch((error: unknown) => props.onDone(`The shift was not closed: ${messageOf(error)}`))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="close-title">
      <h3 id="close-title">Close the shift</h3>
      <form onSubmit={doReview} aria-label="Count the drawer">
        <label>
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} /> Blind count
        </label>
        <div className="denominations">
          {denominations.map((d) => (
            <label key={d}>
              Count of {fmt({ amount: d, currency })}
              <input
                inputMode="numeric"
                value={counts[d] ?? ''}
                onChange={(e) => {
                  setCounts({ ...counts, [d]: e.target.value });
                  setReview(undefined);
                }}
              />
            </label>
          ))}
        </div>
        {otherTypes.map((type) => (
          <label key={type}>
            Counted {type} total
            <input
              inputMode="decimal"
              value={others[type] ?? ''}
              onChange={(e) => {
                setOthers({ ...others, [type]: e.target.value });
                setReview(undefined);
              }}
            />
          </label>
        ))}
        {!blind && (
          <p data-testid="expected-cash">
            Expected in the drawer: {fmt(expected.tenders[0]?.expected ?? { amount: 0, currency })}
          </p>
        )}
        <button type="submit">Review count</button>
      </form>
      {review && (
        <>
          <table aria-label="Expected and counted">
            <thead>
              <tr>
                <th scope="col">Tender</th>
                <th scope="col">Expected</th>
                <th scope="col">Counted</th>
                <th scope="col">Variance</th>
              </tr>
            </thead>
            <tbody>
              {review.figures.tenders.map((t) => (
                <tr key={t.tenderType} data-testid={`variance-${t.tenderType}`}>
                  <th scope="row">{t.tenderType}</th>
                  <td>{fmt(t.expected)}</td>
                  <td>{fmt(t.counted)}</td>
                  <td>{fmt(t.variance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {needReason.length > 0 && (
            <label>
              Variance reason
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
            </label>
          )}
          <button type="button" onClick={close} disabled={busy}>
            Close shift and print Z report
          </button>
        </>
      )}
    </section>
  );
}
