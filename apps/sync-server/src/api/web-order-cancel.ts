// Cancelling a web order through the API: every store part still new, picking or ready moves to
// `cancelled` (on top of whatever the terminals wrote, merged by the state machine) and releases what
// it still holds, computed from that store's ledger so a repeated cancel writes nothing.
import type { IdFactory } from '@store-os/shared/ids';
import type { WebOrderStatus } from '@store-os/shared/integration';
import { releasePickup, type LedgerMovement } from '@store-os/shared/omnichannel';
import { transitionFulfillment } from '@store-os/shared/orders';
import type { OrderDoc } from '@store-os/shared/schemas';
import { storeDbName } from '../auth/access-policy';
import type { SqliteStore } from '../storage/sqlite-store';
import { ApiProblem } from './api-problem';
import type { AtomicWriter } from './atomic-writer';
import type { StoredWebOrder } from './web-order-intake';
import { readMergedFulfillment, readWebOrderStatus } from './web-order-status';

const CANCELLABLE = new Set(['new', 'picking', 'ready']);
const PAGE = 1000;

/** Movements in `storeId`'s database that reference `orderId`, written after `sinceSeq`. */
export function orderMovements(
  writer: AtomicWriter,
  storeId: string,
  orderId: string,
  sinceSeq: number,
): LedgerMovement[] {
  const out: LedgerMovement[] = [];
  const needle = JSON.stringify(orderId);
  for (let since = sinceSeq; ;) {
    const rows = writer.changes(storeDbName(storeId), since, PAGE);
    for (const row of rows) {
      if (
        !row.body ||
        row.deleted === 1 ||
        !row.body.includes(needle) ||
        !row.body.includes('"type":"movement"')
      )
        continue;
      // Terminals' movements may carry their key as `_id` only; the row id is the movement id.
      const m = { ...(JSON.parse(row.body) as LedgerMovement & { type: string }), id: row.id };
      if (m.ref?.kind === 'order' && m.ref.id === orderId) out.push(m);
    }
    if (rows.length < PAGE) return out;
    since = rows.at(-1)?.seq ?? since;
  }
}

/** Cancels every part that can still be cancelled; 409 when a part was already collected or shipped. */
export function cancelWebOrder(input: {
  store: SqliteStore;
  writer: AtomicWriter;
  stored: StoredWebOrder;
  order: OrderDoc;
  newId: IdFactory;
  now: number;
  by?: string;
}): WebOrderStatus {
  const { store, stored, writer } = input;
  const at = new Date(input.now).toISOString();
  const merged = stored.plan.parts.map((p) => readMergedFulfillment(store, p.storeId, stored.orderId));
  const done = merged.find((m) => m && (m.doc.state === 'collected' || m.doc.state === 'shipped'));
  if (done) {
    throw new ApiProblem(
      409,
      'conflict',
      `Part of order ${stored.orderId} at store ${done.doc.storeId} is already ${done.doc.state}; it can no longer be cancelled (record a return instead).`,
      undefined,
      { state: done.doc.state },
    );
  }
  stored.plan.parts.forEach((part, i) => {
    const current = merged[i];
    // Only a part cancelled now releases: an expired or already cancelled part was released by whoever
    // ended it (possibly a till whose movements have not replicated yet), so a second release could
    // double-count; and a repeated cancel therefore writes nothing.
    if (!current || !CANCELLABLE.has(current.doc.state)) return;
    const next = transitionFulfillment(current.doc, {
      to: 'cancelled',
      at,
      ...(input.by === undefined ? {} : { by: input.by }),
    });
    const docs: Record<string, unknown>[] = [{ _id: next.id, _rev: current.rev, ...next }];
    const ledger = orderMovements(writer, part.storeId, stored.orderId, part.sinceSeq ?? 0);
    const releases = releasePickup({
      order: { ...input.order, storeId: part.storeId },
      ledger,
      newId: input.newId,
      at,
    });
    for (const m of releases) docs.push({ _id: m.id, ...m });
    writer.write(storeDbName(part.storeId), docs, `/stores/${part.storeId}`);
  });
  return readWebOrderStatus(store, stored);
}
