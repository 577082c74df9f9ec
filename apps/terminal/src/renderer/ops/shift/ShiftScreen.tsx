import { businessDateIn, sellingRefusal, tillState, type StoreDoc } from '@store-os/shared';
import { useEffect, useMemo, useState } from 'react';
import type { ScreenProps } from '../../app/screen-props';
import { useObservable } from '../../app/use-observable';
import { opsDeps } from '../common/ops-deps';
import { storeDocument } from '../common/store-docs';
import { useOpsSession } from '../common/use-ops-session';
import { CashEventForm } from './CashEventForm';
import { CloseForm } from './CloseForm';
import { OpenShiftForm } from './OpenShiftForm';
import { shiftData$, type ShiftData } from './shift-data';
import { XReport } from './XReport';
import '../ops.css';

const EMPTY: ShiftData = { shifts: [], closes: [], cashEvents: [], orders: [] };

/** Shift and end-of-day close: open with a float, cash in/out and drops, X report, counted close, Z report. */
export function ShiftScreen({ context, pricing }: ScreenProps) {
  const session = useOpsSession();
  const deps = useMemo(() => opsDeps(context), [context]);
  const data = useObservable(
    useMemo(() => shiftData$(context.db), [context.db]),
    EMPTY,
  );
  const [store, setStore] = useState<StoreDoc>();
  const [message, setMessage] = useState('');
  useEffect(() => {
    storeDocument(context.db, pricing.storeId).then(setStore, () => setStore(undefined));
  }, [context.db, pricing]);
  const timeZone = store?.timeZone ?? pricing.timeZone;
  const today = businessDateIn(deps.now().getTime(), timeZone);
  const till = tillState({
    terminalId: deps.terminalId,
    shifts: data.shifts,
    closes: data.closes,
    businessDate: today,
  });

  if (!session) return <p role="alert">Sign in to open, count or close the till.</p>;
  return (
    <main className="ops-screen" aria-labelledby="shift-title">
      <h2 id="shift-title">Shift and close</h2>
      <p role="status" aria-live="polite" data-testid="ops-message" className="message">
        {message}
      </p>
      <p data-testid="till-state">
        {till.kind === 'open'
          ? `Shift open since ${till.shift.createdAt.slice(11, 16)} UTC, business day ${till.shift.businessDate ?? today}.`
          : sellingRefusal(till)}
      </p>
      {till.kind === 'no-shift' && (
        <OpenShiftForm
          deps={deps}
          currency={pricing.currency}
          timeZone={timeZone}
          staff={session.staff}
          onDone={setMessage}
        />
      )}
      {till.kind === 'day-closed' && (
        <p>
          Z report #{till.close.zNumber ?? '?'} stored and sent to HQ. The till reopens on the next business
          day.
        </p>
      )}
      {till.kind === 'open' && (
        <>
          <CashEventForm deps={deps} shift={till.shift} session={session} onDone={setMessage} />
          <XReport
            deps={deps}
            shift={till.shift}
            data={data}
            storeName={store?.name ?? pricing.storeId}
            onDone={setMessage}
          />
          <CloseForm
            deps={deps}
            shift={till.shift}
            data={data}
            session={session}
            storeName={store?.name ?? pricing.storeId}
            denominations={store?.cashDenominations}
            onDone={setMessage}
          />
        </>
      )}
    </main>
  );
}
