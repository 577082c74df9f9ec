import { formatMoney, type CashEventDoc, type ShiftDoc } from '@store-os/shared';
import { useState, type FormEvent } from 'react';
import type { Session } from '../../session/session-context';
import { messageOf, type OpsDeps } from '../common/ops-deps';
import { readAmount } from '../common/money-input';
import { recordCashEvent } from './shift-actions';

const LABELS: Record<CashEventDoc['kind'], string> = {
  'cash-in': 'Cash in',
  'cash-out': 'Cash out',
  drop: 'Safe drop',
};

/** Cash in, cash out and safe drops, each with a reason; cash out needs a manager. */
export function CashEventForm(props: {
  deps: OpsDeps;
  shift: ShiftDoc;
  session: Session;
  onDone: (message: string) => void;
}) {
  const [kind, setKind] = useState<CashEventDoc['kind']>('drop');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const money = readAmount(amount, props.shift.currency);
    if (!money.ok) return props.onDone(money.message);
    if (reason.trim() === '') return props.onDone(`Give a reason for the ${LABELS[kind].toLowerCase()}.`);
    setBusy(true);
    const shown = formatMoney(money.money, { locale: navigator.language });
    const run = async () => {
      const approval =
        kind === 'cash-out' ? await props.session.requestApproval(`Cash out ${shown}: ${reason}`) : undefined;
      if (kind === 'cash-out' && !approval) return 'Cash out cancelled: a manager did not approve it.';
      const { drawerProblem } = await recordCashEvent(props.deps, {
        shift: props.shift,
        kind,
        amount: money.money,
        reason: reason.trim(),
        userId: props.session.staff.id,
        ...(approval ? { approvedBy: approval.managerId } : {}),
      });
      setAmount('');
      setReason('');
      return `${LABELS[kind]} of ${shown} recorded.${drawerProblem}`;
    };
    run()
      .then(props.onDone)
      .catch((error: unknown) => props.onDone(`Not recorded: ${messageOf(error)}`))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} aria-label="Cash in, cash out and safe drops">
      <h3>Cash movements</h3>
      <label>
        Movement
        <select value={kind} onChange={(e) => setKind(e.target.value as CashEventDoc['kind'])}>
          {Object.entries(LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Amount
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </label>
      <button type="submit" disabled={busy}>
        Record movement
      </button>
    </form>
  );
}
