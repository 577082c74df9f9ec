// The server side of the terminals' omnichannel work: a changes follower (the loop the stock roll-up and
// HQ's figures share) that reads every store database and `web-orders` after each commit, never inside a
// write path, to (1) route endless-aisle orders exactly once — the routing, its documents and the record that
// it happened commit in one transaction — and (2) index orders for return look-ups from any store.
import { randomFillSync } from 'node:crypto';
import { createIdFactory, type IdFactory } from '@store-os/shared/ids';
import { isEndlessAisleOrder } from '@store-os/shared/omnichannel';
import type { OrderDoc } from '@store-os/shared/schemas';
import { AtomicWriter } from '../api/atomic-writer';
import { integrationApiOf } from '../api/integration-api';
import type { Services } from '../http/context';
import { ChangesFollower, type ChangesPage } from '../follow/changes-follower';
import type { ChangeRow, SqliteStore } from '../storage/sqlite-store';
import { migrateOmniSchema } from './omni-schema';
import { indexOrder } from './order-index';
import { routeShipOrder } from './route-ship-order';

/** Changes read and applied per page. */
const PAGE_SIZE = 500;
/** Writes are collected this long before they are read. */
const NOTIFY_DELAY_MS = 20;
/** Safety net for databases created after start and writes that wake nobody. */
const SWEEP_MS = 1000;
/** Stock levels older than this are used last and flagged when routing (the integration API's default). */
const STALE_AFTER_MS = 15 * 60 * 1000;

const registry = new WeakMap<object, OmniService>();

/** Follows store databases and `web-orders`: routes endless-aisle orders, indexes orders for returns. */
export class OmniService extends ChangesFollower<ChangeRow> {
  private readonly store: SqliteStore;
  private readonly cancels = new Map<string, () => void>();
  private sweep: NodeJS.Timeout | undefined;
  /** Facts the server records for endless-aisle orders (reservations) come from origin `omni`. */
  readonly newId: IdFactory = createIdFactory({
    originId: 'omni',
    clock: { now: () => Date.now() },
    random: (n) => randomFillSync(new Uint8Array(n)),
  });

  constructor(
    readonly services: Services,
    private readonly log: (line: string) => void,
  ) {
    super({ pageSize: PAGE_SIZE, notifyDelayMs: NOTIFY_DELAY_MS }, (error) =>
      log(`omnichannel follower failed: ${String(error)}`),
    );
    this.store = services.store;
    migrateOmniSchema(this.store.sqlite);
  }

  /** Follows from the saved checkpoints: every commit to a followed database wakes it (and a 1 s sweep). */
  start(): void {
    this.sweep = setInterval(() => this.listen(), SWEEP_MS);
    this.listen();
  }

  override async stop(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    await super.stop();
  }

  /** Arms a wake-up on the next commit of every followed database, and follows each once. */
  private listen(): void {
    for (const db of this.store.listDbs()) {
      if (!this.follows(db)) continue;
      if (!this.cancels.has(db)) {
        this.cancels.set(
          db,
          this.store.notifier.once(db, () => {
            this.cancels.delete(db);
            this.notify(db);
            this.listen();
          }),
        );
        this.notify(db);
      }
    }
  }

  protected databases(): Promise<string[]> {
    return Promise.resolve(this.store.listDbs().filter((db) => this.follows(db)));
  }

  protected follows(db: string): boolean {
    return db === 'web-orders' || db.startsWith('store-');
  }

  protected readCheckpoint(db: string): Promise<string | undefined> {
    const row = this.store.sqlite
      .prepare<[string], { seq: number }>('SELECT seq FROM omni_cursors WHERE db = ?')
      .get(db);
    return Promise.resolve(row === undefined ? undefined : String(row.seq));
  }

  protected changes(db: string, since: string | undefined, limit: number): Promise<ChangesPage<ChangeRow>> {
    const info = this.store.info(db);
    const from = Number(since ?? 0);
    const rows = info ? this.store.changes(info, from, limit, true) : [];
    return Promise.resolve({ rows, lastSeq: String(rows.at(-1)?.seq ?? from) });
  }

  /**
   * Routes the page's endless-aisle orders (each once, in its own transaction), then indexes its orders
   * and saves the checkpoint in one transaction. A replayed page routes nothing twice (the routing record
   * is checked) and indexes idempotently.
   */
  protected async apply(db: string, page: ChangesPage<ChangeRow>): Promise<void> {
    const orders: OrderDoc[] = [];
    for (const row of page.rows) {
      if (row.deleted === 1 || !row.body || !row.body.includes('"type":"order"')) continue;
      // Replicators may store the key as `_id` only: the row id is the order id.
      const order = { ...(JSON.parse(row.body) as OrderDoc), id: row.id };
      if (order.type === 'order') orders.push(order);
    }
    for (const order of orders)
      if (db.startsWith('store-') && isEndlessAisleOrder(order)) await this.routeOnce(order);
    await this.store.transact(() => {
      for (const order of orders) indexOrder(this.store.sqlite, db, order);
      this.store.sqlite
        .prepare('INSERT OR REPLACE INTO omni_cursors (db, seq) VALUES (?, ?)')
        .run(db, Number(page.lastSeq));
    });
  }

  /**
   * Routes an endless-aisle order unless it already was: the check, the documents and the record are one
   * transaction, so a crash or a second sighting never routes twice. An order that cannot be routed is
   * recorded with the reason (and logged) instead of stopping the follower.
   */
  private async routeOnce(order: OrderDoc): Promise<void> {
    const sqlite = this.store.sqlite;
    const api = integrationApiOf(this.services);
    const writer = new AtomicWriter(this.store, this.services.validate);
    const record = (status: string, plan: unknown, reason: string | null) =>
      sqlite
        .prepare(
          'INSERT INTO omni_ship_orders (order_id, store_id, status, plan, reason, routed_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          order.id,
          order.storeId,
          status,
          plan === null ? null : JSON.stringify(plan),
          reason,
          Date.now(),
        );
    const seen = () =>
      sqlite.prepare('SELECT 1 FROM omni_ship_orders WHERE order_id = ?').get(order.id) !== undefined;
    try {
      await this.store.transact(() => {
        if (seen()) return;
        const now = Date.now();
        const routing = routeShipOrder(order, {
          store: this.store,
          writer,
          newId: this.newId,
          now,
          staleAfterMs: api?.options.staleAfterMs ?? STALE_AFTER_MS,
          ...(api ? { adjustLevels: (levels) => api.overlay.apply(levels, now) } : {}),
        });
        record('routed', routing.plan, null);
        // Web orders arriving next must already see these reservations.
        for (const m of writer.movements) api?.overlay.add(m.storeDb, m.docs, now);
      });
    } catch (error) {
      api?.overlay.forget(writer.movements.flatMap((m) => m.docs.map((d) => d.id)));
      const reason = error instanceof Error ? error.message : String(error);
      this.log(`endless-aisle order ${order.id} could not be routed: ${reason}`);
      await this.store.transact(() => {
        if (!seen()) record('failed', null, reason);
      });
      return;
    }
    for (const db of writer.touched) if (db.startsWith('store-')) this.services.onStoreWrite(db);
    api?.events.wake(writer.touched);
  }
}

/** Starts the omnichannel follower of a server (one per Services). */
export function startOmni(services: Services, log: (line: string) => void): OmniService {
  const omni = new OmniService(services, log);
  registry.set(services, omni);
  omni.start();
  return omni;
}

/** The omnichannel service started for these services, if any. */
export function omniOf(services: Services): OmniService | undefined {
  return registry.get(services);
}
