// Reading ledger entries through HQ's source: every page of every scoped store database, current
// entries only, the id taken from the row (RxDB pushes bodies with only `_id`).
import { describe, expect, it } from 'vitest';
import type { HqChange, HqSource } from '../hq/hq-source';
import { readLedgerEntries } from './read-ledger-entries';

/** A source over fixed change lists, paged like the real ones (seq = position). */
function fakeSource(dbs: Record<string, HqChange[]>): HqSource & { pagesRead: number } {
  const source = {
    pagesRead: 0,
    storeDatabases: () => Promise.resolve(Object.keys(dbs)),
    changes(db: string, since: string | undefined, limit: number) {
      source.pagesRead += 1;
      const from = Number(since ?? 0);
      const rows = (dbs[db] ?? []).slice(from, from + limit);
      return Promise.resolve({ rows, lastSeq: String(from + rows.length) });
    },
    updateSeq: () => Promise.resolve(undefined),
  };
  return source;
}

const entry = (id: string, accountId: string): HqChange => ({
  id,
  deleted: false,
  doc: { _id: id, type: 'ledger-entry', ledger: 'gift-card', accountId, entryKind: 'redeem', delta: -1 },
});

describe('readLedgerEntries', () => {
  it('reads every page, skips other types and deleted documents, and keeps the row id', async () => {
    const many = Array.from({ length: 2100 }, (_, i) => entry(`e${i}`, 'GC1'));
    const source = fakeSource({
      'store-s001': [
        ...many,
        { id: 'o1', deleted: false, doc: { _id: 'o1', type: 'order' } },
        { id: 'gone', deleted: true, doc: undefined },
      ],
      'store-s002': [entry('x1', 'GC2')],
    });
    const all = await readLedgerEntries(source, { all: true });
    expect(all).toHaveLength(2101);
    expect(source.pagesRead).toBe(4); // 2,102 rows in pages of 1,000, then the one row of s002
    expect(all[0]).toMatchObject({ id: 'e0', accountId: 'GC1' });
    expect(new Set(all.map((e) => e.id)).size).toBe(2101);
    const mine = await readLedgerEntries(source, { all: false, storeIds: ['s002'] });
    expect(mine.map((e) => e.id)).toEqual(['x1']);
  });
});
