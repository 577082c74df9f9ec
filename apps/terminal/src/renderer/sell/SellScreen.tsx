import { formatMoney } from '@store-os/shared';
import { useEffect, useState } from 'react';
import type { ScreenProps } from '../app/screen-props';
import type { TerminalContext } from '../app/start-terminal';
import { useSale } from './use-sale';
import { findItem } from '../catalog/find-item';
import { completeSale } from '../sale/complete-sale';
import { CartLines } from './CartLines';
import { ScanInput } from './ScanInput';
import { ShortcutBar } from './ShortcutBar';
import { TotalsPanel } from './TotalsPanel';

/** The sell screen: status, scan field, cart, totals and the actions, all reachable from the keyboard. */
export function SellScreen({ context, pricing }: ScreenProps) {
  const sale = useSale(pricing, context.checkout.newId);
  const [message, setMessage] = useState(() => replayMessage(context));
  const [paying, setPaying] = useState(false);

  const scan = async (code: string) => {
    const found = await findItem(context.db, code);
    if (found.kind === 'item') {
      const refused = sale.add(found.item);
      setMessage(refused ? `${found.item.name} not added: ${refused}` : `Added ${found.item.name}`);
    } else if (found.kind === 'choices')
      setMessage(`Several matches: ${found.names.join(', ')}. Scan or type more.`);
    else setMessage(found.message);
  };

  const pay = () => {
    if (paying || sale.cart.lines.length === 0) return;
    setPaying(true);
    const total = sale.totals.total;
    completeSale(context.checkout, {
      cart: sale.cart,
      totals: sale.totals,
      pricing,
      cashTendered: total.amount,
    })
      .then((done) => {
        sale.clear();
        const receipt = done.receipt.printed
          ? 'Receipt printed.'
          : `Receipt not printed: ${done.receipt.reason}`;
        setMessage(`Sale complete: ${formatMoney(total, { locale: navigator.language })} cash. ${receipt}`);
      })
      .catch((error: unknown) =>
        setMessage(`The sale was not completed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => setPaying(false));
  };

  // Scanners the host owns (HID POS, serial) arrive as contract events; they add lines like a typed scan.
  useEffect(() =>
    context.host.on('scanner.data', (event) => {
      scan(event.data).catch((error: unknown) => setMessage(`Scan failed: ${String(error)}`));
    }),
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F12') pay();
      else if (e.key === 'F8') sale.removeLast();
      else if (e.key === 'Escape') sale.clear();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="sell-screen">
      <main>
        <ScanInput onSubmit={scan} />
        <p className="message" role="status" aria-live="polite" data-testid="message">
          {message}
        </p>
        <CartLines cart={sale.cart} totals={sale.totals} />
        <TotalsPanel totals={sale.totals} />
      </main>
      <ShortcutBar
        canPay={sale.cart.lines.length > 0 && !paying}
        onPay={pay}
        onVoidLast={sale.removeLast}
        onClear={sale.clear}
      />
    </div>
  );
}

/** What the start-up journal replay did, in words, when it did anything the cashier should know. */
function replayMessage(context: TerminalContext): string {
  const { restored, damaged } = context.replay;
  const parts = [
    restored > 0 ? `Restored ${restored} sale${restored === 1 ? '' : 's'} from the journal.` : '',
    damaged > 0
      ? `${damaged} journal line${damaged === 1 ? ' is' : 's are'} unreadable; tell the store manager.`
      : '',
  ];
  return parts.filter(Boolean).join(' ');
}
