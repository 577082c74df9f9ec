import { api } from '../api/http';
import { Status } from '../components/status';
import { dateTime } from '../format';
import { useLoad } from '../use-load';

/** A webhook subscription as the integration API lists it (never its secret). */
interface Subscription {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly description?: string;
}

/** One delivery of one event, with its attempts (`/_api/webhooks/{id}/deliveries`). */
interface Delivery {
  readonly id: string;
  readonly eventType: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly createdAt: string;
  readonly nextAttemptAt?: string;
  readonly deliveredAt?: string;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
}

async function loadLog(signal: AbortSignal) {
  const { webhooks } = await api<{ webhooks: Subscription[] }>('/_api/webhooks', { signal });
  return Promise.all(
    webhooks.map(async (sub) => {
      const { deliveries } = await api<{ deliveries: Delivery[] }>(
        `/_api/webhooks/${encodeURIComponent(sub.id)}/deliveries?limit=100`,
        { signal },
      );
      return { sub, deliveries };
    }),
  );
}

/** The webhook delivery log of the integration API, per subscription, newest first. */
export function WebhooksPage() {
  const [data, reload] = useLoad(loadLog, 'webhooks');
  return (
    <>
      <h1 id="page-title">Webhook deliveries</h1>
      <button type="button" onClick={reload}>
        Refresh
      </button>
      <Status value={data}>
        {(subs) =>
          subs.length === 0 ? (
            <p>No webhook subscriptions.</p>
          ) : (
            subs.map(({ sub, deliveries }) => (
              <table key={sub.id} aria-label={`Deliveries to ${sub.url}`}>
                <caption>
                  {sub.url} ({sub.events.join(', ')}){sub.description ? ` — ${sub.description}` : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Created</th>
                    <th scope="col">Delivered / next attempt</th>
                    <th scope="col">Last answer</th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.map((d) => (
                    <tr key={d.id} className={d.status === 'failed' ? 'alert-negative' : undefined}>
                      <th scope="row">{d.eventType}</th>
                      <td>{d.status}</td>
                      <td>{d.attempts}</td>
                      <td>{dateTime(d.createdAt)}</td>
                      <td>{d.deliveredAt ? dateTime(d.deliveredAt) : dateTime(d.nextAttemptAt)}</td>
                      <td>
                        {d.lastError ?? (d.lastStatusCode === undefined ? '' : `HTTP ${d.lastStatusCode}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))
          )
        }
      </Status>
    </>
  );
}
