import { type FulfillmentDoc, type OrderDoc } from '@store-os/shared';
import { pickupQueue, type PickupQueueEntry } from '@store-os/shared/omnichannel';
import { useEffect, useMemo, useState } from 'react';
import type { ScreenProps } from '../../app/screen-props';
import { useObservable } from '../../app/use-observable';
import { messageOf, opsDeps } from '../common/ops-deps';
import { storeDocsOfType$ } from '../common/store-docs';
import { useOpsSession } from '../common/use-ops-session';
import { deliveryAddress } from './delivery-address';
import { HandoverPanel } from './HandoverPanel';
import {
  cancelWebOrder,
  expireDuePickups,
  loadWebOrder,
  markReady,
  ship,
  startPicking,
} from './pickup-actions';
import { loadSeen, saveSeen } from './seen-orders';
import '../ops.css';

const QUEUE_POLICY = { pickWithinHours: 2 };
const TITLES = { new: 'New', picking: 'Picking', ready: 'Ready' } as const;
const storage = typeof localStorage === 'undefined' ? undefined : localStorage;

/** Web orders at this store: pickups and ship-from-store, worked through new → picking → ready → done. */
export function PickupScreen({ context }: ScreenProps) {
  const session = useOpsSession();
  const deps = useMemo(() => opsDeps(context), [context]);
  const fulfillments = useObservable(
    useMemo(() => storeDocsOfType$<FulfillmentDoc>(context.db, 'fulfillment'), [context.db]),
    [],
  );
  const orders = useObservable(
    useMemo(() => storeDocsOfType$<OrderDoc>(context.db, 'order'), [context.db]),
    [],
  );
  const [seen, setSeen] = useState(() => loadSeen(storage));
  const [message, setMessage] = useState('');
  const [handing, setHanding] = useState<string>();
  const [tracking, setTracking] = useState<Record<string, string>>({});
  const [addresses, setAddresses] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const now = deps.now().toISOString();
  const queue = pickupQueue({ fulfillments, seen, now, policy: QUEUE_POLICY });
  const byOrder = new Map(orders.map((o) => [o.id, o]));
  const byId = new Map(fulfillments.map((f) => [f.id, f]));

  useEffect(() => {
    // Holds that ran out while nobody looked expire on opening the queue and every minute after.
    const run = () => {
      expireDuePickups(deps, fulfillments)
        .then(
          (n) => n > 0 && setMessage(`${n} pickup${n === 1 ? '' : 's'} expired; the goods are back on sale.`),
        )
        .catch((error: unknown) => setMessage(`Expiry check failed: ${messageOf(error)}`));
    };
    run();
    const timer = setInterval(run, 60_000);
    return () => clearInterval(timer);
  }, [deps, fulfillments]);

  if (!session) return <p role="alert">Sign in to work the web-order queue.</p>;
  const by = session.staff.id;
  const label = (e: Pick<PickupQueueEntry, 'externalRef' | 'orderId'>) =>
    e.externalRef ?? e.orderId.slice(-8);

  const act = (fulfillmentId: string, what: string, step: (id: string) => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    step(fulfillmentId)
      .then(() => setMessage(what))
      .catch((error: unknown) => setMessage(messageOf(error)))
      .finally(() => setBusy(false));
  };

  // The parcel's address is on the selling store's order; the server's routing record gives it to us.
  const showAddress = (entry: PickupQueueEntry) => {
    const run = async () => {
      const authorization = (
        await context.host.invoke('sync.authorization', {}).catch(() => ({ value: null }))
      ).value;
      const answer = await deliveryAddress(
        {
          serverUrl: deps.serverUrl,
          authorization,
          online: context.replication?.connectivity.state.online ?? false,
        },
        byId.get(entry.fulfillmentId) ?? { orderId: entry.orderId },
      );
      if (answer.ok) setAddresses((a) => ({ ...a, [entry.fulfillmentId]: answer.shipTo }));
      else setMessage(answer.message);
    };
    run().catch((error: unknown) => setMessage(messageOf(error)));
  };

  const cancel = (entry: PickupQueueEntry) =>
    act(
      entry.fulfillmentId,
      `Order ${label(entry)} cancelled; its reserved stock is released.`,
      async (id) => {
        const approval = await session.requestApproval(`Cancel web order ${label(entry)}`);
        if (!approval) throw new Error('Not cancelled: a manager did not approve it.');
        // The manager who allowed it is the one recorded on the cancelled step and the release movements.
        await cancelWebOrder(deps, await loadWebOrder(deps, id), approval.managerId);
      },
    );

  const markSeen = () =>
    setSeen(
      saveSeen(
        storage,
        new Set([...seen, ...queue.unseen]),
        fulfillments.map((f) => f.id),
      ),
    );

  return (
    <main className="ops-screen" aria-labelledby="pickup-title">
      <h2 id="pickup-title">
        Web orders{' '}
        {queue.unseen.length > 0 && (
          <span className="badge" aria-label={`${queue.unseen.length} new`}>
            {queue.unseen.length}
          </span>
        )}
      </h2>
      {queue.unseen.length > 0 && (
        <div role="alert" className="notification">
          New web order{queue.unseen.length === 1 ? '' : 's'}:{' '}
          {queue.unseen
            .map((id) => {
              const f = byId.get(id);
              return f ? `${f.externalRef ?? f.orderId.slice(-8)} (${f.method})` : id;
            })
            .join(', ')}
          <button type="button" onClick={markSeen}>
            Acknowledge
          </button>
        </div>
      )}
      <p role="status" aria-live="polite" data-testid="ops-message" className="message">
        {message}
      </p>
      {queue.sections.map((section) => (
        <section key={section.state} aria-label={`${TITLES[section.state]} web orders`}>
          <h3>
            {TITLES[section.state]} ({section.entries.length})
          </h3>
          <ul>
            {section.entries.map((entry) => {
              const order = byOrder.get(entry.orderId);
              const name = label(entry);
              return (
                <li key={entry.fulfillmentId} data-testid="web-order" aria-label={`Web order ${name}`}>
                  <strong>{name}</strong> {entry.method === 'pickup' ? 'pickup' : 'ship from store'}
                  {entry.dueAt && ` · due ${entry.dueAt.slice(0, 16).replace('T', ' ')} UTC`}
                  {entry.overdue && <em> · overdue</em>}
                  {order && ` · ${order.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}`}
                  {section.state === 'new' && (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() =>
                        act(entry.fulfillmentId, `Picking ${name}.`, async (id) =>
                          startPicking(deps, await loadWebOrder(deps, id), by),
                        )
                      }
                    >
                      Start picking {name}
                    </button>
                  )}
                  {section.state === 'picking' && (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() =>
                        act(
                          entry.fulfillmentId,
                          `${name} is ready${entry.method === 'pickup' ? ' for pickup' : ' to ship'}.`,
                          async (id) => markReady(deps, await loadWebOrder(deps, id), by),
                        )
                      }
                    >
                      Mark {name} ready
                    </button>
                  )}
                  {section.state === 'ready' && entry.method === 'pickup' && (
                    <button type="button" onClick={() => setHanding(entry.fulfillmentId)}>
                      Hand over {name}
                    </button>
                  )}
                  {entry.method === 'ship' &&
                    (addresses[entry.fulfillmentId] !== undefined ? (
                      <span data-testid="ship-to"> · ship to {addresses[entry.fulfillmentId]}</span>
                    ) : (
                      <button type="button" onClick={() => showAddress(entry)}>
                        Delivery address for {name}
                      </button>
                    ))}
                  {section.state === 'ready' && entry.method === 'ship' && (
                    <>
                      <label>
                        Tracking number for {name}
                        <input
                          value={tracking[entry.fulfillmentId] ?? ''}
                          onChange={(e) =>
                            setTracking({ ...tracking, [entry.fulfillmentId]: e.target.value })
                          }
                        />
                      </label>
                      <button
                        type="button"
                        disabled={busy || !(tracking[entry.fulfillmentId] ?? '').trim()}
                        onClick={() =>
                          act(entry.fulfillmentId, `${name} shipped.`, async (id) =>
                            ship(deps, await loadWebOrder(deps, id), {
                              trackingNumber: (tracking[id] ?? '').trim(),
                              by,
                            }),
                          )
                        }
                      >
                        Ship {name}
                      </button>
                    </>
                  )}
                  <button type="button" disabled={busy} onClick={() => cancel(entry)}>
                    Cancel {name}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {handing && byId.get(handing) && (
        <HandoverPanel
          deps={deps}
          fulfillmentId={handing}
          session={session}
          onClose={() => setHanding(undefined)}
          onDone={setMessage}
        />
      )}
      <section aria-label="Finished web orders">
        <h3>Finished in the last 24 hours ({queue.finished.length})</h3>
        <ul>
          {queue.finished.map((f) => (
            <li key={f.fulfillmentId} data-testid="finished-web-order">
              {label(f)}: {f.state} at {f.at.slice(11, 16)} UTC
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
