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

/** How far a replay has got: `done` of `total` journal entries checked, and an estimate of the time left. */
export interface ReplayProgress extends ReplayOutcome {
  readonly done: number;
  readonly total: number;
  /** Whole seconds left at the rate so far; undefined before the first page. */
  readonly secondsLeft: number | undefined;
  readonly finished: boolean;
  /** Why the replay stopped early (the host unreachable, the database refused a document). */
  readonly error?: string;
}

/** What a replay needs besides the host and the database. */
export interface ReplayOptions {
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Milliseconds, for the time-left estimate. */
  readonly now?: () => number;
  readonly pageSize?: number;
}

const isReplicated = (name: string): name is ReplicatedCollection =>
  (REPLICATED_COLLECTIONS as readonly string[]).includes(name);

/**
 * Puts back every journaled sale the database lacks (a wiped profile, a crash between the journal and
 * IndexedDB). The host keeps a checkpoint per database (its RxDB storage token): a database that has
 * replayed before starts after it, a new or wiped one (a new token) from the first entry. Each page is
 * reported to the host, which makes it the new checkpoint, so an interrupted replay resumes where it was.
 */
export async function replayJournal(
  host: HostBridge,
  db: TerminalDatabase,
  ledger: SyncLedger,
  options: ReplayOptions = {},
): Promise<ReplayOutcome> {
  const now = options.now ?? (() => Date.now());
  const database = await db.storageToken;
  const resume = await host.invoke('journal.resume', { database });
  const startedAt = now();
  let afterSeq = resume.afterSeq;
  let lastSeq = resume.lastSeq;
  let entries = 0;
  let restored = 0;
  let damaged = 0;
  const progress = (finished: boolean): ReplayProgress => {
    const total = Math.max(lastSeq - resume.afterSeq, entries);
    const elapsed = now() - startedAt;
    const secondsLeft = entries === 0 ? undefined : Math.ceil(((total - entries) * elapsed) / entries / 1000);
    return { entries, restored, damaged, done: entries, total, secondsLeft, finished };
  };
  options.onProgress?.(progress(afterSeq >= lastSeq));
  while (afterSeq < lastSeq) {
    const page = await host.invoke('journal.since', { afterSeq, limit: options.pageSize ?? 200 });
    damaged = page.damaged.length;
    lastSeq = page.lastSeq;
    for (const record of page.entries) {
      entries += 1;
      const collection = record.entry.collection;
      if (isReplicated(collection)) {
        const result = await saveDocuments(
          db,
          ledger,
          collection,
          record.entry.documents as EnvelopeDocument[],
        );
        if (result.inserted > 0) restored += 1;
      }
      afterSeq = record.seq;
    }
    if (page.entries.length === 0) break;
    await host.invoke('journal.replayed', { database, upToSeq: afterSeq, restored });
    options.onProgress?.(progress(false));
  }
  if (entries === 0) {
    // Nothing to put back; the damage report still counts (it is kept with the checkpoint).
    const page = await host.invoke('journal.since', { afterSeq, limit: 1 });
    damaged = page.damaged.length;
    await host.invoke('journal.replayed', { database, upToSeq: afterSeq, restored });
  }
  options.onProgress?.(progress(true));
  return { entries, restored, damaged };
}
