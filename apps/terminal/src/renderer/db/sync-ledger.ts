import type { Clock } from '@store-os/shared';
import type { Observable } from 'rxjs';
import type { ReplicatedCollection, TerminalDatabase } from './terminal-database';
import type { SyncState, SyncStateDocument } from './sync-state-schema';

const keyOf = (collection: string, docId: string): string => `${collection}|${docId}`;

/** Records and answers the per-document sync state the UI shows (pending, synced, rejected with reason). */
export class SyncLedger {
  constructor(
    private readonly db: TerminalDatabase,
    private readonly clock: Clock,
  ) {}

  /** Marks documents as written locally and not yet accepted by the server. */
  async markPending(collection: ReplicatedCollection, docIds: readonly string[]): Promise<void> {
    await this.set(collection, docIds, 'pending');
  }

  /**
   * Records the server's verdict on one push, in one write so the UI never shows half of it. Only
   * documents this terminal wrote are tracked; a pulled catalog document has no entry to update.
   */
  async recordPush(
    collection: string,
    accepted: readonly string[],
    rejected: readonly { id: string; reason: string }[],
  ): Promise<void> {
    const known = await this.db['sync-state'].findByIds(accepted.map((id) => keyOf(collection, id))).exec();
    const updatedAt = this.clock.now();
    const rows: SyncStateDocument[] = [
      ...[...known.values()]
        .filter((d) => d.state === 'pending')
        .map((d) => ({
          key: d.key,
          collectionName: collection,
          docId: d.docId,
          state: 'synced' as const,
          updatedAt,
        })),
      ...rejected.map((r) => ({
        key: keyOf(collection, r.id),
        collectionName: collection,
        docId: r.id,
        state: 'rejected' as const,
        reason: r.reason,
        updatedAt,
      })),
    ];
    if (rows.length > 0) await this.db['sync-state'].bulkUpsert(rows);
  }

  async stateOf(collection: string, docId: string): Promise<SyncStateDocument | undefined> {
    const doc = await this.db['sync-state'].findOne(keyOf(collection, docId)).exec();
    return doc?.toJSON();
  }

  /** How many documents are waiting to reach the server, live. */
  pendingCount$(): Observable<number> {
    return this.db['sync-state'].count({ selector: { state: 'pending' } }).$;
  }

  /** The documents the server refused, live, newest first. */
  rejected$(): Observable<SyncStateDocument[]> {
    return this.db['sync-state'].find({ selector: { state: 'rejected' }, sort: [{ key: 'asc' }] }).$;
  }

  /** Documents not (yet) accepted by the server, pending and rejected, by key (ids are time-ordered), at most `limit`. */
  unsettled$(limit: number): Observable<SyncStateDocument[]> {
    return this.db['sync-state'].find({
      selector: { state: { $in: ['pending', 'rejected'] } },
      sort: [{ key: 'asc' }],
      limit,
    }).$;
  }

  private async set(
    collection: string,
    docIds: readonly string[],
    state: SyncState,
    reason?: string,
  ): Promise<void> {
    const updatedAt = this.clock.now();
    await this.db['sync-state'].bulkUpsert(
      docIds.map((docId) => ({
        key: keyOf(collection, docId),
        collectionName: collection,
        docId,
        state,
        updatedAt,
        ...(reason ? { reason } : {}),
      })),
    );
  }
}
