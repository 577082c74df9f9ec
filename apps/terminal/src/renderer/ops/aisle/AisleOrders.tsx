import type { OrderDoc, StoreDoc } from '@store-os/shared';
import { useState } from 'react';
import type { TerminalContext } from '../../app/start-terminal';
import { messageOf } from '../common/ops-deps';
import { storeDocsOfType } from '../common/store-docs';
import type { ServerAccess } from '../returns/find-order';
import { aisleOrdersOf, routingOf, routingText } from './aisle-orders';

/** This store's recent endless-aisle sales and, on request, where the server routed each. */
export function AisleOrders(props: { context: TerminalContext; serverUrl: string | null }) {
  const { context } = props;
  const [rows, setRows] = useState<{ order: OrderDoc; status: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const check = () => {
    setBusy(true);
    setProblem('');
    const run = async () => {
      const orders = aisleOrdersOf(await storeDocsOfType<OrderDoc>(context.db, 'order'));
      const stores = (await context.db.catalog.find({ selector: { type: 'store' } }).exec()).map(
        (d) => d.toJSON() as unknown as StoreDoc,
      );
      const name = (id: string) => stores.find((s) => s.storeId === id)?.name ?? id;
      const access: ServerAccess = {
        serverUrl: props.serverUrl,
        authorization: (await context.host.invoke('sync.authorization', {}).catch(() => ({ value: null })))
          .value,
        online: context.replication?.connectivity.state.online ?? false,
      };
      const out = [];
      for (const order of orders) {
        const routing = await routingOf(access, order.id);
        out.push({ order, status: typeof routing === 'string' ? routing : routingText(routing, name) });
      }
      setRows(out);
    };
    run()
      .catch((error: unknown) => setProblem(messageOf(error)))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-label="Delivery orders from this store">
      <button type="button" onClick={check} disabled={busy}>
        Check delivery status
      </button>
      {problem && <p role="alert">{problem}</p>}
      {rows.length > 0 && (
        <ul>
          {rows.map((r) => (
            <li key={r.order.id} data-testid="aisle-order">
              {r.order.id.slice(-8)} · {r.order.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}:{' '}
              {r.status}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
