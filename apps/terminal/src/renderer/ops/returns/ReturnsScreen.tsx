import {
  formatMoney,
  refundableLines,
  type CartItem,
  type Money,
  type OrderDoc,
  type ReturnRequest,
} from '@store-os/shared';
import { useMemo, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../../app/screen-props';
import { findItem } from '../../catalog/find-item';
import { messageOf, opsDeps } from '../common/ops-deps';
import { readAmount, readCount } from '../common/money-input';
import { useOpsSession } from '../common/use-ops-session';
import type { ServerAccess } from '../common/ask-server';
import { storeDocsOfType } from '../common/store-docs';
import { findOrdersLocally, findOrdersOnServer, withLocalReturns, type FoundOrder } from './find-order';
import { NoReceiptPanel } from './NoReceiptPanel';
import { priceNewLines } from './price-new-lines';
import { draftReturn, type RefundChoice, type ReturnDraft } from './return-order';
import { runReturn } from './run-return';
import { shiftIdOf } from '../../sell/till-lock';
import { useTill } from '../../sell/use-till';
import '../ops.css';

interface LineChoice {
  units: string;
  restock: boolean;
  reason: string;
}

/**
 * Returns and exchanges: find the original (this store's data offline; the server for web orders), choose
 * units per line with restock or write-off, scan new items for an exchange, choose original payments or
 * store credit, review the refund or the difference, complete as one transaction.
 */
export function ReturnsScreen({ context, pricing }: ScreenProps) {
  const session = useOpsSession();
  const deps = useMemo(() => opsDeps(context), [context]);
  // The till's open shift: its close counts the cash a return pays out or an exchange takes in.
  const shiftId = shiftIdOf(useTill(context, pricing.timeZone));
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<readonly FoundOrder[]>([]);
  const [chosen, setChosen] = useState<FoundOrder>();
  const [lines, setLines] = useState<Record<string, LineChoice>>({});
  const [newItems, setNewItems] = useState<CartItem[]>([]);
  const [scan, setScan] = useState('');
  const [refundTo, setRefundTo] = useState<RefundChoice>('original');
  const [draft, setDraft] = useState<ReturnDraft>();
  const [cash, setCash] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [noReceipt, setNoReceipt] = useState(false);
  const fmt = (m: Money) => formatMoney(m, { locale: navigator.language });

  if (!session) return <p role="alert">Sign in to take returns.</p>;

  const reset = () => {
    setChosen(undefined);
    setLines({});
    setNewItems([]);
    setDraft(undefined);
    setCash('');
  };

  const serverAccess = async (): Promise<ServerAccess> => ({
    serverUrl: deps.serverUrl,
    authorization: (await context.host.invoke('sync.authorization', {}).catch(() => ({ value: null }))).value,
    online: context.replication?.connectivity.state.online ?? false,
  });

  const lookUp = (e: FormEvent) => {
    e.preventDefault();
    reset();
    const run = async () => {
      const local = await findOrdersLocally(context.db, query);
      setFound(local);
      if (local.length > 0)
        return `${local.length} order${local.length === 1 ? '' : 's'} found in this store's data.`;
      const remote = await findOrdersOnServer(await serverAccess(), query);
      if (!remote.ok)
        return `Nothing in this store's data. ${remote.message} Orders of this store still work.`;
      setFound(withLocalReturns(remote.found, await storeDocsOfType<OrderDoc>(context.db, 'order')));
      return remote.found.length === 0
        ? `No order matches "${query}" here or on the server.`
        : `${remote.found.length} order${remote.found.length === 1 ? '' : 's'} found on the server (another store or the web shop).`;
    };
    run()
      .then(setMessage)
      .catch((error: unknown) => setMessage(messageOf(error)));
  };

  const choose = (f: FoundOrder) => {
    reset();
    setChosen(f);
    setLines(
      Object.fromEntries(f.order.lines.map((l) => [l.lineId, { units: '0', restock: true, reason: '' }])),
    );
  };

  const addNewItem = (e: FormEvent) => {
    e.preventDefault();
    findItem(context.db, scan)
      .then((result) => {
        if (result.kind !== 'item')
          return setMessage(
            result.kind === 'choices' ? `Several matches: ${result.names.join(', ')}.` : result.message,
          );
        setNewItems((items) => [...items, result.item]);
        setDraft(undefined);
        setScan('');
        setMessage(`Added ${result.item.name} to the exchange.`);
      })
      .catch((error: unknown) => setMessage(messageOf(error)));
  };

  const review = () => {
    if (!chosen) return;
    const requests: ReturnRequest[] = [];
    for (const line of chosen.order.lines) {
      const choice = lines[line.lineId];
      const n = readCount(choice?.units ?? '0');
      if (n === undefined) return setMessage(`Units of ${line.name} must be a whole number.`);
      if (n === 0) continue;
      if (choice && !choice.restock && choice.reason.trim() === '')
        return setMessage(`Say why ${line.name} is written off.`);
      requests.push({
        originalLineId: line.lineId,
        ...(line.unit === 'kg' ? { weightGrams: n } : { quantity: n }),
        restock: choice?.restock ?? true,
        ...(choice?.reason.trim() ? { reason: choice.reason.trim() } : {}),
      });
    }
    if (requests.length === 0) return setMessage('Choose at least one unit to return.');
    try {
      setDraft(
        draftReturn({
          original: chosen.order,
          earlierReturns: chosen.earlierReturns,
          requests,
          newLines: priceNewLines(newItems, pricing, deps.now().getTime()),
          refundTo,
          newAccountId: `${refundTo === 'gift-card' ? 'GC' : 'SC'}-${deps.newId().slice(-10)}`,
        }),
      );
      setMessage('Check the amounts with the customer, then complete.');
    } catch (error) {
      setMessage(messageOf(error));
    }
  };

  const complete = () => {
    if (!chosen || !draft || busy) return;
    let cashForDue: number | undefined;
    if (draft.due.amount > 0) {
      const amount = readAmount(cash, draft.currency);
      if (!amount.ok || amount.money.amount < draft.due.amount)
        return setMessage(`Take at least ${fmt(draft.due)} in cash from the customer.`);
      cashForDue = amount.money.amount;
    }
    setBusy(true);
    runReturn(deps, {
      draft,
      original: chosen.order,
      locationId: pricing.saleLocationId,
      cashierId: session.staff.id,
      ...(shiftId === undefined ? {} : { shiftId }),
      ...(cashForDue === undefined ? {} : { cashForDue }),
    })
      .then((done) => {
        setMessage(done.summary);
        reset();
        setFound([]);
      })
      .catch((error: unknown) => setMessage(messageOf(error)))
      .finally(() => setBusy(false));
  };

  const refundable = chosen ? refundableLines(chosen.order, chosen.earlierReturns) : [];
  return (
    <main className="ops-screen" aria-labelledby="returns-title">
      <h2 id="returns-title">Returns and exchanges</h2>
      <p role="status" aria-live="polite" data-testid="ops-message" className="message">
        {message}
      </p>
      <button type="button" aria-pressed={noReceipt} onClick={() => setNoReceipt(!noReceipt)}>
        {noReceipt ? 'Return with a receipt' : 'Return without receipt'}
      </button>
      {noReceipt && (
        <NoReceiptPanel
          deps={deps}
          pricing={pricing}
          session={session}
          serverAccess={serverAccess}
          say={setMessage}
          shiftId={shiftId}
        />
      )}
      {!noReceipt && (
        <form onSubmit={lookUp} aria-label="Find the original order">
          <label>
            Receipt, order number, web order or customer
            <input autoFocus value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <button type="submit">Find order</button>
        </form>
      )}
      {!noReceipt && found.length > 0 && !chosen && (
        <ul aria-label="Orders found">
          {found.map((f) => (
            <li key={f.order.id}>
              <button type="button" onClick={() => choose(f)}>
                Return from {f.order.externalRef ?? f.order.id.slice(-8)}
              </button>{' '}
              {f.order.channel === 'web' ? 'web shop' : 'store'} · {f.order.createdAt.slice(0, 10)} ·{' '}
              {fmt(f.order.totals.total)}
            </li>
          ))}
        </ul>
      )}
      {!noReceipt && chosen && (
        <section aria-label="Lines to return">
          <h3>Return from {chosen.order.externalRef ?? chosen.order.id.slice(-8)}</h3>
          {refundable.map((r) => {
            const choice = lines[r.line.lineId] ?? { units: '0', restock: true, reason: '' };
            const set = (patch: Partial<LineChoice>) => {
              setLines({ ...lines, [r.line.lineId]: { ...choice, ...patch } });
              setDraft(undefined);
            };
            return (
              <fieldset key={r.line.lineId}>
                <legend>
                  {r.line.name}: {r.remaining} of {r.bought} returnable, {fmt(r.remainingAmount)} left to
                  refund
                </legend>
                <label>
                  Return units of {r.line.name}
                  <input
                    inputMode="numeric"
                    value={choice.units}
                    onChange={(e) => set({ units: e.target.value })}
                  />
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={choice.restock}
                    onChange={(e) => set({ restock: e.target.checked })}
                  />{' '}
                  Restock {r.line.name}
                </label>
                {!choice.restock && (
                  <label>
                    Write-off reason for {r.line.name}
                    <input value={choice.reason} onChange={(e) => set({ reason: e.target.value })} />
                  </label>
                )}
              </fieldset>
            );
          })}
          <form onSubmit={addNewItem} aria-label="Exchange items">
            <label>
              Scan an exchange item
              <input value={scan} onChange={(e) => setScan(e.target.value)} />
            </label>
            <button type="submit">Add exchange item</button>
          </form>
          {newItems.length > 0 && (
            <ul aria-label="New items">
              {newItems.map((item, i) => (
                <li key={i} data-testid="exchange-item">
                  {item.name}
                </li>
              ))}
            </ul>
          )}
          <fieldset>
            <legend>Refund to</legend>
            <label>
              <input
                type="radio"
                name="refund-to"
                checked={refundTo === 'original'}
                onChange={() => {
                  setRefundTo('original');
                  setDraft(undefined);
                }}
              />{' '}
              Original payment
            </label>
            <label>
              <input
                type="radio"
                name="refund-to"
                checked={refundTo === 'store-credit'}
                onChange={() => {
                  setRefundTo('store-credit');
                  setDraft(undefined);
                }}
              />{' '}
              Store credit
            </label>
            <label>
              <input
                type="radio"
                name="refund-to"
                checked={refundTo === 'gift-card'}
                onChange={() => {
                  setRefundTo('gift-card');
                  setDraft(undefined);
                }}
              />{' '}
              New gift card
            </label>
          </fieldset>
          <button type="button" onClick={review}>
            Review return
          </button>
          {draft && (
            <div data-testid="return-summary">
              {draft.due.amount > 0 ? (
                <>
                  <p>Customer pays {fmt(draft.due)}</p>
                  <label>
                    Cash from customer
                    <input inputMode="decimal" value={cash} onChange={(e) => setCash(e.target.value)} />
                  </label>
                </>
              ) : draft.refunds.length === 0 ? (
                <p>Nothing to pay or refund</p>
              ) : (
                <ul aria-label="Refunds">
                  {draft.refunds.map((r, i) => (
                    <li key={i}>
                      Refund {fmt(r.amount)} to{' '}
                      {r.method === 'card' ? `card ${r.card?.maskedPan.slice(-4) ?? ''}` : r.method}
                    </li>
                  ))}
                </ul>
              )}
              <button type="button" onClick={complete} disabled={busy}>
                Complete return
              </button>
            </div>
          )}
        </section>
      )}
    </main>
  );
}
