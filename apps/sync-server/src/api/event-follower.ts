// Turns writes into webhook events: follows every store database and `stock-levels` from saved cursors
// (like the stock roll-up), after the writes committed, and enqueues one delivery per interested
// subscription in the same transaction that advances the cursor, so an event is enqueued exactly once
// even across a crash. Nothing here runs inside a write path; a write only wakes the follower.
import type { WebhookEvent, WebhookEventType } from '@store-os/shared/integration';
import type { FulfillmentDoc, OrderDoc, StockLevelDoc } from '@store-os/shared/schemas';
import type { SqliteStore } from '../storage/sqlite-store';
import type { WebhookStore } from './webhook-store';
import { readMergedFulfillment } from './web-order-status';

const BATCH = 500;
/** Safety net for databases created after start and writes that wake nobody. */
const SWEEP_MS = 1000;

/** Follows database changes and enqueues webhook deliveries. */
export class EventFollower {
  private readonly cursors = new Map<string, number>();
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;
  private stopped = true;
  private sweep: NodeJS.Timeout | undefined;
  private readonly cancels = new Map<string, () => void>();
  private readonly dirty = new Set<string>();
  private everything = false;

  constructor(
    private readonly store: SqliteStore,
    private readonly webhooks: WebhookStore,
    private readonly onEnqueued: () => void,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.stopped = false;
    for (const row of this.store.sqlite
      .prepare<[], { db: string; seq: number }>('SELECT db, seq FROM api_event_cursors')
      .all())
      this.cursors.set(row.db, row.seq);
    this.sweep = setInterval(() => this.wake(), SWEEP_MS);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    await this.running.catch(() => undefined);
  }

  /**
   * Something may have been written to `dbs` (all followed databases when omitted): catch up soon,
   * coalesced. While nobody subscribes this does nothing at all, so the write paths pay nothing.
   */
  wake(dbs?: Iterable<string>): void {
    if (this.stopped || !this.webhooks.hasSubscriptions()) return;
    if (dbs === undefined) this.everything = true;
    else for (const db of dbs) if (db === 'stock-levels' || db.startsWith('store-')) this.dirty.add(db);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) return;
      this.running = this.running
        .then(() => this.catchUp())
        .catch((error: unknown) => this.log(`webhook event follower failed: ${String(error)}`));
    });
  }

  private followed(): string[] {
    return this.store.listDbs().filter((db) => db === 'stock-levels' || db.startsWith('store-'));
  }

  private async catchUp(): Promise<void> {
    const dbs = this.everything ? this.followed() : [...this.dirty];
    this.everything = false;
    this.dirty.clear();
    for (const db of dbs) {
      if (this.stopped) return;
      // Wake on the next commit to this database (terminals' pushes, the roll-up's level writes).
      if (!this.cancels.has(db))
        this.cancels.set(
          db,
          this.store.notifier.once(db, () => {
            this.cancels.delete(db);
            this.wake([db]);
          }),
        );
      await this.follow(db);
    }
  }

  private async follow(db: string): Promise<void> {
    for (;;) {
      const info = this.store.info(db);
      const since = this.cursors.get(db) ?? 0;
      if (!info || info.updateSeq <= since || this.stopped || !this.webhooks.hasSubscriptions()) return;
      const rows = this.store.changes(info, since, BATCH, true);
      if (rows.length === 0) return;
      const last = rows.at(-1)?.seq ?? since;
      await this.store.transact(() => {
        const events: WebhookEvent[] = [];
        for (const row of rows) {
          if (row.deleted === 1 || !row.body) continue;
          const event = this.eventOf(db, row.id, row.body);
          if (event) events.push(event);
        }
        const n = this.webhooks.enqueue(events, Date.now());
        this.writeCursor(db, last);
        return n;
      });
      this.cursors.set(db, last);
      this.onEnqueued();
      if (rows.length < BATCH) return;
    }
  }

  /**
   * Inside the transaction that creates the first subscription: saves every database's position, so
   * events start from now (history written while nobody listened is not sent). Call `wake()` after.
   */
  skipAhead(): void {
    if (this.webhooks.hasSubscriptions()) return;
    for (const db of this.followed()) {
      const seq = this.store.info(db)?.updateSeq ?? 0;
      this.writeCursor(db, seq);
      this.cursors.set(db, seq);
    }
  }

  private writeCursor(db: string, seq: number): void {
    this.store.sqlite
      .prepare('INSERT OR REPLACE INTO api_event_cursors (db, seq) VALUES (?, ?)')
      .run(db, seq);
  }

  private event(type: WebhookEventType, data: Record<string, unknown>): WebhookEvent {
    return { id: this.webhooks.newEventId(), type, createdAt: new Date().toISOString(), data };
  }

  /** The event a changed document means, if any (runs inside the enqueue transaction). */
  private eventOf(db: string, id: string, body: string): WebhookEvent | undefined {
    if (db === 'stock-levels') {
      const level = JSON.parse(body) as StockLevelDoc;
      if (level.type !== 'stock-level') return undefined;
      return this.event('stock.changed', {
        sku: level.sku,
        locationId: level.locationId,
        ...(level.storeId === undefined ? {} : { storeId: level.storeId }),
        onHand: level.onHand,
        reserved: level.reserved,
        available: Math.max(0, level.onHand - level.reserved - (level.safetyStock ?? 0)),
        updatedAt: level.updatedAt,
      });
    }
    if (body.includes('"type":"order"')) {
      // Replicators may store the key as `_id` only: the row id is the order id.
      const order = { ...(JSON.parse(body) as OrderDoc), id };
      return order.type === 'order' ? this.event('order.created', { order }) : undefined;
    }
    if (!body.includes('"type":"fulfillment"')) return undefined;
    const doc = { ...(JSON.parse(body) as FulfillmentDoc), id };
    if (doc.type !== 'fulfillment') return undefined;
    const merged = readMergedFulfillment(this.store, doc.storeId, doc.orderId)?.doc ?? doc;
    const before = this.store.sqlite
      .prepare<[string, string], { state: string }>(
        'SELECT state FROM api_fulfillment_states WHERE db = ? AND id = ?',
      )
      .get(db, merged.id)?.state;
    if (before === merged.state) return undefined;
    this.store.sqlite
      .prepare('INSERT OR REPLACE INTO api_fulfillment_states (db, id, state) VALUES (?, ?, ?)')
      .run(db, merged.id, merged.state);
    return this.event(before === undefined ? 'fulfillment.created' : 'fulfillment.updated', {
      fulfillmentId: merged.id,
      orderId: merged.orderId,
      storeId: merged.storeId,
      ...(merged.externalRef === undefined ? {} : { externalRef: merged.externalRef }),
      method: merged.method,
      state: merged.state,
      ...(before === undefined ? {} : { previousState: before }),
      history: merged.history,
      updatedAt: merged.updatedAt,
    });
  }
}
