import { mergeFulfillments, type FulfillmentDoc, type StoreDoc } from '@store-os/shared';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { saveDocuments } from '../../db/save-documents';
import type { EnvelopeDocument, TerminalDatabase } from '../../db/terminal-database';
import type { OpsDeps } from './ops-deps';

/** Every store-database document of one type, as plain data. */
export async function storeDocsOfType<T>(db: TerminalDatabase, type: string): Promise<T[]> {
  const docs = await db.store.find({ selector: { type } }).exec();
  return docs.map((d) => d.toJSON() as unknown as T);
}

/** The same, live: a new value whenever such a document is written or replicated in. */
export function storeDocsOfType$<T>(db: TerminalDatabase, type: string): Observable<T[]> {
  return db.store
    .find({ selector: { type } })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as unknown as T)));
}

/** The store's own catalog document (currency, time zone, locations, denominations). */
export async function storeDocument(db: TerminalDatabase, storeId: string): Promise<StoreDoc | undefined> {
  return (await db.catalog.findOne(`store:${storeId}`).exec())?.toJSON() as StoreDoc | undefined;
}

/** Writes facts (orders, movements, shifts, closes…) once, marked pending until the server has them. */
export async function saveFacts(deps: OpsDeps, documents: readonly object[]): Promise<void> {
  if (documents.length === 0) return;
  await saveDocuments(deps.db, deps.ledger, 'store', documents as unknown as EnvelopeDocument[]);
}

/**
 * Writes a fulfillment's new state merged with whatever this replica holds (mergeFulfillments, the
 * state machine's join), never overwriting a step another till or the server recorded.
 */
export async function saveFulfillment(deps: OpsDeps, next: FulfillmentDoc): Promise<FulfillmentDoc> {
  const current = (await deps.db.store.findOne(next.id).exec())?.toJSON() as FulfillmentDoc | undefined;
  const merged = current ? mergeFulfillments(current, next) : next;
  await deps.ledger.markPending('store', [merged.id]);
  await deps.db.store.upsert({ ...(merged as unknown as EnvelopeDocument) });
  return merged;
}
