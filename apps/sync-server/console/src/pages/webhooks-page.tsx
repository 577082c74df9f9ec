import { api } from '../api/http';
import { Status } from '../components/status';
import { dateTime } from '../format';
import { useLoad } from '../use-load';

/** One attempt to deliver a webhook event, as the integration API logs it. */
interface Delivery {
  readonly id: string;
  readonly event?: string;
  readonly url?: string;
  readonly status?: string | number;
  readonly attempts?: number;
  readonly lastAttemptAt?: string;
  readonly nextAttemptAt?: string;
  readonly error?: string;
}

/** The webhook delivery log from the integration API (`/_api/webhooks/deliveries`), when it is there. */
export function WebhooksPage() {
  const [data, reload] = useLoad(async (signal) => {
    const r = await api<{ rows?: Delivery[]; deliveries?: Delivery[] }>(
      '/_api/webhooks/deliveries?limit=200',
      { signal },
    );
    return r.rows ?? r.deliveries ?? [];
  }, 'webhooks');
  return (
    <>
      <h1 id="page-title">Webhook deliveries</h1>
      <button type="button" onClick={reload}>
        Refresh
      </button>
      <Status value={data}>
        {(rows) => (
          <table aria-label="Webhook deliveries">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last attempt</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.event ?? d.id}</th>
                  <td>{d.url ?? ''}</td>
                  <td>{d.status ?? ''}</td>
                  <td>{d.attempts ?? ''}</td>
                  <td>{dateTime(d.lastAttemptAt)}</td>
                  <td>{dateTime(d.nextAttemptAt)}</td>
                  <td>{d.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Status>
    </>
  );
}
