import type { HostBridge } from '@store-os/shared';
import { saveDocuments } from '../db/save-documents';
import type { SyncLedger } from '../db/sync-ledger';
import {
  REPLICATED_COLLECTIONS,
  type EnvelopeDocument,
  type ReplicatedCollection,
  type TerminalDatabase,
} from '../db/terminal-database';

/** What a start-up replay did: sales put back into the database, and journal lines that could not be read. */
export interface ReplayOutcome {
  readonly entries: number;
  readonly restored: number;
  readonly damaged: number;
}

const isReplicated = (name: string): name is ReplicatedCollection =>
  (REPLICATED_COLLECTIONS as readonly string[]).includes(name);

/**
 * Puts back every journaled sale the database lacks (a wiped profile, a crash between the journal and
 * IndexedDB). Facts are written once, so sales already present are left alone; the whole journal is read
 * each start because the database itself may be the thing that was lost.
 */
export async function replayJournal(
  host: HostBridge,
  db: TerminalDatabase,
  ledger: SyncLedger,
): Promise<ReplayOutcome> {
  let afterSeq = 0;
  let entries = 0;
  let restored = 0;
  let damaged: number;
  for (;;) {
    const page = await host.invoke('journal.since', { afterSeq, limit: 500 });
    damaged = page.damaged.length;
    for (const record of page.entries) {
      entries += 1;
      const collection = record.entry.collection;
      if (!isReplicated(collection)) continue;
      const result = await saveDocuments(
        db,
        ledger,
        collection,
        record.entry.documents as EnvelopeDocument[],
      );
      if (result.inserted > 0) restored += 1;
      afterSeq = record.seq;
    }
    if (page.entries.length === 0 || afterSeq >= page.lastSeq) break;
  }
  await host.invoke('journal.replayed', { upToSeq: afterSeq, restored });
  return { entries, restored, damaged };
}
