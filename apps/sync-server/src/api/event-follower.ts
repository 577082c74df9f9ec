// Turns writes into webhook events: follows every store database and `stock-levels` from saved cursors
// on the shared changes-following loop (like the stock roll-up and HQ's figures), after the writes
// committed, and enqueues one delivery per interested subscription in the same transaction that advances
// the cursor, so an event is enqueued exactly once even across a crash. Nothing here runs inside a write
// path; a write only wakes the follower. Cursors stay `api_event_cursors (db, seq INTEGER)` rows.
import type { WebhookEvent, WebhookEventType } from '@store-os/shared/integration';
import type { FulfillmentDoc, OrderDoc, StockLevelDoc } from '@store-os/shared/schemas';
import { ChangesFollower, type ChangesPage } from '../follow/changes-follower';
import type { SqliteStore } from '../storage/sqlite-store';
import type { ChangeRow } from '../storage/store-statements';
import { levelAvailability } from './stock-availability';
import type { WebhookStore } from './webhook-store';
import { readMergedFulfillment } from './web-order-status';

const BATCH = 500;
/** Safety net for databases created after start and writes that wake nobody. */
const SWEEP_MS = 1000;

/** Follows database changes and enqueues webhook deliveries. */
export class EventFollower extends ChangesFollower<ChangeRow> {
  /** Each database's saved cursor (loaded at start, then kept with every save). */
  private readonly cursors = new Map<string, number>();
  private started = false;
  private sweeping = false;
  private sweep: NodeJS.Timeout | undefined;
  private readonly cancels = new Map<string, () => void>();

  constructor(
    private readonly store: SqliteStore,
    private readonly webhooks: WebhookStore,
    private readonly onEnqueued: () => void,
    private readonly log: (line: string) => void,
  ) {
    super({ pageSize: BATCH, notifyDelayMs: 0 }, (error) =>
      log(`webhook event follower failed: ${String(error)}`),
    );
  }

  start(): void {
    for (const row of this.store.sqlite
      .prepare<[], { db: string; seq: number }>('SELECT db, seq FROM api_event_cursors')
      .all())
      this.cursors.set(row.db, row.seq);
    this.started = true;
    this.sweep = setInterval(() => this.wake(), SWEEP_MS);
    this.wake();
  }

  override async stop(): Promise<void> {
    this.started = false;
    if (this.sweep) clearInterval(this.sweep);
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    await super.stop();
  }

  /**
   * Something may have been written to `dbs` (all followed databases when omitted): catch up soon,
   * coalesced. While nobody subscribes this does nothing at all, so the write paths pay nothing.
   */
  wake(dbs?: Iterable<string>): void {
    if (!this.started || !this.webhooks.hasSubscriptions()) return;
    if (dbs !== undefined) {
      for (const db of dbs) this.notify(db);
      return;
    }
    if (this.sweeping) return;
    this.sweeping = true;
    this.catchUp()
      .catch((error: unknown) => this.log(`webhook event follower failed: ${String(error)}`))
      .finally(() => {
        this.sweeping = false;
      });
  }

  private followed(): string[] {
    return this.store.listDbs().filter((db) => this.followable(db));
  }

  private followable(db: string): boolean {
    return db === 'stock-levels' || db.startsWith('store-');
  }

  protected databases(): Promise<string[]> {
    return Promise.resolve(this.followed());
  }

  protected follows(db: string): boolean {
    return this.started && this.webhooks.hasSubscriptions() && this.followable(db);
  }

  /** Read as each walk of `db` begins: also wakes on the next commit to it (pushes, the roll-up's levels). */
  protected readCheckpoint(db: string): Promise<string | undefined> {
    if (this.started && !this.cancels.has(db))
      this.cancels.set(
        db,
        this.store.notifier.once(db, () => {
          this.cancels.delete(db);
          this.wake([db]);
        }),
      );
    const seq = this.cursors.get(db);
    return Promise.resolve(seq === undefined ? undefined : String(seq));
  }

  /** Nothing while nobody subscribes: the cursor stays until `skipAhead` moves it to the end. */
  protected changes(db: string, since: string | undefined, limit: number): Promise<ChangesPage<ChangeRow>> {
    const from = since === undefined ? 0 : Number(since);
    const info = this.store.info(db);
    if (!info || info.updateSeq <= from || !this.webhooks.hasSubscriptions())
      return Promise.resolve({ rows: [], lastSeq: String(from) });
    const rows = this.store.changes(info, from, limit, true);
    return Promise.resolve({ rows, lastSeq: String(rows.at(-1)?.seq ?? from) });
  }

  /** Enqueues the page's events and saves its cursor in one transaction. */
  protected async apply(db: string, { rows, lastSeq }: ChangesPage<ChangeRow>): Promise<void> {
    const last = Number(lastSeq);
    await this.store.transact(() => {
      const events: WebhookEvent[] = [];
      for (const row of rows) {
        if (row.deleted === 1 || !row.body) continue;
        const event = this.eventOf(db, row.id, row.body);
        if (event) events.push(event);
      }
      this.webhooks.enqueue(events, Date.now());
      this.writeCursor(db, last);
    });
    this.cursors.set(db, last);
    this.onEnqueued();
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
      // The very figures `GET /_api/stock` answers for this level (without its age).
      return this.event('stock.changed', { ...levelAvailability(level) });
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
