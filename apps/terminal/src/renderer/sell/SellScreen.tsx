import { formatMoney, tenderState, type OrderDoc, type Tender } from '@store-os/shared';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ScreenProps } from '../app/screen-props';
import { replayOutcomeText } from '../journal/replay-message';
import { cardRecoveryText } from '../sale/card-recoveries';
import { completeSale } from '../sale/complete-sale';
import { changeDisplay, lineDisplay } from '../sale/customer-display';
import { deliverSale, describeDelivery, printReceipt } from '../sale/deliver-sale';
import { reprintJobId } from '../sale/last-sales';
import { showOnDisplay } from '../sale/show-on-display';
import { receiptBlocks } from '../sale/receipt-blocks';
import { storePolicy } from '../sale/store-policy';
import { useSession } from '../session/session-context';
import { storeCreditHolderOf } from '../tender/customer-store-credit';
import { TenderPanel } from '../tender/TenderPanel';
import { CartLines } from './CartLines';
import { PromotionsPanel } from './PromotionsPanel';
import { Prompt } from './Prompt';
import { ScanInput } from './ScanInput';
import { shortcutFor, ShortcutBar } from './ShortcutBar';
import { TotalsPanel } from './TotalsPanel';
import { useKeyboardWedge } from './use-keyboard-wedge';
import './sell.css';
import { usePromotions } from './use-promotions';
import { openSaleOf, saleActivityOf } from './open-sale';
import { useSale } from './use-sale';
import { LOCKED_ACTIONS, payRefusal, saleRefusal, shiftIdOf } from './till-lock';
import { useTill } from './use-till';
import { useSellActions } from './use-sell-actions';

/** Contexts whose card recoveries the cashier has been told about (once per start, not once per visit). */
const toldRecoveries = new WeakSet<object>();
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The sell screen: scan field, cart with every discount explained, promotions, totals, and the actions
 * (each a key and a button). F12 opens the payment; a settled payment writes the sale (order, movements,
 * ledgers, audit, journal) before the drawer opens and the receipt prints.
 */
export function SellScreen({ context, pricing }: ScreenProps) {
  const session = useSession();
  const policy = useMemo(() => storePolicy(pricing.currency), [pricing.currency]);
  const promotions = usePromotions(context.db, pricing.currency, pricing.promotions);
  const open = openSaleOf(context);
  const till = useTill(context, pricing.timeZone);
  const locked = saleRefusal(till);
  const payBlocked = payRefusal(till);
  const sale = useSale(pricing, promotions, context.checkout.newId, open);
  const [message, setMessage] = useState(() => replayOutcomeText(context.replay.progress));
  const [selected, setSelected] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [paying, setPayingState] = useState(open.paying ?? false);
  const setPaying = (value: boolean) => {
    open.paying = value;
    if (!value) open.tender = undefined;
    setPayingState(value);
  };
  const copies = useRef(new Map<string, number>());

  const reprint = async (order: OrderDoc) => {
    const copy = (copies.current.get(order.id) ?? 0) + 1;
    copies.current.set(order.id, copy);
    setMessage('Reprinting the receipt…');
    const outcome = await printReceipt(
      context.host,
      { jobId: reprintJobId(order.id, copy), blocks: receiptBlocks(order, { reprint: true }) },
      { wait, onProgress: setMessage },
    );
    setMessage(outcome.ok ? 'Receipt reprinted.' : `Reprint failed: ${outcome.reason}`);
  };

  const { prompt, promptKey, closePrompt, scan, actions } = useSellActions({
    context,
    policy,
    sale,
    session,
    selected,
    say: setMessage,
    reprint,
  });
  const lines = sale.draft.cart.lines;
  const blocked = paying || prompt !== undefined;
  // The update gate defers a restart while this sale has lines or is being paid.
  useEffect(
    () => saleActivityOf(context).next({ lines: lines.length, paying }),
    [context, lines.length, paying],
  );

  const safeScan = (code: string) => {
    if (locked) {
      setMessage(locked);
      return;
    }
    if (paying) {
      setMessage('Finish or leave the payment before scanning more items.');
      return;
    }
    scan(code).catch((e: unknown) => setMessage(`Scan failed: ${errorText(e)}`));
  };
  useKeyboardWedge(safeScan);
  // Card approvals a crash left without a sale: said once per start, when the host has resolved them.
  useEffect(() => {
    let live = true;
    context.cardRecoveries
      .then((recoveries) => {
        if (!live || toldRecoveries.has(context)) return;
        toldRecoveries.add(context);
        if (recoveries instanceof Error)
          setMessage(`Card payments open at the last crash could not be checked: ${recoveries.message}`);
        else if (recoveries.length > 0) setMessage(cardRecoveryText(recoveries, navigator.language));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [context]);
  // A replay that ends while this screen is open says what it restored (the header showed its progress).
  useEffect(() => {
    if (context.replay.progress.finished) return undefined;
    const subscription = context.replay.progress$.subscribe((p) => {
      const text = replayOutcomeText(p);
      if (text !== '') setMessage(text);
    });
    return () => subscription.unsubscribe();
  }, [context.replay]);
  // Scanners the host owns (HID POS, serial) arrive as contract events; they add lines like a typed scan.
  useEffect(() => context.host.on('scanner.data', (event) => safeScan(event.data)));

  // The customer display follows every line change: the last line and the running total.
  const last = lines[lines.length - 1];
  const lastFigures = sale.totals.lines.find((l) => l.lineId === last?.lineId);
  useEffect(() => {
    if (!last || !lastFigures) return;
    showOnDisplay(
      context.host,
      lineDisplay(
        last.name,
        { amount: lastFigures.gross, currency: sale.totals.currency },
        sale.totals.total,
      ),
    )
      .then(setNotice)
      .catch((e: unknown) => setNotice(errorText(e)));
    // Shown when a line or the total changes, not on every render.
  }, [last?.lineId, lastFigures?.gross, sale.totals.total.amount]);

  const settle = async (tenders: readonly Tender[]) => {
    const shiftId = shiftIdOf(till);
    const offline = !(context.replication?.connectivity.state.online ?? false);
    const done = await completeSale(context.checkout, {
      draft: sale.draft,
      totals: sale.totals,
      pricing,
      policy,
      tenders,
      cashierId: session.staff.id,
      shiftId,
      offline,
    });
    const total = sale.totals.total;
    const loyalty = done.documents.filter((d) => d.type === 'ledger-entry' && d['ledger'] === 'loyalty');
    const earned = loyalty
      .filter((d) => d['entryKind'] !== 'redeem')
      .reduce((n, d) => n + Number(d['delta']), 0);
    const redeemed = tenders.reduce((n, t) => n + (t.points ?? 0), 0);
    const customerName = sale.draft.customerName;
    sale.clear();
    setSelected(undefined);
    setPaying(false);
    const paid = tenderState({
      total,
      tenders,
      ...(policy.cashRounding ? { cashRounding: policy.cashRounding } : {}),
    }).paid;
    const summary = `Sale complete: ${formatMoney(total, { locale: navigator.language })}${done.change.amount > 0 ? `, change ${formatMoney(done.change, { locale: navigator.language })}` : ''}.`;
    setMessage(`${summary} Opening the drawer and printing…`);
    const outcome = await deliverSale(
      context.host,
      {
        orderId: done.orderId,
        openDrawer: tenders.some((t) => t.kind === 'cash'),
        receipt: {
          jobId: `${done.orderId}-r`,
          blocks: receiptBlocks(done.order, {
            ...(customerName !== undefined ? { customerName } : {}),
            loyalty: { earned, redeemed },
          }),
        },
        display: changeDisplay(paid, done.change),
      },
      { wait, onProgress: (m) => setMessage(`${summary} ${m}`) },
    );
    setMessage(`${summary} ${describeDelivery(outcome)}`);
  };

  const run = (id: string) => {
    if (locked && LOCKED_ACTIONS.has(id)) {
      setMessage(locked);
      return;
    }
    if (id === 'pay') {
      if (lines.length === 0) setMessage('Scan an item before paying.');
      else if (payBlocked) setMessage(payBlocked);
      else setPaying(true);
      return;
    }
    const action = actions[id as keyof typeof actions];
    action();
  };

  // A layout effect: the listener is replaced before the browser paints, so a key pressed right after a
  // line appears sees that line (a passive effect could still hold the previous render's lines).
  useLayoutEffect(() => {
    if (blocked) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && lines.length > 0) {
        e.preventDefault();
        const at = lines.findIndex((l) => l.lineId === selected);
        const from = at < 0 ? lines.length : at;
        const next = lines[Math.min(lines.length - 1, Math.max(0, from + (e.key === 'ArrowUp' ? -1 : 1)))];
        setSelected(next?.lineId);
        return;
      }
      const shortcut = shortcutFor(e);
      if (!shortcut) return;
      e.preventDefault();
      run(shortcut.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const needsLines = new Set([
    'pay',
    'quantity',
    'discount',
    'override',
    'voidLine',
    'voidSale',
    'hold',
    'weigh',
  ]);
  return (
    <div className="sell-screen" data-till={till?.kind ?? 'loading'}>
      <main>
        {locked && (
          <p className="till-locked" role="alert" data-testid="till-locked">
            {locked} Open the Shift screen to see the Z report.
          </p>
        )}
        {till?.kind === 'no-shift' && (
          <p className="till-locked" role="alert" data-testid="till-no-shift">
            {payBlocked}
          </p>
        )}
        <ScanInput onSubmit={(code) => Promise.resolve(safeScan(code))} disabled={blocked} />
        <p className="message" role="status" aria-live="polite" data-testid="message">
          {message}
        </p>
        {notice && (
          <p className="device-notice" role="status" data-testid="device-notice">
            {notice}
          </p>
        )}
        {sale.draft.customerName && (
          <p className="customer" data-testid="customer">
            Customer: {sale.draft.customerName}
            {sale.draft.loyaltyAccountId ? ` (loyalty ${sale.draft.loyaltyAccountId})` : ''}
          </p>
        )}
        <CartLines cart={sale.draft.cart} totals={sale.totals} selected={selected} onSelect={setSelected} />
        <PromotionsPanel totals={sale.totals} />
        <TotalsPanel totals={sale.totals} />
        {paying && (
          <TenderPanel
            context={context}
            total={sale.totals.total}
            policy={policy}
            loyaltyAccountId={sale.draft.loyaltyAccountId}
            customer={storeCreditHolderOf(sale.draft)}
            offline={() => !(context.replication?.connectivity.state.online ?? false)}
            onSettled={settle}
            open={open}
            onCancel={() => setPaying(false)}
          />
        )}
      </main>
      <ShortcutBar
        enabled={(id) =>
          !blocked &&
          !(locked !== undefined && LOCKED_ACTIONS.has(id)) &&
          !(id === 'pay' && payBlocked !== undefined) &&
          (!needsLines.has(id) || lines.length > 0)
        }
        run={run}
      />
      {prompt && <Prompt key={promptKey} spec={prompt} onClose={closePrompt} />}
    </div>
  );
}
