// The delivery log as the API and the HQ console read it: each delivery with its attempts.
import type Database from 'better-sqlite3';
import type { WebhookDelivery, WebhookEventType } from '@store-os/shared/integration';

/** Filters of the delivery log. */
export interface DeliveryLogQuery {
  status?: string;
  limit?: number;
  /** Only deliveries with a smaller (older) id. */
  before?: string;
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  delivered_at: number | null;
  last_status: number | null;
  last_error: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A subscription's deliveries, newest first, with every attempt. */
export function readDeliveryLog(
  db: Database.Database,
  subscriptionId: string,
  query: DeliveryLogQuery,
): WebhookDelivery[] {
  const rows = db
    .prepare<[{ sub: string; status: string | null; before: string | null; limit: number }], DeliveryRow>(
      `SELECT id, subscription_id, event_id, event_type, status, attempts, next_attempt_at, created_at,
                delivered_at, last_status, last_error
         FROM api_deliveries WHERE subscription_id = @sub AND (@status IS NULL OR status = @status)
           AND (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit`,
    )
    .all({
      sub: subscriptionId,
      status: query.status ?? null,
      before: query.before ?? null,
      limit: query.limit ?? 50,
    });
  const attempts = db.prepare<
    [string],
    { attempt: number; at: number; status_code: number | null; error: string | null; duration_ms: number }
  >('SELECT * FROM api_delivery_attempts WHERE delivery_id = ? ORDER BY attempt');
  return rows.map((row) => ({
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    createdAt: iso(row.created_at),
    ...(row.next_attempt_at === null ? {} : { nextAttemptAt: iso(row.next_attempt_at) }),
    ...(row.delivered_at === null ? {} : { deliveredAt: iso(row.delivered_at) }),
    ...(row.last_status === null ? {} : { lastStatusCode: row.last_status }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    log: attempts.all(row.id).map((a) => ({
      attempt: a.attempt,
      at: iso(a.at),
      ...(a.status_code === null ? {} : { statusCode: a.status_code }),
      ...(a.error === null ? {} : { error: a.error }),
      durationMs: a.duration_ms,
    })),
  }));
}
