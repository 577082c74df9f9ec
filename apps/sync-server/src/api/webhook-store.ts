// Webhook subscriptions and the delivery log in SQLite. Deliveries are rows with a status and the time
// of their next attempt, so a restart resumes exactly where sending stopped.
import { randomFillSync } from 'node:crypto';
import type Database from 'better-sqlite3';
import { createIdFactory, type IdFactory } from '@store-os/shared/ids';
import type {
  WebhookDelivery,
  WebhookEvent,
  WebhookEventType,
  WebhookSubscription,
} from '@store-os/shared/integration';
import type { SqliteStore } from '../storage/sqlite-store';
import { readDeliveryLog, type DeliveryLogQuery } from './delivery-log';

interface SubRow {
  id: string;
  url: string;
  events: string;
  secret: string;
  description: string | null;
  created_at: number;
  created_by: string;
  deleted_at: number | null;
}

/** A delivery due to be sent. */
export interface DueDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  secret: string;
  eventId: string;
  payload: string;
  attempts: number;
}

/** One attempt's outcome. */
export interface AttemptOutcome {
  at: number;
  statusCode?: number;
  error?: string;
  durationMs: number;
  /** Delivered, or the time of the next attempt, or undefined when attempts are exhausted. */
  result: { delivered: true } | { delivered: false; nextAttemptAt: number | undefined };
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Deliveries of subscriptions that still exist. */
const ACTIVE = 'subscription_id IN (SELECT id FROM api_webhooks WHERE deleted_at IS NULL)';
const randomSource = (n: number) => randomFillSync(new Uint8Array(n));

function toSubscription(row: SubRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    ...(row.description === null ? {} : { description: row.description }),
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
  };
}

/** Subscriptions, deliveries and attempts. */
export class WebhookStore {
  private readonly subs = new Map<string, SubRow>();
  private readonly db: Database.Database;
  readonly newSubscriptionId: IdFactory = createIdFactory({
    originId: 'whk',
    clock: Date,
    random: randomSource,
  });
  readonly newDeliveryId: IdFactory = createIdFactory({ originId: 'dlv', clock: Date, random: randomSource });
  readonly newEventId: IdFactory = createIdFactory({ originId: 'evt', clock: Date, random: randomSource });

  constructor(readonly store: SqliteStore) {
    this.db = store.sqlite;
    for (const row of this.db
      .prepare<[], SubRow>('SELECT * FROM api_webhooks WHERE deleted_at IS NULL')
      .all())
      this.subs.set(row.id, row);
  }

  /** Forgets finished deliveries older than `keepMs` (at start, before anything else writes). */
  purgeFinished(now: number, keepMs: number): number {
    const cutoff = now - keepMs;
    this.db
      .prepare(
        `DELETE FROM api_delivery_attempts WHERE delivery_id IN
           (SELECT id FROM api_deliveries WHERE status != 'pending' AND created_at < ?)`,
      )
      .run(cutoff);
    return this.db
      .prepare(`DELETE FROM api_deliveries WHERE status != 'pending' AND created_at < ?`)
      .run(cutoff).changes;
  }

  async create(input: {
    url: string;
    events: readonly WebhookEventType[];
    secret: string;
    description?: string;
    createdBy: string;
    /** Runs inside the creating transaction, before the subscription exists. */
    before?: () => void;
  }): Promise<WebhookSubscription> {
    const row: SubRow = {
      id: this.newSubscriptionId(),
      url: input.url,
      events: JSON.stringify([...input.events].sort()),
      secret: input.secret,
      description: input.description ?? null,
      created_at: Date.now(),
      created_by: input.createdBy,
      deleted_at: null,
    };
    await this.store.transact(() => {
      input.before?.();
      this.db
        .prepare(
          `INSERT INTO api_webhooks (id, url, events, secret, description, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(row.id, row.url, row.events, row.secret, row.description, row.created_at, row.created_by);
    });
    this.subs.set(row.id, row);
    return toSubscription(row);
  }

  list(): WebhookSubscription[] {
    return [...this.subs.values()].map(toSubscription);
  }

  get(id: string): WebhookSubscription | undefined {
    const row = this.subs.get(id);
    return row ? toSubscription(row) : undefined;
  }

  /** Deletes a subscription; its pending deliveries are marked failed. False when unknown. */
  async remove(id: string): Promise<boolean> {
    if (!this.subs.has(id)) return false;
    const now = Date.now();
    await this.store.transact(() => {
      this.db.prepare('UPDATE api_webhooks SET deleted_at = ? WHERE id = ?').run(now, id);
      this.db
        .prepare(
          `UPDATE api_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = 'subscription deleted'
           WHERE subscription_id = ? AND status = 'pending'`,
        )
        .run(id);
    });
    this.subs.delete(id);
    return true;
  }

  /** True when any subscription wants any event (the follower skips reading bodies otherwise). */
  hasSubscriptions(): boolean {
    return this.subs.size > 0;
  }

  /** Inside a transaction: one pending delivery per subscription that wants each event. */
  enqueue(events: readonly WebhookEvent[], now: number): number {
    const insert = this.db.prepare(
      `INSERT INTO api_deliveries (id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    let n = 0;
    for (const event of events) {
      const payload = JSON.stringify(event);
      for (const sub of this.subs.values()) {
        if (!(JSON.parse(sub.events) as string[]).includes(event.type)) continue;
        insert.run(this.newDeliveryId(), sub.id, event.id, event.type, payload, now, now);
        n += 1;
      }
    }
    return n;
  }

  /** Pending deliveries due at `now`, oldest first, excluding those being sent. */
  due(now: number, limit: number, sending: ReadonlySet<string>): DueDelivery[] {
    const rows = this.db
      .prepare<
        [number, number],
        { id: string; subscription_id: string; event_id: string; payload: string; attempts: number }
      >(
        `SELECT id, subscription_id, event_id, payload, attempts FROM api_deliveries
         WHERE status = 'pending' AND next_attempt_at <= ? AND ${ACTIVE}
         ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(now, limit + sending.size);
    const out: DueDelivery[] = [];
    for (const row of rows) {
      const sub = this.subs.get(row.subscription_id);
      if (!sub || sending.has(row.id)) continue;
      out.push({
        id: row.id,
        subscriptionId: row.subscription_id,
        url: sub.url,
        secret: sub.secret,
        eventId: row.event_id,
        payload: row.payload,
        attempts: row.attempts,
      });
      if (out.length === limit) break;
    }
    return out;
  }

  /** When the next pending delivery is due (epoch ms), if any. */
  nextDueAt(sending: ReadonlySet<string>): number | undefined {
    // Deliveries being sent are still pending; they must not count, or the dispatcher would spin
    // waiting for them instead of waiting for the next one (their end wakes it anyway).
    const rows = this.db
      .prepare<[number], { id: string; at: number }>(
        `SELECT id, next_attempt_at AS at FROM api_deliveries
         WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND ${ACTIVE}
         ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(sending.size + 1);
    return rows.find((r) => !sending.has(r.id))?.at;
  }

  /** Records an attempt and the delivery's new status. */
  async recordAttempt(delivery: DueDelivery, outcome: AttemptOutcome): Promise<void> {
    const attempt = delivery.attempts + 1;
    await this.store.transact(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO api_delivery_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          delivery.id,
          attempt,
          outcome.at,
          outcome.statusCode ?? null,
          outcome.error ?? null,
          outcome.durationMs,
        );
      const r = outcome.result;
      const status = r.delivered ? 'delivered' : r.nextAttemptAt === undefined ? 'failed' : 'pending';
      this.db
        .prepare(
          `UPDATE api_deliveries SET attempts = ?, status = ?, next_attempt_at = ?, delivered_at = ?,
             last_status = ?, last_error = ? WHERE id = ?`,
        )
        .run(
          attempt,
          status,
          r.delivered ? null : (r.nextAttemptAt ?? null),
          r.delivered ? outcome.at : null,
          outcome.statusCode ?? null,
          outcome.error ?? null,
          delivery.id,
        );
    });
  }

  /** Sends a failed or pending delivery again now (attempt count kept). False when unknown. */
  async redeliver(subscriptionId: string, deliveryId: string): Promise<boolean> {
    return this.store.transact(
      () =>
        this.db
          .prepare(
            `UPDATE api_deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ? AND subscription_id = ?`,
          )
          .run(Date.now(), deliveryId, subscriptionId).changes === 1,
    );
  }

  /** The delivery log of a subscription, newest first, with every attempt. */
  deliveries(subscriptionId: string, query: DeliveryLogQuery): WebhookDelivery[] {
    return readDeliveryLog(this.db, subscriptionId, query);
  }
}
