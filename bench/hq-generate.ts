// One year of sales for the HQ dashboard bench, written straight into the embedded store (no HTTP, no
// validation): orders with 1–7 lines (about 4 on average), returns, web pickup orders with their
// fulfillments, one close per store and day whose Z totals are the day's store-channel orders, loyalty
// entries, customers (some duplicated across stores) and stock movements (receipts and a few offline
// oversells). Deterministic (seeded), written in large batches so it stays fast and bounded.
import { AuthStore } from '../apps/sync-server/src/auth/auth-store';
import { EmbeddedDirectory } from '../apps/sync-server/src/auth/embedded-directory';
import type { SqliteStore } from '../apps/sync-server/src/storage/sqlite-store';

/** What to generate. */
export interface GenerateOptions {
  stores: number;
  /** Target number of order lines over the year. */
  lines: number;
  skus: number;
  customers: number;
  days: number;
  /** The first business day, YYYY-MM-DD. */
  firstDay: string;
}

/** What was generated. */
export interface Generated {
  orders: number;
  lines: number;
  docs: number;
  storeIds: string[];
}

/** A small fast PRNG (mulberry32): the same data on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BATCH = 2000;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A fact id `<terminal>-<26 chars>` unique per counter. */
function factId(terminal: string, n: number): string {
  let s = '';
  let v = n;
  for (let i = 0; i < 16; i++) {
    s = CROCKFORD.charAt(v % 32) + s;
    v = Math.floor(v / 32);
  }
  return `${terminal}-01JD${pad(0, 6)}${s}`;
}

export async function generateYear(store: SqliteStore, o: GenerateOptions): Promise<Generated> {
  const random = prng(42);
  const int = (n: number) => Math.floor(random() * n);
  const directory = new EmbeddedDirectory(new AuthStore(store), store);
  const storeIds = Array.from({ length: o.stores }, (_, i) => `s${pad(i + 1, 3)}`);
  for (const id of storeIds) await directory.addStore(id, `Store ${id}`);
  const prices = Array.from({ length: o.skus }, () => 99 + int(60) * 50);
  const ordersPerStoreDay = Math.max(1, Math.round(o.lines / 4 / o.stores / o.days));
  let counter = 0;
  let orders = 0;
  let lines = 0;
  let docs = 0;
  const firstMs = Date.parse(`${o.firstDay}T00:00:00Z`);
  const eur = (amount: number) => ({ amount, currency: 'EUR' });

  for (const storeId of storeIds) {
    const info = store.info(`store-${storeId}`);
    if (!info) throw new Error(`store-${storeId} was not created`);
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await store.writeDocs(info, batch, true, () => undefined);
      docs += batch.length;
      batch = [];
    };
    const push = async (doc: Record<string, unknown>) => {
      batch.push(doc);
      if (batch.length >= BATCH) await flush();
    };
    const terminal = `${storeId}-t01`;
    for (let c = 0; c < o.customers / o.stores; c++) {
      const n = int(o.customers);
      const id = `customer:c-${storeId}-${c}`;
      await push({
        _id: id,
        id,
        type: 'customer',
        schemaVersion: 1,
        storeId,
        givenName: `Name${n}`,
        familyName: `Family${c}`,
        email: `person${n}@example.org`,
        ...(c % 3 === 0 ? { phone: `06${pad(n, 8)}` } : {}),
        createdAt: `${o.firstDay}T09:00:00.000Z`,
        updatedAt: `${o.firstDay}T09:00:00.000Z`,
      });
    }
    for (let s = 0; s < o.skus; s += 1) {
      if (random() > 0.5) continue;
      for (const [delta, reason] of [
        [40 + int(40), 'receive'],
        [-(1 + int(30)), 'adjust'],
      ] as const) {
        const id = factId(terminal, ++counter);
        await push({
          _id: id,
          id,
          type: 'movement',
          schemaVersion: 1,
          storeId,
          terminalId: terminal,
          sku: `SKU${pad(s, 5)}`,
          locationId: `${storeId}-shelf`,
          delta: random() < 0.01 ? -(100 + int(10)) : delta,
          reason,
          createdAt: `${o.firstDay}T07:00:00.000Z`,
        });
      }
    }
    for (let d = 0; d < o.days; d++) {
      const day = new Date(firstMs + d * 86_400_000).toISOString().slice(0, 10);
      const shiftId = factId(terminal, ++counter);
      let zNet = 0;
      let zCount = 0;
      const n = Math.max(1, Math.round(ordersPerStoreDay * (0.7 + random() * 0.6)));
      for (let k = 0; k < n; k++) {
        const hour = 8 + int(12);
        const createdAt = `${day}T${pad(hour, 2)}:${pad(int(60), 2)}:00.000Z`;
        const id = factId(terminal, ++counter);
        const web = random() < 0.05;
        const isReturn = !web && random() < 0.03;
        const lineCount = 1 + int(7);
        const orderLines = [];
        let total = 0;
        for (let l = 0; l < lineCount; l++) {
          const sku = int(o.skus);
          const quantity = 1 + (random() < 0.2 ? int(3) : 0);
          const gross = (prices[sku] ?? 100) * quantity;
          const discount = random() < 0.15 ? Math.floor(gross / 10) : 0;
          const lineTotal = gross - discount;
          total += lineTotal;
          orderLines.push({
            lineId: `l${l}`,
            sku: `SKU${pad(sku, 5)}`,
            name: `Item ${sku}`,
            unit: 'each',
            quantity,
            unitPrice: eur(prices[sku] ?? 100),
            grossAmount: eur(gross),
            discounts: discount ? [{ promotionId: 'promo-10', name: '−10 %', amount: eur(discount) }] : [],
            taxes: [],
            total: eur(lineTotal),
          });
        }
        lines += lineCount;
        const signed = isReturn ? -total : total;
        const customer = random() < 0.2 ? `customer:c-${storeId}-${int(o.customers / o.stores)}` : undefined;
        await push({
          _id: id,
          id,
          type: 'order',
          schemaVersion: 1,
          storeId,
          terminalId: terminal,
          kind: isReturn ? 'return' : 'sale',
          channel: web ? 'web' : 'store',
          fulfillment: web ? 'pickup' : 'take-now',
          createdAt,
          businessDate: day,
          ...(web ? {} : { shiftId }),
          currency: 'EUR',
          pricesIncludeTax: true,
          lines: isReturn ? [] : orderLines,
          returnLines: isReturn ? orderLines.map((line) => ({ ...line, restock: true })) : [],
          taxes: [],
          totals: { subtotal: eur(signed), discountTotal: eur(0), taxTotal: eur(0), total: eur(signed) },
          tenders: [{ tenderId: 't1', type: random() < 0.6 ? 'card' : 'cash', amount: eur(signed) }],
          ...(customer ? { customer: { customerId: customer } } : {}),
        });
        orders += 1;
        if (!web) {
          zNet += signed;
          zCount += 1;
        }
        if (web) {
          const ready = new Date(Date.parse(createdAt) + (20 + int(200)) * 60_000).toISOString();
          await push({
            _id: `fulfillment:${id}`,
            id: `fulfillment:${id}`,
            type: 'fulfillment',
            schemaVersion: 1,
            storeId,
            orderId: id,
            method: 'pickup',
            state: 'ready',
            history: [
              { state: 'new', at: createdAt },
              { state: 'ready', at: ready },
            ],
            createdAt,
            updatedAt: ready,
          });
        }
        if (customer && random() < 0.25) {
          const lid = factId(terminal, ++counter);
          await push({
            _id: lid,
            id: lid,
            type: 'ledger-entry',
            schemaVersion: 1,
            storeId,
            terminalId: terminal,
            ledger: 'loyalty',
            accountId: `L${customer}`,
            entryKind: random() < 0.8 ? 'earn' : 'redeem',
            delta: random() < 0.8 ? Math.floor(total / 100) + 1 : -(1 + int(50)),
            offline: false,
            createdAt,
          });
        }
      }
      const closeId = factId(terminal, ++counter);
      await push({
        _id: closeId,
        id: closeId,
        type: 'close',
        schemaVersion: 1,
        storeId,
        terminalId: terminal,
        shiftId,
        closedBy: 'm1',
        ...(random() < 0.9 ? { approvedBy: 'm2' } : {}),
        businessDate: day,
        currency: 'EUR',
        openingFloat: eur(15000),
        cashIn: eur(0),
        cashOut: eur(0),
        drops: eur(0),
        countedDenominations: [],
        tenders: [
          { tenderType: 'cash', expected: eur(0), counted: eur(random() < 0.1 ? -200 : 0), variance: eur(0) },
        ],
        zTotals: {
          currency: 'EUR',
          sales: { count: zCount, gross: eur(0), net: eur(0) },
          returns: { count: 0, amount: eur(0) },
          discounts: eur(0),
          taxes: [],
          tenders: [],
          net: eur(zNet),
          transactionCount: zCount,
          unitCount: 0,
          averageTransactionValue: eur(0),
          unitsPerTransaction: '0.00',
        },
        orderCount: zCount,
        createdAt: `${day}T21:00:00.000Z`,
      });
    }
    await flush();
  }
  return { orders, lines, docs, storeIds };
}
