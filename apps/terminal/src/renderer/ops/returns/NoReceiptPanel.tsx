import { formatMoney, type CartItem, type CustomerDoc } from '@store-os/shared';
import {
  evaluateNoReceiptReturn,
  LOCAL_LIMITS_NOTE,
  type NoReceiptDecision,
  type NoReceiptRefundMethod,
} from '@store-os/shared/omnichannel';
import { useState, type FormEvent } from 'react';
import type { PricingContext } from '../../catalog/pricing-context';
import { findItem } from '../../catalog/find-item';
import type { Session } from '../../session/session-context';
import { messageOf, type OpsDeps } from '../common/ops-deps';
import { readCount } from '../common/money-input';
import type { ServerAccess } from '../common/ask-server';
import { findCustomer, noReceiptHistoryOf, pricesOf, readNoReceiptPolicy } from './no-receipt-inputs';
import { noReceiptReturnLines } from './no-receipt-return';
import { runNoReceiptReturn } from './run-no-receipt';

interface Line {
  item: CartItem;
  units: string;
  restock: boolean;
  reason: string;
}

const METHOD_LABELS: Record<NoReceiptRefundMethod, string> = {
  'store-credit': 'Store credit',
  'gift-card': 'New gift card',
  cash: 'Cash',
};

/**
 * A return without a receipt: an identified customer, the items scanned, each restocked or written off
 * with a reason; the store's policy values them (price basis) and checks the customer's limits; a manager
 * approves every one; the refund goes to store credit or a gift card (cash only where the policy says).
 */
export function NoReceiptPanel(props: {
  deps: OpsDeps;
  pricing: PricingContext;
  session: Session;
  serverAccess: () => Promise<ServerAccess>;
  say: (message: string) => void;
  /** The till's open shift: its close counts the cash a refund pays out. */
  shiftId?: string | undefined;
}) {
  const { deps, pricing, session, say, shiftId } = props;
  const [customerQuery, setCustomerQuery] = useState('');
  const [customer, setCustomer] = useState<CustomerDoc>();
  const [scan, setScan] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [method, setMethod] = useState<NoReceiptRefundMethod>();
  const [decision, setDecision] = useState<NoReceiptDecision>();
  const [localNote, setLocalNote] = useState('');
  const [busy, setBusy] = useState(false);
  const fmt = (amount: number) =>
    formatMoney({ amount, currency: pricing.currency }, { locale: navigator.language });
  const changed = () => setDecision(undefined);
  let policyError = '';
  let methods: readonly NoReceiptRefundMethod[] = [];
  try {
    methods = readNoReceiptPolicy(pricing.currency).refundMethods ?? ['store-credit'];
  } catch (error) {
    policyError = messageOf(error);
  }
  const chosenMethod = method ?? methods[0];

  const identify = (e: FormEvent) => {
    e.preventDefault();
    changed();
    findCustomer(deps.db, customerQuery)
      .then((found) => {
        setCustomer(found);
        say(
          found
            ? `Customer: ${[found.givenName, found.familyName].filter(Boolean).join(' ') || found.id}.`
            : 'No such customer in this store: create the customer on the customer screen first.',
        );
      })
      .catch((error: unknown) => say(messageOf(error)));
  };

  const addItem = (e: FormEvent) => {
    e.preventDefault();
    changed();
    findItem(deps.db, scan)
      .then((found) => {
        if (found.kind !== 'item')
          return say(
            found.kind === 'choices' ? `Several matches: ${found.names.join(', ')}.` : found.message,
          );
        if (found.item.unit !== 'each')
          return say(`${found.item.name} is sold by weight: weighed items need their receipt.`);
        setLines((ls) => {
          const at = ls.findIndex((l) => l.item.sku === found.item.sku);
          if (at < 0) return [...ls, { item: found.item, units: '1', restock: true, reason: '' }];
          return ls.map((l, i) => (i === at ? { ...l, units: String((readCount(l.units) ?? 0) + 1) } : l));
        });
        setScan('');
        say(`Added ${found.item.name} to the no-receipt return.`);
      })
      .catch((error: unknown) => say(messageOf(error)));
  };

  const counted = () =>
    lines.map((l) => ({ ...l, quantity: readCount(l.units) })).filter((l) => l.quantity !== 0);

  const check = () => {
    const items = counted();
    const bad = items.find((l) => l.quantity === undefined);
    if (bad) return say(`Units of ${bad.item.name} must be a whole number.`);
    const unexplained = items.find((l) => !l.restock && l.reason.trim() === '');
    if (unexplained) return say(`Say why ${unexplained.item.name} is written off.`);
    const run = async () => {
      const policy = readNoReceiptPolicy(pricing.currency);
      const history = customer
        ? await noReceiptHistoryOf(deps.db, await props.serverAccess(), customer.id)
        : { records: [], scope: 'this-store' as const };
      const skus = items.map((l) => l.item.sku);
      const prices = await pricesOf(
        deps.db,
        skus,
        policy.priceBasis.kind === 'price-list' ? policy.priceBasis.priceListId : 'base',
      );
      const answer = evaluateNoReceiptReturn({
        policy,
        customerId: customer?.id,
        items: items.map((l) => ({
          sku: l.item.sku,
          name: l.item.name,
          unit: 'each' as const,
          quantity: l.quantity ?? 0,
          groupIds: l.item.groupIds,
        })),
        priceHistory: prices.history,
        ...(prices.list ? { priceLists: [prices.list] } : {}),
        history: history.records,
        historyScope: history.scope,
        now: deps.now().getTime(),
      });
      setDecision(answer);
      setLocalNote(
        answer.limitsCheckedLocallyOnly
          ? `${LOCAL_LIMITS_NOTE} ${'why' in history ? (history.why ?? '') : ''}`
          : '',
      );
      return answer.allowed
        ? `Allowed by the policy: refund ${fmt(answer.refund.amount)}. A manager must approve.`
        : `Refused: ${answer.message}`;
    };
    run()
      .then(say)
      .catch((error: unknown) => say(messageOf(error)));
  };

  const complete = () => {
    if (!decision?.allowed || !customer || !chosenMethod || busy) return;
    setBusy(true);
    const run = async () => {
      const approval = await session.requestApproval(
        `Return without receipt: ${fmt(decision.refund.amount)} to ${METHOD_LABELS[chosenMethod].toLowerCase()} for ${customer.id}`,
      );
      if (!approval) return 'No-receipt return cancelled: a manager did not approve it.';
      const returnLines = noReceiptReturnLines({
        decision,
        lines: counted().map((l) => ({ ...l, quantity: l.quantity ?? 0 })),
        pricing,
        approvedBy: approval.managerId,
        now: deps.now().getTime(),
      });
      const done = await runNoReceiptReturn(deps, {
        returnLines,
        method: chosenMethod,
        customerId: customer.id,
        locationId: pricing.saleLocationId,
        currency: pricing.currency,
        pricesIncludeTax: pricing.regime.pricesIncludeTax,
        cashierId: session.staff.id,
        ...(shiftId === undefined ? {} : { shiftId }),
      });
      setLines([]);
      setDecision(undefined);
      setLocalNote('');
      return done.summary;
    };
    run()
      .then(say)
      .catch((error: unknown) => say(`Not recorded: ${messageOf(error)}`))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-label="Return without receipt">
      <h3>Return without receipt</h3>
      <p>
        Works offline with this store&apos;s data; checking the customer&apos;s limits at other stores needs
        the network. Every no-receipt return needs a manager.
      </p>
      {policyError && <p role="alert">{policyError}</p>}
      <form onSubmit={identify} aria-label="Identify the customer">
        <label>
          Customer (id, loyalty card, phone or e-mail)
          <input value={customerQuery} onChange={(e) => setCustomerQuery(e.target.value)} />
        </label>
        <button type="submit">Find customer</button>
      </form>
      <form onSubmit={addItem} aria-label="Items brought back">
        <label>
          Scan a returned item
          <input value={scan} onChange={(e) => setScan(e.target.value)} />
        </label>
        <button type="submit">Add returned item</button>
      </form>
      {lines.map((l, i) => {
        const set = (patch: Partial<Line>) => {
          setLines(lines.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          changed();
        };
        return (
          <fieldset key={l.item.sku} data-testid="no-receipt-line">
            <legend>{l.item.name}</legend>
            <label>
              Units of {l.item.name}
              <input inputMode="numeric" value={l.units} onChange={(e) => set({ units: e.target.value })} />
            </label>
            <label>
              <input
                type="checkbox"
                checked={l.restock}
                onChange={(e) => set({ restock: e.target.checked })}
              />{' '}
              Restock {l.item.name}
            </label>
            {!l.restock && (
              <label>
                Write-off reason for {l.item.name}
                <input value={l.reason} onChange={(e) => set({ reason: e.target.value })} />
              </label>
            )}
          </fieldset>
        );
      })}
      {methods.length > 0 && (
        <fieldset>
          <legend>Refund to</legend>
          {methods.map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="no-receipt-refund"
                checked={chosenMethod === m}
                onChange={() => setMethod(m)}
              />{' '}
              {METHOD_LABELS[m]}
            </label>
          ))}
        </fieldset>
      )}
      <button type="button" onClick={check}>
        Check policy
      </button>
      {localNote && <p data-testid="no-receipt-local-note">{localNote}</p>}
      {decision?.allowed && (
        <div data-testid="no-receipt-summary">
          <p>
            Refund {fmt(decision.refund.amount)} to{' '}
            {METHOD_LABELS[chosenMethod ?? 'store-credit'].toLowerCase()} ({decision.basis} price)
          </p>
          <button type="button" onClick={complete} disabled={busy}>
            Approve and refund
          </button>
        </div>
      )}
    </section>
  );
}
