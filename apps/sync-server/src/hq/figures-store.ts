// Applies pages of changes to HQ's tables. One page is one transaction: the documents' previous
// additive contributions are subtracted, the new ones added, records replaced, and the checkpoint
// advanced together, so a replayed page adds nothing and a crash leaves the tables at a checkpoint.
import type Database from 'better-sqlite3';
import {
  docContribution,
  SALES_MEASURES,
  type AdditiveContribution,
  type Contribution,
  type LoyaltyCell,
  type SalesCell,
  type SalesMeasures,
  type TenderCell,
} from './doc-contribution';
import type { HqChange } from './hq-source';
import { migrateHqSchema } from './hq-schema';

/** Runs a job in one durable transaction (the store's group commit, or a plain SQLite transaction). */
export type Transact = <T>(job: () => T) => Promise<T>;

type Encoded = [(string | number)[][], (string | number)[][], (string | number)[][]];

const salesCols = SALES_MEASURES.map((m) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

function encode(c: AdditiveContribution): Encoded | null {
  if (c.sales.length + c.tenders.length + c.loyalty.length === 0) return null;
  return [
    c.sales.map((s) => [s.storeId, s.day, s.hour, s.channel, s.currency, ...SALES_MEASURES.map((m) => s[m])]),
    c.tenders.map((t) => [t.storeId, t.day, t.channel, t.tender, t.currency, t.count, t.amount]),
    c.loyalty.map((l) => [l.storeId, l.day, l.earned, l.redeemed, l.entries]),
  ];
}

/** In-memory sums of one page's deltas, written with one upsert per touched cell. */
class Deltas {
  readonly hours = new Map<string, SalesCell>();
  readonly days = new Map<string, SalesCell>();
  readonly months = new Map<string, SalesCell>();
  readonly monthHours = new Map<string, SalesCell>();
  readonly tenders = new Map<string, TenderCell>();
  readonly tenderMonths = new Map<string, TenderCell>();
  readonly loyalty = new Map<string, LoyaltyCell>();

  add([sales, tenders, loyalty]: Encoded, sign: 1 | -1): void {
    for (const row of sales) {
      const [storeId, day, hour, channel, currency] = row as string[];
      const cell = { storeId, day, hour, channel, currency } as SalesCell;
      SALES_MEASURES.forEach((m, i) => (cell[m] = sign * (row[5 + i] as number)));
      this.addSales(this.hours, [storeId, day, hour, channel, currency].join('\u0000'), cell);
      this.addSales(this.days, [storeId, day, channel, currency].join('\u0000'), cell);
      const month = day?.slice(0, 7);
      this.addSales(this.months, [storeId, month, channel, currency].join('\u0000'), {
        ...cell,
        day: month ?? '',
      });
      this.addSales(this.monthHours, [storeId, month, hour, channel, currency].join('\u0000'), {
        ...cell,
        day: month ?? '',
      });
    }
    for (const [storeId, day, channel, tender, currency, count, amount] of tenders) {
      const month = String(day).slice(0, 7);
      for (const [map, period] of [
        [this.tenders, day],
        [this.tenderMonths, month],
      ] as const) {
        const key = [storeId, period, channel, tender, currency].join('\u0000');
        const t = map.get(key) ?? {
          ...{ storeId, day: period, channel, tender, currency },
          count: 0,
          amount: 0,
        };
        t.count += sign * (count as number);
        t.amount += sign * (amount as number);
        map.set(key, t as TenderCell);
      }
    }
    for (const [storeId, day, earned, redeemed, entries] of loyalty) {
      const key = `${storeId}\u0000${day}`;
      const l = this.loyalty.get(key) ?? { storeId, day, earned: 0, redeemed: 0, entries: 0 };
      l.earned += sign * (earned as number);
      l.redeemed += sign * (redeemed as number);
      l.entries += sign * (entries as number);
      this.loyalty.set(key, l as LoyaltyCell);
    }
  }

  private addSales(map: Map<string, SalesCell>, key: string, cell: SalesCell): void {
    const current = map.get(key);
    if (!current) {
      map.set(key, { ...cell });
      return;
    }
    for (const m of SALES_MEASURES) current[m] += cell[m];
  }
}

export class FiguresStore {
  private readonly st;

  constructor(
    readonly db: Database.Database,
    readonly transact: Transact,
  ) {
    migrateHqSchema(db);
    const upsertSales = (table: string, keys: string[]) =>
      db.prepare(
        `INSERT INTO ${table} (${[...keys, ...salesCols].join(', ')}) VALUES (${[...keys, ...salesCols].map(() => '?').join(', ')})
         ON CONFLICT DO UPDATE SET ${salesCols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
      );
    this.st = {
      cursor: db.prepare<[string], { seq: string }>('SELECT seq FROM hq_cursor WHERE db = ?'),
      putCursor: db.prepare('INSERT OR REPLACE INTO hq_cursor (db, seq) VALUES (?, ?)'),
      contrib: db.prepare<[string, string], { additive: string }>(
        'SELECT additive FROM hq_contrib WHERE db = ? AND doc_id = ?',
      ),
      putContrib: db.prepare('INSERT OR REPLACE INTO hq_contrib (db, doc_id, additive) VALUES (?, ?, ?)'),
      delContrib: db.prepare('DELETE FROM hq_contrib WHERE db = ? AND doc_id = ?'),
      hour: upsertSales('hq_sales_hour', ['store_id', 'day', 'hour', 'channel', 'currency']),
      day: upsertSales('hq_sales_day', ['store_id', 'day', 'channel', 'currency']),
      month: upsertSales('hq_sales_month', ['store_id', 'month', 'channel', 'currency']),
      monthHour: upsertSales('hq_sales_month_hour', ['store_id', 'month', 'hour', 'channel', 'currency']),
      tenderMonth: db.prepare(
        `INSERT INTO hq_tender_month (store_id, month, channel, tender, currency, count, amount) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount`,
      ),
      tender: db.prepare(
        `INSERT INTO hq_tender_day (store_id, day, channel, tender, currency, count, amount) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount`,
      ),
      loyalty: db.prepare(
        `INSERT INTO hq_loyalty_day (store_id, day, earned, redeemed, entries) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET earned = earned + excluded.earned, redeemed = redeemed + excluded.redeemed,
         entries = entries + excluded.entries`,
      ),
      delRecords: ['hq_close', 'hq_fulfillment', 'hq_movement', 'hq_customer'].map((t) =>
        db.prepare(`DELETE FROM ${t} WHERE db = ? AND id = ?`),
      ),
      delCustomerOrder: db.prepare('DELETE FROM hq_customer_order WHERE db = ? AND order_id = ?'),
      // Records are bound by position (no per-row parameter object: the first build writes millions).
      close: db.prepare(
        `INSERT OR REPLACE INTO hq_close (db, id, store_id, terminal_id, shift_id, business_date, z_number, closed_by,
         approved_by, currency, net, transaction_count, cash_variance, total_variance, created_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      fulfillment: db.prepare(
        `INSERT OR REPLACE INTO hq_fulfillment (db, id, store_id, order_id, method, state, created_at, ready_at, collected_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      movement: db.prepare(
        `INSERT OR REPLACE INTO hq_movement (db, id, store_id, terminal_id, sku, location_id, delta, reason, ref, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      customer: db.prepare(
        `INSERT OR REPLACE INTO hq_customer (db, id, store_id, name, email, phone, loyalty_account_id, updated_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      customerOrder: db.prepare(
        `INSERT OR REPLACE INTO hq_customer_order (db, order_id, customer_id, store_id, created_at, kind, channel, currency, total)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      level: db.prepare(
        `INSERT OR REPLACE INTO hq_stock_level (sku, location_id, store_id, on_hand, reserved, safety_stock, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      delLevel: db.prepare('DELETE FROM hq_stock_level WHERE sku = ? AND location_id = ?'),
    };
  }

  readCursor(db: string): string | undefined {
    return this.st.cursor.get(db)?.seq;
  }

  /** Applies one page of a store database's changes and moves its checkpoint to `lastSeq`. */
  applyStorePage(db: string, rows: readonly HqChange[], lastSeq: string): Promise<void> {
    // Contributions are computed before the transaction so the write lock is held only for SQL.
    // Replicators such as RxDB store a body with `_id` only: the row's id is the document's id.
    const computed = rows.map((r) => ({
      id: r.id,
      deleted: r.deleted,
      c: docContribution(r.doc && r.doc['id'] === undefined ? { ...r.doc, id: r.id } : r.doc),
    }));
    return this.transact(() => {
      const deltas = new Deltas();
      for (const { id, deleted, c } of computed) {
        const encoded = encode(c);
        const next = encoded === null ? null : JSON.stringify(encoded);
        const previous = this.st.contrib.get(db, id)?.additive ?? null;
        if (next !== previous) {
          if (previous !== null) deltas.add(JSON.parse(previous) as Encoded, -1);
          if (encoded !== null && next !== null) {
            deltas.add(encoded, 1);
            this.st.putContrib.run(db, id, next);
          } else this.st.delContrib.run(db, id);
        }
        if (deleted) {
          for (const del of this.st.delRecords) del.run(db, id);
          this.st.delCustomerOrder.run(db, id);
        } else this.writeRecords(db, c);
      }
      this.writeDeltas(deltas);
      this.st.putCursor.run(db, lastSeq);
    });
  }

  /** Mirrors a page of `stock-levels` changes. */
  applyLevelPage(db: string, rows: readonly HqChange[], lastSeq: string): Promise<void> {
    return this.transact(() => {
      for (const r of rows) {
        const d = r.doc;
        if (r.deleted || !d || d.type !== 'stock-level') {
          const [, sku, location] = r.id.split(':');
          if (r.deleted && sku && location) this.st.delLevel.run(sku, location);
          continue;
        }
        this.st.level.run(
          d.sku,
          d.locationId,
          d.storeId ?? null,
          d.onHand,
          d.reserved,
          d.safetyStock ?? null,
          d.updatedAt,
        );
      }
      this.st.putCursor.run(db, lastSeq);
    });
  }

  private writeRecords(db: string, c: Contribution): void {
    const { close: z, fulfillment: f, movement: m, customer: u, customerOrder: o } = c;
    if (z)
      this.st.close.run(
        db,
        z.id,
        z.storeId,
        z.terminalId,
        z.shiftId,
        z.businessDate,
        z.zNumber,
        z.closedBy,
        z.approvedBy,
        z.currency,
        z.net,
        z.transactionCount,
        z.cashVariance,
        z.totalVariance,
        z.createdAt,
        z.doc,
      );
    if (f)
      this.st.fulfillment.run(
        db,
        f.id,
        f.storeId,
        f.orderId,
        f.method,
        f.state,
        f.createdAt,
        f.readyAt,
        f.collectedAt,
      );
    if (m)
      this.st.movement.run(
        db,
        m.id,
        m.storeId,
        m.terminalId,
        m.sku,
        m.locationId,
        m.delta,
        m.reason,
        m.ref,
        m.createdAt,
      );
    if (u)
      this.st.customer.run(
        db,
        u.id,
        u.storeId,
        u.name,
        u.email,
        u.phone,
        u.loyaltyAccountId,
        u.updatedAt,
        u.doc,
      );
    if (o)
      this.st.customerOrder.run(
        db,
        o.orderId,
        o.customerId,
        o.storeId,
        o.createdAt,
        o.kind,
        o.channel,
        o.currency,
        o.total,
      );
  }

  private writeDeltas(d: Deltas): void {
    const values = (c: SalesMeasures) => SALES_MEASURES.map((m) => c[m]);
    for (const c of d.hours.values())
      this.st.hour.run(c.storeId, c.day, c.hour, c.channel, c.currency, ...values(c));
    for (const c of d.days.values()) this.st.day.run(c.storeId, c.day, c.channel, c.currency, ...values(c));
    for (const t of d.tenders.values())
      this.st.tender.run(t.storeId, t.day, t.channel, t.tender, t.currency, t.count, t.amount);
    // Month cells carry their month in `day`.
    for (const c of d.months.values())
      this.st.month.run(c.storeId, c.day, c.channel, c.currency, ...values(c));
    for (const c of d.monthHours.values())
      this.st.monthHour.run(c.storeId, c.day, c.hour, c.channel, c.currency, ...values(c));
    for (const t of d.tenderMonths.values())
      this.st.tenderMonth.run(t.storeId, t.day, t.channel, t.tender, t.currency, t.count, t.amount);
    for (const l of d.loyalty.values())
      this.st.loyalty.run(l.storeId, l.day, l.earned, l.redeemed, l.entries);
  }
}
