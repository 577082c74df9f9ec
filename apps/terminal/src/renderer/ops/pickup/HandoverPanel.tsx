import { lineBaseUnits, type IdentityDocumentType } from '@store-os/shared';
import type { HandoverProof } from '@store-os/shared/omnichannel';
import { useEffect, useState, type FormEvent } from 'react';
import type { Session } from '../../session/session-context';
import { messageOf, type OpsDeps } from '../common/ops-deps';
import { readCount } from '../common/money-input';
import { goToScreen } from '../common/go-to-screen';
import { handOver, loadWebOrder, type WebOrderAtStore } from './pickup-actions';

/**
 * Hands a ready pickup over: the customer shows the pickup code, or the cashier identifies them and says
 * why; units per line can be fewer than ordered (partial pickup, the rest goes back on sale). Afterwards
 * the cashier can sell more to the same customer on the sell screen.
 */
export function HandoverPanel(props: {
  deps: OpsDeps;
  fulfillmentId: string;
  session: Session;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [web, setWeb] = useState<WebOrderAtStore>();
  const [code, setCode] = useState('');
  const [byIdentity, setByIdentity] = useState(false);
  const [customerId, setCustomerId] = useState('');
  const [reason, setReason] = useState('');
  const [idDocument, setIdDocument] = useState<IdentityDocumentType | ''>('');
  const [units, setUnits] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    loadWebOrder(props.deps, props.fulfillmentId).then(setWeb, (e: unknown) => setProblem(messageOf(e)));
  }, [props.deps, props.fulfillmentId]);
  const name = web?.fulfillment.externalRef ?? props.fulfillmentId;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!web?.order) return setProblem('The order has not reached this till yet; wait for sync.');
    const collected: { lineId: string; units: number }[] = [];
    for (const line of web.order.lines) {
      const n = readCount(units[line.lineId] ?? String(lineBaseUnits(line)));
      if (n === undefined) return setProblem(`Units of ${line.name} must be a whole number.`);
      collected.push({ lineId: line.lineId, units: n });
    }
    const proof: HandoverProof = byIdentity
      ? { method: 'identity', customerId: customerId.trim(), reason, checkedBy: props.session.staff.id }
      : { method: 'code', code };
    handOver(props.deps, web, {
      proof,
      collected,
      by: props.session.staff.id,
      ...(byIdentity && idDocument !== '' ? { identityDocument: idDocument } : {}),
    })
      .then((result) => {
        setDone(true);
        setProblem('');
        const partial = collected.some((c, i) => c.units < lineBaseUnits(web.order!.lines[i]!));
        props.onDone(
          `Order ${name} collected${partial ? ' in part; the rest is back on sale' : ''}.${
            result.managerReview ? ' Identity hand-over listed for the manager.' : ''
          }`,
        );
      })
      .catch((error: unknown) => setProblem(messageOf(error)));
  };

  return (
    <section aria-label={`Hand over ${name}`} className="handover">
      <h3>Hand over {name}</h3>
      {problem && <p role="alert">{problem}</p>}
      {done ? (
        <>
          <p>Collected. Anything else for this customer?</p>
          <button type="button" autoFocus onClick={() => goToScreen('F1')}>
            Sell more to this customer <kbd>F1</kbd>
          </button>
          <button type="button" onClick={props.onClose}>
            Back to the queue
          </button>
        </>
      ) : (
        <form onSubmit={submit} aria-label="Hand-over check">
          {web?.order?.lines.map((line) => (
            <label key={line.lineId}>
              Units of {line.name} collected (ordered {lineBaseUnits(line)})
              <input
                inputMode="numeric"
                value={units[line.lineId] ?? String(lineBaseUnits(line))}
                onChange={(e) => setUnits({ ...units, [line.lineId]: e.target.value })}
              />
            </label>
          ))}
          <label>
            <input type="checkbox" checked={byIdentity} onChange={(e) => setByIdentity(e.target.checked)} />{' '}
            No code: identify the customer
          </label>
          {byIdentity ? (
            <>
              <label>
                Customer account (loyalty card)
                <input value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
              </label>
              <label>
                Identity document checked (type only, not its number)
                <select
                  value={idDocument}
                  onChange={(e) => setIdDocument(e.target.value as IdentityDocumentType | '')}
                >
                  <option value="">Choose…</option>
                  <option value="passport">Passport</option>
                  <option value="national-id-card">National ID card</option>
                  <option value="driving-licence">Driving licence</option>
                  <option value="residence-permit">Residence permit</option>
                </select>
              </label>
              <label>
                Why no code
                <input value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
            </>
          ) : (
            <label>
              Pickup code
              <input autoFocus value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
            </label>
          )}
          <button type="submit">Confirm hand-over</button>
          <button type="button" onClick={props.onClose}>
            Not now
          </button>
        </form>
      )}
    </section>
  );
}
