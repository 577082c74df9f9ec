// `GET /_api/sales`: orders of every store in the order the server received them. The cursor holds the
// sequence read up to in each store database, so polling with the last `next` returns every order
// exactly once, including those a store pushed late after days offline.
import type { SalesQuery } from '@store-os/shared/integration';
import type { OrderDoc } from '@store-os/shared/schemas';
import { ApiProblem } from './api-problem';
import type { ApiCall } from './api-route';
import type { ApiAnswer } from './idempotency';

type Cursor = Record<string, number>;

function decodeCursor(text: string | undefined): Cursor {
  if (text === undefined || text === '') return {};
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const out: Cursor = {};
      for (const [k, v] of Object.entries(value))
        if (typeof v === 'number' && Number.isSafeInteger(v)) out[k] = v;
      return out;
    }
  } catch {
    // fall through to the problem below
  }
  throw new ApiProblem(
    422,
    'validation-failed',
    'The `since` cursor is not one this API issued; pass a `next` value.',
    [{ pointer: '/since', detail: 'unreadable cursor.', code: 'bad-cursor' }],
  );
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export function getSales(call: ApiCall): ApiAnswer {
  const q = call.query as SalesQuery;
  const store = call.api.store;
  const cursor = decodeCursor(q.since);
  const limit = q.limit ?? 100;
  const orders: OrderDoc[] = [];
  let more = false;
  const dbs = store
    .listDbs()
    .filter((db) => db.startsWith('store-') && (q.storeId === undefined || db === `store-${q.storeId}`));
  for (const db of dbs) {
    const info = store.info(db);
    if (!info) continue;
    let since = cursor[db] ?? 0;
    while (since < info.updateSeq) {
      if (orders.length >= limit) {
        more = true;
        break;
      }
      const rows = store.changes(info, since, 500, true);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (orders.length >= limit) {
          more = true;
          break;
        }
        since = row.seq;
        if (row.deleted === 1 || !row.body?.includes('"type":"order"')) continue;
        // A replicator (RxDB) may store the key as `_id` only: the row id is the order id.
        const order = { ...(JSON.parse(row.body) as OrderDoc), id: row.id };
        if (order.type === 'order' && (q.kind === undefined || order.kind === q.kind)) orders.push(order);
      }
    }
    cursor[db] = since;
  }
  return { status: 200, body: { orders, next: encodeCursor(cursor), more } };
}
