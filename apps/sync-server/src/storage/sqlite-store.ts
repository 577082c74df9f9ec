// The embedded document store: SQLite (WAL, synchronous=FULL) through better-sqlite3, group-committed
// writes, revision trees merged with pouchdb-merge, one update sequence per database.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ChangeNotifier } from './change-notifier';
import { writeDocs, type WriteCheck, type WriteResult } from './doc-writer';
import { GroupCommit, type StorageFailedError } from './group-commit';
import { migrateStoreSchema } from './sqlite-schema';
import {
  prepareStatements,
  type ChangeRow,
  type DbRow,
  type DocRow,
  type StoreStatements,
} from './store-statements';
import { WalSync } from './wal-sync';

export type { ChangeRow, DbRow, DocRow } from './store-statements';

/** Database-level facts `GET /{db}` reports. */
export interface DbInfo {
  dbid: number;
  name: string;
  updateSeq: number;
  docCount: number;
  docDelCount: number;
  instanceStartTime: string;
}

/** Options of an `_all_docs` range read. */
export interface RangeQuery {
  startkey?: string;
  endkey?: string;
  inclusiveEnd: boolean;
  descending: boolean;
  limit: number;
  skip: number;
}

function toInfo(row: DbRow): DbInfo {
  return {
    dbid: row.dbid,
    name: row.name,
    updateSeq: row.update_seq,
    docCount: row.doc_count,
    docDelCount: row.doc_del_count,
    instanceStartTime: row.instance_start_time,
  };
}

/** How a store is opened; tests replace the fsync to hold it open or inject a disk failure. */
export interface SqliteStoreOptions {
  /** Makes the WAL durable (default: fdatasync on libuv's thread pool). */
  sync?: (wal: WalSync) => Promise<void>;
  /** Called once, when the first fsync fails (the server logs it; writes are refused from then on). */
  onFailure?: (error: StorageFailedError) => void;
}

/** One SQLite file holding every database of this server. */
export class SqliteStore {
  readonly sqlite: Database.Database;
  readonly notifier = new ChangeNotifier();
  readonly uuid: string;
  private readonly st: StoreStatements;
  private readonly commits: GroupCommit;
  private readonly changesCache = new Map<string, ChangeRow[]>();
  /**
   * `GET /{db}` facts by name, read on every request: cached until the next write job runs (each job and
   * each commit clears it), so a request never sees a sequence older than the last acknowledged write.
   */
  private readonly infoCache = new Map<string, DbInfo>();
  private readonly checkpointer: Worker;
  private readonly wal: WalSync;
  private closing: Promise<void> | undefined;
  /** Databases written (incl. `_local` and `_security`) by the transaction being built. */
  private written = new Set<string>();
  /** Databases written by the commit whose fsync is running: their readers wait for it. */
  private unsynced = new Set<string>();
  private readonly rangeStatements = new Map<
    string,
    Database.Statement<unknown[], DocRow & { body: string | null }>
  >();

  constructor(dataDir: string, options: SqliteStoreOptions = {}) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'store.sqlite');
    this.sqlite = new Database(file);
    migrateStoreSchema(this.sqlite);
    // Checkpoints run on a worker thread; if it fails, SQLite's own (blocking) checkpoints come back.
    this.sqlite.pragma('wal_autocheckpoint = 0');
    this.checkpointer = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { file, intervalMs: 500 },
    });
    this.checkpointer.on('error', () => this.sqlite.pragma('wal_autocheckpoint = 1000'));
    this.checkpointer.unref();
    this.st = prepareStatements(this.sqlite);
    let uuid = this.st.getMeta.get('uuid')?.value;
    if (!uuid) {
      uuid = randomUUID().replaceAll('-', '');
      this.st.putMeta.run('uuid', uuid);
    }
    this.uuid = uuid;
    this.wal = new WalSync(file);
    const sync = options.sync ?? ((wal: WalSync) => wal.sync());
    this.commits = new GroupCommit(this.sqlite, {
      sync: () => sync(this.wal),
      committed: () => {
        // Answers cached before this commit are stale; the feeds it touched wake once it is durable.
        this.changesCache.clear();
        this.infoCache.clear();
        for (const db of this.notifier.seal()) this.written.add(db);
        this.unsynced = this.written;
        this.written = new Set();
      },
      durable: () => {
        this.unsynced = new Set();
        this.notifier.announce();
      },
      ...(options.onFailure ? { failed: options.onFailure } : {}),
    });
  }

  /** Group-commit counters: commits, jobs, milliseconds inside transactions and waiting for fsync. */
  get commitStats(): { commits: number; jobs: number; commitMs: number; syncMs: number } {
    return this.commits.stats;
  }

  /**
   * A commit becomes visible on this connection before its fsync has finished. A reader about to answer
   * a client from database `name` awaits this first (undefined when nothing unsynced touched `name`),
   * so no client ever sees a write that a power cut could still take back. Once the storage has
   * failed, rejects for the databases the failed commit touched (reads of the others keep working).
   */
  unsettled(name: string): Promise<void> | undefined {
    const failed: StorageFailedError | undefined = this.commits.failed;
    // The failed commit stays visible but may be lost: only databases it touched are in doubt.
    if (failed) return this.unsynced.has(name) ? Promise.reject(failed) : undefined;
    const pending = this.commits.pendingSync;
    return pending && this.unsynced.has(name) ? pending : undefined;
  }

  /**
   * The fsync of the commit that is visible but not yet durable, whatever it touched (undefined when
   * none is running). A response built from reads that no database name describes (HQ, the integration
   * API, `/_pos`) is held until it resolves: everything visible when the response is written is then
   * durable, since one commit at a time is in flight and a WAL fsync covers every earlier commit. Rejects
   * if that fsync fails. Undefined after a failure (see `failure`).
   */
  settling(): Promise<void> | undefined {
    return this.commits.pendingSync;
  }

  /** Set once an fsync failed: writes are refused until the server restarts. */
  get failure(): StorageFailedError | undefined {
    return this.commits.failed;
  }

  /** Runs a write job in the next group commit (durable when the promise resolves). */
  transact<T>(job: () => T): Promise<T> {
    return this.commits.submit(() => {
      this.infoCache.clear();
      try {
        return job();
      } finally {
        // Also when the job fails and is rolled back: nothing it read may outlive it.
        this.infoCache.clear();
      }
    });
  }

  info(name: string): DbInfo | undefined {
    const cached = this.infoCache.get(name);
    if (cached) return cached;
    const row = this.st.dbByName.get(name);
    if (!row) return undefined;
    const info = toInfo(row);
    if (!this.commits.inTransaction) this.infoCache.set(name, info);
    return info;
  }

  listDbs(): string[] {
    return this.st.allDbs.all().map((r) => r.name);
  }

  /** Creates a database; false when it already exists. */
  createDb(name: string, security: object = {}): Promise<boolean> {
    return this.transact(() => {
      if (this.st.dbByName.get(name)) return false;
      this.written.add(name);
      const info = this.st.insertDb.run(name, String(Date.now() * 1000));
      this.st.setSecurity.run(JSON.stringify(security), Number(info.lastInsertRowid));
      return true;
    });
  }

  /** Deletes a database and all its documents; false when it did not exist. */
  deleteDb(name: string): Promise<boolean> {
    return this.transact(() => {
      const row = this.st.dbByName.get(name);
      if (!row) return false;
      this.st.deleteDbDocs.run(row.dbid);
      this.st.deleteDbRevs.run(row.dbid);
      this.st.deleteDbLocal.run(row.dbid);
      this.st.deleteDbRow.run(row.dbid);
      this.written.add(name);
      this.notifier.touch(name);
      return true;
    });
  }

  getSecurity(name: string): Record<string, unknown> | undefined {
    const row = this.st.dbByName.get(name);
    return row ? (JSON.parse(row.security) as Record<string, unknown>) : undefined;
  }

  putSecurity(info: DbInfo, security: object): Promise<void> {
    return this.transact(() => {
      this.written.add(info.name);
      this.st.setSecurity.run(JSON.stringify(security), info.dbid);
    });
  }

  /** Writes documents; per-document results in input order. `check` may refuse any of them. */
  writeDocs(
    info: DbInfo,
    docs: readonly Record<string, unknown>[],
    newEdits: boolean,
    check: WriteCheck,
  ): Promise<WriteResult[]> {
    return this.transact(() => {
      const results = writeDocs(this.st, info.dbid, docs, newEdits, check);
      this.written.add(info.name);
      this.notifier.touch(info.name);
      return results;
    });
  }

  getDoc(info: DbInfo, id: string): DocRow | undefined {
    return this.st.getDoc.get(info.dbid, id);
  }

  /** The document row with the winning revision's body. */
  getWinner(info: DbInfo, id: string): ChangeRow | undefined {
    return this.st.getWinner.get(info.dbid, id);
  }

  getRevBody(info: DbInfo, id: string, rev: string): string | undefined {
    return this.st.getRev.get(info.dbid, id, rev)?.body;
  }

  /**
   * Changes after `since`, in seq order, straight from the seq index. The live feeds of one store wake
   * together after a commit and ask the same question, so answers are shared within one event-loop turn.
   */
  changes(info: DbInfo, since: number, limit: number, withDocs: boolean): ChangeRow[] {
    const key = `${info.dbid}:${since}:${limit}:${withDocs ? 1 : 0}`;
    const cached = this.changesCache.get(key);
    if (cached) return cached;
    const rows = (withDocs ? this.st.changesWithDocs : this.st.changes).all(info.dbid, since, limit);
    if (this.changesCache.size === 0) setImmediate(() => this.changesCache.clear());
    this.changesCache.set(key, rows);
    return rows;
  }

  /** Live (non-deleted) documents in id order within a range, for `_all_docs`. */
  range(info: DbInfo, q: RangeQuery, withDocs: boolean): (DocRow & { body: string | null })[] {
    const where = ['d.dbid = ?', 'd.deleted = 0'];
    const args: unknown[] = [info.dbid];
    const [lo, hi] = q.descending ? [q.endkey, q.startkey] : [q.startkey, q.endkey];
    const loInclusive = q.descending ? q.inclusiveEnd : true;
    const hiInclusive = q.descending ? true : q.inclusiveEnd;
    if (lo !== undefined) {
      where.push(loInclusive ? 'd.id >= ?' : 'd.id > ?');
      args.push(lo);
    }
    if (hi !== undefined) {
      where.push(hiInclusive ? 'd.id <= ?' : 'd.id < ?');
      args.push(hi);
    }
    const join = withDocs
      ? 'LEFT JOIN revs r ON r.dbid = d.dbid AND r.id = d.id AND r.rev = d.winning_rev'
      : '';
    const sql = `SELECT d.id, d.seq, d.winning_rev, d.deleted, d.leaves, '' AS rev_tree, ${withDocs ? 'r.body' : 'NULL AS body'}
      FROM docs d ${join} WHERE ${where.join(' AND ')} ORDER BY d.id ${q.descending ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`;
    let stmt = this.rangeStatements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.rangeStatements.set(sql, stmt);
    }
    return stmt.all(...args, q.limit, q.skip);
  }

  getLocal(info: DbInfo, id: string): { rev: string; body: string } | undefined {
    return this.st.getLocal.get(info.dbid, id);
  }

  /**
   * Writes (or, with no body, deletes) a `_local` document if `expectedRev` matches the stored one (a
   * missing rev matches a new document); the new `0-N` revision, or undefined on conflict.
   */
  writeLocal(
    info: DbInfo,
    id: string,
    expectedRev: string | undefined,
    body: string | undefined,
  ): Promise<string | undefined> {
    return this.transact(() => {
      const current = this.st.getLocal.get(info.dbid, id);
      if (current && expectedRev !== current.rev) return undefined;
      if (!current && expectedRev !== undefined && body === undefined) return undefined;
      const n = current ? Number(current.rev.slice(2)) + 1 : 1;
      const rev = `0-${n}`;
      this.written.add(info.name);
      if (body === undefined) this.st.deleteLocal.run(info.dbid, id);
      else this.st.putLocal.run(info.dbid, id, rev, body);
      return rev;
    });
  }

  /** Commits anything queued and waits until it is durable, stops the checkpointer, closes the file. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.commits.close();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      this.checkpointer.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      this.checkpointer.once('exit', () => resolve());
      this.checkpointer.postMessage('close');
    });
    await this.checkpointer.terminate();
    this.wal.close();
    this.sqlite.close();
  }
}
