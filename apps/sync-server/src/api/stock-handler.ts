// `GET /_api/stock`: availability per sku and location from the `stock-levels` roll-up, with each
// level's age (the roll-up follows the stores' movements; a store offline for a while shows old levels).
import type { StockAvailability, StockQuery } from '@store-os/shared/integration';
import type { StockLevelDoc } from '@store-os/shared/schemas';
import type { ApiCall } from './api-route';
import type { ApiAnswer } from './idempotency';
import { availability } from './stock-availability';

const PREFIX = 'stock-level:';

export function getStock(call: ApiCall): ApiAnswer {
  const q = call.query as StockQuery;
  const store = call.api.store;
  const info = store.info('stock-levels');
  const now = Date.now();
  const limit = q.limit ?? 200;
  const wanted = (l: StockLevelDoc) =>
    (q.locationId === undefined || l.locationId === q.locationId) &&
    (q.storeId === undefined || l.storeId === q.storeId);
  const levels: StockAvailability[] = [];
  if (!info) return { status: 200, body: { asOf: new Date(now).toISOString(), levels } };
  const read = (startkey: string, endkey: string, max: number, inclusiveStart: boolean) =>
    store
      .range(info, { startkey, endkey, inclusiveEnd: true, descending: false, limit: max + 1, skip: 0 }, true)
      .filter((row) => inclusiveStart || row.id !== startkey);
  let next: string | undefined;
  if (q.sku) {
    for (const sku of new Set(q.sku)) {
      for (const row of read(`${PREFIX}${sku}:`, `${PREFIX}${sku}:\uffff`, 10_000, true)) {
        const level = row.body ? (JSON.parse(row.body) as StockLevelDoc) : undefined;
        if (level && wanted(level)) levels.push(availability(level, now));
      }
    }
  } else {
    const rows = read(q.cursor ?? PREFIX, `${PREFIX}\uffff`, limit, q.cursor === undefined);
    for (const row of rows.slice(0, limit)) {
      const level = row.body ? (JSON.parse(row.body) as StockLevelDoc) : undefined;
      if (level && wanted(level)) levels.push(availability(level, now));
    }
    if (rows.length > limit) next = rows[limit - 1]?.id;
  }
  return {
    status: 200,
    body: { asOf: new Date(now).toISOString(), levels, ...(next === undefined ? {} : { next }) },
  };
}
