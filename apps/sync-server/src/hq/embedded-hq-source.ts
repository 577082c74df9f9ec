// The follower's source in the embedded mode: the store's own changes index, read in-process.
import type { SqliteStore } from '../storage/sqlite-store';
import type { HqChangesPage, HqSource } from './hq-source';

// Types HQ never counts: their bodies are not parsed (shifts, cash events, audit events, terminals).
// One pass over the body, not one per type.
const SKIPPED = /"type":"(?:shift|cash-event|audit-event|terminal)"/;

export class EmbeddedHqSource implements HqSource {
  constructor(private readonly store: SqliteStore) {}

  storeDatabases(): Promise<string[]> {
    return Promise.resolve(this.store.listDbs().filter((n) => n.startsWith('store-')));
  }

  changes(db: string, since: string | undefined, limit: number): Promise<HqChangesPage> {
    const info = this.store.info(db);
    if (!info) return Promise.resolve({ rows: [], lastSeq: since ?? '0' });
    const found = this.store.changes(info, Number(since ?? 0), limit, true);
    const rows = found.map((r) => {
      const skip = r.deleted === 1 || r.body === null || SKIPPED.test(r.body);
      return {
        id: r.id,
        deleted: r.deleted === 1,
        doc: skip || r.body === null ? undefined : (JSON.parse(r.body) as Record<string, unknown>),
      };
    });
    return Promise.resolve({ rows, lastSeq: String(found.at(-1)?.seq ?? since ?? 0) });
  }

  updateSeq(db: string): Promise<string | undefined> {
    const info = this.store.info(db);
    return Promise.resolve(info ? String(info.updateSeq) : undefined);
  }
}
