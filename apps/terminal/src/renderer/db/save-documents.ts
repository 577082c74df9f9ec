import type { SyncLedger } from './sync-ledger';
import type { EnvelopeDocument, ReplicatedCollection, TerminalDatabase } from './terminal-database';

/**
 * Writes facts this terminal produced (an order and its movements): marked pending first, so a crash
 * between the two leaves a "waiting" mark rather than an untracked document. A document already present
 * (a retried save, a journal replay) is left as it is: facts are written once.
 */
export async function saveDocuments(
  db: TerminalDatabase,
  ledger: SyncLedger,
  collection: ReplicatedCollection,
  documents: readonly EnvelopeDocument[],
): Promise<{ inserted: number }> {
  const existing = await db[collection].findByIds(documents.map((d) => d.id)).exec();
  const fresh = documents.filter((d) => !existing.has(d.id));
  if (fresh.length === 0) return { inserted: 0 };
  await ledger.markPending(
    collection,
    fresh.map((d) => d.id),
  );
  const result = await db[collection].bulkInsert(fresh.map((d) => ({ ...d })));
  const failed = result.error.filter((e) => e.status !== 409);
  if (failed.length > 0) {
    throw new Error(
      `Could not store ${failed.length} document(s) in ${collection}: ${failed.map((e) => `${e.documentId} (${e.status})`).join(', ')}.`,
    );
  }
  return { inserted: result.success.length };
}
