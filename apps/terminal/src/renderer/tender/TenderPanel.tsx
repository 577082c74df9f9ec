import { formatMoney, parseMoney, toDecimalString, type Money, type Tender } from '@store-os/shared';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TerminalContext } from '../app/start-terminal';
import { checkPointsTender } from '../customer/loyalty-sale';
import { totalDisplay } from '../sale/customer-display';
import { showOnDisplay } from '../sale/show-on-display';
import type { StorePolicy } from '../sale/store-policy';
import type { OpenSale } from '../sell/open-sale';
import { Prompt, type PromptSpec } from '../sell/Prompt';
import { abortCardPayment, checkCardPayment, startCardPayment, type CardOutcome } from './card-payment';
import { checkStoredValue, normalizeCardNumber } from './gift-card';
import { customerStoreCredit, type StoreCreditHolder } from './customer-store-credit';
import { normalizeStoreCreditNumber } from './store-credit';
import {
  addDirectTender,
  beginCard,
  canComplete,
  resolveCard,
  startTender,
  tenderStatus,
  type TenderSession,
} from './tender-session';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Keys of the tender panel, shown on its buttons. */
export const TENDER_KEYS = {
  cash: 'F5',
  card: 'F6',
  gift: 'F7',
  credit: 'F8',
  points: 'F9',
  exact: 'F11',
} as const;
/** The choice that asks for a refund slip instead of one of the customer's own store-credit accounts. */
const OTHER_SLIP = 'other-slip';

/**
 * Taking payment: cash (with change and the store's cash rounding), card through the payment terminal
 * (one transaction id per attempt; an open attempt is only ever asked about, never resent), gift card
 * and store credit (ledger balance, offline cap per till) and loyalty points (balance, offline cap per
 * till), in any split. When the tenders settle the total,
 * `onSettled` writes the sale; until an approved card exists the cashier may go back to the sale.
 */
export function TenderPanel(props: {
  context: TerminalContext;
  total: Money;
  policy: StorePolicy;
  loyaltyAccountId: string | undefined;
  /** The customer attached to the sale: store credit (F8) offers their accounts without the slip. */
  customer: StoreCreditHolder | undefined;
  offline: () => boolean;
  onSettled: (tenders: readonly Tender[]) => Promise<void>;
  onCancel: () => void;
  /** Where the payment is kept while the cashier looks at another screen. */
  open?: OpenSale;
}) {
  const { context, policy } = props;
  const [session, setSession] = useState<TenderSession>(() =>
    props.open?.tender && props.open.tender.total.amount === props.total.amount
      ? props.open.tender
      : startTender(props.total, policy.cashRounding),
  );
  const current = useRef(session);
  const [message, setMessage] = useState('');
  const [prompt, setPrompt] = useState<PromptSpec>();
  const [completing, setCompleting] = useState(false);
  const amountField = useRef<HTMLInputElement>(null);
  const status = tenderStatus(session);
  const fmt = (m: Money) => formatMoney(m, { locale: navigator.language });
  const update = (next: TenderSession) => {
    current.current = next;
    if (props.open) props.open.tender = next;
    setSession(next);
  };

  const remaining = status.remaining.amount;
  useEffect(() => {
    if (amountField.current) amountField.current.value = toDecimalString(status.remaining);
    showOnDisplay(context.host, totalDisplay(props.total, status.remaining))
      .then((problem) => problem && setMessage(problem))
      .catch((e: unknown) => setMessage(errorText(e)));
    // Shown once per change of what is due, not on every render.
  }, [remaining]);

  // Settled: write the sale once. The button stays for a retry if writing failed.
  useEffect(() => {
    if (canComplete(session) && !completing) complete();
  });

  const complete = () => {
    if (completing || !canComplete(current.current)) return;
    setCompleting(true);
    setMessage('Completing the sale…');
    props
      .onSettled(current.current.tenders)
      .catch((e: unknown) =>
        setMessage(`The sale was not completed: ${errorText(e)} Press ${'F12'} to try again.`),
      )
      .finally(() => setCompleting(false));
  };

  const amount = (): number => {
    const text = amountField.current?.value ?? '';
    return parseMoney(text, props.total.currency).amount;
  };

  const tryAdd = (run: () => TenderSession) => {
    try {
      update(run());
      setMessage('');
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  const cash = (value?: number) =>
    tryAdd(() => addDirectTender(current.current, { kind: 'cash', amount: value ?? amount() }));

  const followCard = (outcome: Promise<CardOutcome>) => {
    outcome
      .then((o) => {
        update(resolveCard(current.current, o));
        setMessage(cardMessage(o));
      })
      .catch((e: unknown) => setMessage(`Card: ${errorText(e)}`));
  };
  const cardOptions = {
    wait,
    onUpdate: (o: CardOutcome) => update(resolveCard(current.current, o)),
  };

  const card = () => {
    let value: number;
    try {
      value = amount();
      const transactionId = context.checkout.newId();
      update(beginCard(current.current, transactionId, value));
      setMessage('Card: follow the payment terminal…');
      followCard(
        startCardPayment(
          context.host,
          { transactionId, amount: value, currency: props.total.currency },
          cardOptions,
        ),
      );
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  /** Checks one gift card or store-credit account for `wanted` and adds what it pays; throws the refusal. */
  const takeStoredValue = async (
    kind: 'gift-card' | 'store-credit',
    accountId: string,
    wanted: number,
  ): Promise<undefined> => {
    const gift = kind === 'gift-card';
    const request = {
      accountId,
      wanted: { amount: wanted, currency: props.total.currency },
      offline: props.offline(),
      terminalId: context.info.terminalId,
      offlineCap: gift ? policy.giftCardOfflineCap : policy.storeCreditOfflineCap,
      tenderedOnSale: current.current.tenders
        .filter((t) => t.kind === kind && t.accountId === accountId)
        .reduce((n, t) => n + t.amount, 0),
    };
    const check = await checkStoredValue(context.db, kind, request);
    update(
      addDirectTender(
        current.current,
        { kind, amount: check.pays.amount, accountId, offline: check.offline },
        check.available.amount,
      ),
    );
    const name = gift ? `Gift card …${accountId.slice(-4)}` : `Store credit ${accountId}`;
    setMessage(`${name} pays ${fmt(check.pays)}; balance was ${fmt(check.balance)}.`);
    return undefined;
  };

  /** Asks for the card or refund-slip number, then takes it. */
  const askNumber = (kind: 'gift-card' | 'store-credit', wanted: number) => {
    const gift = kind === 'gift-card';
    setPrompt({
      kind: 'input',
      title: gift ? 'Gift card' : 'Store credit',
      label: gift ? 'Gift card number' : 'Store-credit number',
      hint: gift ? 'Scan the card or type its number.' : 'Scan the refund slip or type its number (SC-…).',
      submit: (text) =>
        takeStoredValue(kind, gift ? normalizeCardNumber(text) : normalizeStoreCreditNumber(text), wanted),
    });
  };

  /**
   * A stored-value tender (gift card or store credit). Store credit with a customer on the sale offers
   * that customer's accounts with a balance first (no slip needed), and another slip as the last choice.
   */
  const storedValue = (kind: 'gift-card' | 'store-credit') => {
    let wanted: number;
    try {
      wanted = amount();
    } catch (e) {
      setMessage(errorText(e));
      return;
    }
    const holder = props.customer;
    if (kind !== 'store-credit' || !holder) {
      askNumber(kind, wanted);
      return;
    }
    customerStoreCredit(context.db, holder, props.total.currency)
      .then((accounts) => {
        if (accounts.length === 0) {
          askNumber(kind, wanted);
          return;
        }
        setPrompt({
          kind: 'choice',
          title: 'Store credit',
          hint: `Store credit of ${holder.name ?? 'the customer'}, or another refund slip.`,
          options: [
            ...accounts.map((a) => ({ id: a.accountId, label: `${a.accountId}: ${fmt(a.balance)}` })),
            { id: OTHER_SLIP, label: 'Another refund slip (scan or type its number)' },
          ],
          choose: (id) => {
            if (id !== OTHER_SLIP) return takeStoredValue(kind, id, wanted);
            askNumber(kind, wanted);
            return Promise.resolve(undefined);
          },
        });
      })
      .catch((e: unknown) => setMessage(`Store credit: ${errorText(e)}`));
  };
  const giftCard = () => storedValue('gift-card');
  const storeCredit = () => storedValue('store-credit');

  const points = () => {
    const accountId = props.loyaltyAccountId;
    if (!accountId) {
      setMessage('Attach the customer first (Alt+C on the sale) to pay with their points.');
      return;
    }
    checkPointsTender(context.db, {
      accountId,
      wanted: status.remaining,
      rule: policy.loyalty,
      offline: props.offline(),
      terminalId: context.info.terminalId,
      offlineCapPoints: policy.loyaltyOfflineCapPoints,
      tenderedPoints: current.current.tenders
        .filter((t) => t.kind === 'loyalty-points' && t.accountId === accountId)
        .reduce((n, t) => n + (t.points ?? 0), 0),
    })
      .then(({ balance, offer }) => {
        if (!offer) {
          setMessage(`The customer has ${balance} points, worth nothing yet.`);
          return;
        }
        tryAdd(() =>
          addDirectTender(current.current, {
            kind: 'loyalty-points',
            amount: offer.amount,
            points: offer.points,
            accountId,
          }),
        );
      })
      .catch((e: unknown) => setMessage(errorText(e)));
  };

  const cardOpen = session.card;
  const checkAgain = () =>
    cardOpen && followCard(checkCardPayment(context.host, cardOpen.transactionId, cardOptions));
  const abort = () =>
    cardOpen && followCard(abortCardPayment(context.host, cardOpen.transactionId, cardOptions));
  const hasCard = session.tenders.some((t) => t.kind === 'card');

  // A layout effect: the listener sees what the screen shows (a key pressed right after a render
  // must not reach the previous render's state).
  useLayoutEffect(() => {
    if (prompt) return;
    const onKey = (e: KeyboardEvent) => {
      const actions: Record<string, () => void> = {
        [TENDER_KEYS.cash]: () => cash(),
        [TENDER_KEYS.card]: card,
        [TENDER_KEYS.gift]: giftCard,
        [TENDER_KEYS.credit]: storeCredit,
        [TENDER_KEYS.points]: points,
        [TENDER_KEYS.exact]: () => cash(status.remainingInCash.amount),
        F12: complete,
        Escape: () => !hasCard && !cardOpen && props.onCancel(),
      };
      const action = actions[e.key];
      if (!action) {
        // Other screens' keys would leave the payment mid-way (a card may be approved): finish it first.
        if (/^F\d+$/.test(e.key)) {
          e.preventDefault();
          e.stopPropagation();
          setMessage('Finish the payment (or go back to the sale with Esc) before leaving this screen.');
        }
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      action();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const busy = completing || cardOpen !== undefined;
  return (
    <section className="tender" aria-label="Payment">
      <h2>Payment</h2>
      <dl className="tender-figures">
        <dt>Total</dt>
        <dd data-testid="tender-total">{fmt(props.total)}</dd>
        <dt>Paid</dt>
        <dd>{fmt(status.paid)}</dd>
        <dt>Still to pay</dt>
        <dd data-testid="tender-remaining">{fmt(status.remaining)}</dd>
        {status.remainingInCash.amount !== status.remaining.amount && (
          <>
            <dt>In cash</dt>
            <dd>{fmt(status.remainingInCash)}</dd>
          </>
        )}
        <dt>Change</dt>
        <dd data-testid="tender-change">{fmt(status.change)}</dd>
      </dl>
      <ul aria-label="Tenders" className="tender-list">
        {session.tenders.map((t) => (
          <li key={t.id} data-testid="tender">
            {t.kind === 'card' ? `Card ${t.card?.maskedPan ?? ''}` : t.kind}{' '}
            {fmt({ amount: t.amount, currency: props.total.currency })}
          </li>
        ))}
        {session.failedCards.map((c) => (
          <li key={c.transactionId} className="failed" data-testid="failed-card">
            Card {c.state}: {fmt({ amount: c.amount, currency: props.total.currency })}
            {c.detail ? ` (${c.detail})` : ''}
          </li>
        ))}
      </ul>
      <label htmlFor="tender-amount">Amount</label>
      <input id="tender-amount" ref={amountField} inputMode="decimal" autoComplete="off" disabled={busy} />
      <div className="tender-actions" role="group" aria-label="Pay with">
        <button type="button" onClick={() => cash()} disabled={busy} aria-keyshortcuts={TENDER_KEYS.cash}>
          <kbd>{TENDER_KEYS.cash}</kbd> Cash
        </button>
        <button
          type="button"
          onClick={() => cash(status.remainingInCash.amount)}
          disabled={busy}
          aria-keyshortcuts={TENDER_KEYS.exact}
        >
          <kbd>{TENDER_KEYS.exact}</kbd> Exact cash
        </button>
        <button type="button" onClick={card} disabled={busy} aria-keyshortcuts={TENDER_KEYS.card}>
          <kbd>{TENDER_KEYS.card}</kbd> Card
        </button>
        <button type="button" onClick={giftCard} disabled={busy} aria-keyshortcuts={TENDER_KEYS.gift}>
          <kbd>{TENDER_KEYS.gift}</kbd> Gift card
        </button>
        <button type="button" onClick={storeCredit} disabled={busy} aria-keyshortcuts={TENDER_KEYS.credit}>
          <kbd>{TENDER_KEYS.credit}</kbd> Store credit
        </button>
        <button type="button" onClick={points} disabled={busy} aria-keyshortcuts={TENDER_KEYS.points}>
          <kbd>{TENDER_KEYS.points}</kbd> Points
        </button>
        <button
          type="button"
          onClick={complete}
          disabled={!canComplete(session) || completing}
          aria-keyshortcuts="F12"
        >
          <kbd>F12</kbd> Complete
        </button>
        <button type="button" onClick={props.onCancel} disabled={hasCard || busy} aria-keyshortcuts="Escape">
          <kbd>Esc</kbd> Back to the sale
        </button>
      </div>
      {cardOpen && (
        <div role="group" aria-label="Card payment in progress" className="card-open">
          <p>
            Card {cardOpen.state === 'unknown' ? 'outcome not known yet' : 'waiting for the customer'}
            {cardOpen.detail ? ` (${cardOpen.detail})` : ''}. The card is never charged twice.
          </p>
          <button type="button" onClick={checkAgain}>
            Check again
          </button>
          <button type="button" onClick={abort}>
            Abort card payment
          </button>
        </div>
      )}
      <p role="status" aria-live="polite" data-testid="tender-message">
        {message}
      </p>
      {prompt && (
        <Prompt
          key={`${prompt.kind}:${prompt.title}`}
          spec={prompt}
          onClose={(spec) => setPrompt((open) => (open === spec ? undefined : open))}
        />
      )}
    </section>
  );
}

function cardMessage(outcome: CardOutcome): string {
  switch (outcome.state) {
    case 'approved':
      return `Card approved (${outcome.approval?.maskedPan ?? ''}, auth ${outcome.approval?.authCode ?? ''}).`;
    case 'declined':
      return `Card declined${outcome.detail ? ` (${outcome.detail})` : ''}: take another card or another way to pay.`;
    case 'aborted':
      return 'Card payment aborted: nothing was charged.';
    case 'pending':
    case 'unknown':
      return 'The payment terminal has not answered yet: check again, or abort. The card is never charged twice.';
  }
}
