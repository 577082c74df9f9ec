import { formatMoney } from '@store-os/shared';
import { useState, type FormEvent } from 'react';
import type { StaffMember } from '../../session/session-context';
import { messageOf, type OpsDeps } from '../common/ops-deps';
import { readAmount } from '../common/money-input';
import { openShift } from './shift-actions';

/** Opens the till with the float the cashier counted in. */
export function OpenShiftForm(props: {
  deps: OpsDeps;
  currency: string;
  timeZone: string;
  staff: StaffMember;
  onDone: (message: string) => void;
}) {
  const [float, setFloat] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const amount = readAmount(float, props.currency, { allowZero: true });
    if (!amount.ok) return props.onDone(amount.message);
    setBusy(true);
    openShift(props.deps, { float: amount.money, openedBy: props.staff.id, timeZone: props.timeZone })
      .then(() =>
        props.onDone(
          `Shift opened with a float of ${formatMoney(amount.money, { locale: navigator.language })}.`,
        ),
      )
      .catch((error: unknown) => props.onDone(`The shift was not opened: ${messageOf(error)}`))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} aria-label="Open shift">
      <label>
        Opening float
        <input autoFocus inputMode="decimal" value={float} onChange={(e) => setFloat(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Open shift
      </button>
    </form>
  );
}
