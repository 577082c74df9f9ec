import type { Clock } from '@store-os/shared';
import { migrateDocument } from '@store-os/shared/schemas';
import { BehaviorSubject, type Observable } from 'rxjs';
import { BULK_CATALOG_TYPES, isBulkCatalogId } from './bulk-catalog-ids';
import type { CatalogCheckpoint, CatalogDocument } from './catalog-batch';
import type { CatalogStore } from './catalog-store';
import { FreshWrites } from './fresh-writes';
import type { EnvelopeDocument, TerminalDatabase } from './terminal-database';

type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Where the catalog's replication stands, for the UI: `docsDone of docsTotal`, a rate and time left.
 * Emitted after every applied batch and on every phase change.
 */
export interface CatalogSyncProgress {
  /**
   * `starting` before the server first answers; `catching-up` while pulling what the terminal lacks
   * (the first sync, or after being offline); `live` when up to date and waiting for changes;
   * `offline` while the server cannot be reached (retrying); `stopped` after stop().
   */
  readonly phase: 'starting' | 'catching-up' | 'live' | 'offline' | 'stopped';
  /** The first sync has reached the server's end once (the local catalog is complete as of then). */
  readonly firstSyncComplete: boolean;
  /** Catalog changes applied locally since the first sync began (persisted: survives restarts). */
  readonly docsDone: number;
  /**
   * What `docsDone` will reach when the current catch-up ends: during the first sync the server's
   * document count (live plus deleted); later `docsDone` plus the server's update_seq minus the local
   * checkpoint when sequences are numbers. Undefined when unknown (CouchDB's opaque sequences).
   */
  readonly docsTotal: number | undefined;
  /** Documents per second over the current catch-up; undefined before its first batch. */
  readonly docsPerSecond: number | undefined;
  /** Estimated milliseconds left in the current catch-up; 0 when live; undefined when unknown. */
  readonly etaMs: number | undefined;
  /**
   * Name/SKU search covers the whole local catalog. A first sync writes documents first and indexes
   * them for search right after its catch-up (scans work before that); false until then.
   */
  readonly searchReady: boolean;
  /** The last failure, in words (the server unreachable, a refused request); cleared on success. */
  readonly error?: string;
}

/** How the catalog is pulled. */
export interface CatalogSyncOptions {
  readonly db: TerminalDatabase;
  readonly store: CatalogStore;
  /** The catalog database's URL, with a trailing slash (`http://server/catalog/`). */
  readonly url: string;
  /** Adds credentials and records reachability; throws when the server cannot be reached. */
  readonly fetch: FetchFn;
  readonly clock: Clock;
  /** `_changes` rows per request (default 5,000). */
  readonly batchSize?: number;
  /** How long a live long-poll waits on the server before asking again (default 50 s). */
  readonly longPollMs?: number;
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
}

interface ChangeRow {
  readonly id: string;
  readonly deleted?: boolean;
  readonly doc?: Record<string, unknown>;
}

interface ChangesAnswer {
  readonly results: readonly ChangeRow[];
  readonly last_seq: string | number;
}

interface DatabaseInfo {
  readonly doc_count?: number;
  readonly doc_del_count?: number;
  readonly update_seq?: string | number;
}

const START: CatalogSyncProgress = {
  phase: 'starting',
  firstSyncComplete: false,
  searchReady: false,
  docsDone: 0,
  docsTotal: undefined,
  docsPerSecond: undefined,
  etaMs: undefined,
};

/**
 * Pull-only replication of the `catalog` database over the CouchDB `_changes` feed, built for a
 * 900,000-document first sync: 5,000 documents per request, the next request in flight while the
 * previous batch is written, products/barcodes/prices written straight to the {@link CatalogStore}
 * (one IndexedDB transaction per batch, checkpoint included), and the few other catalog documents
 * (stores, tax rates and rules, price lists, promotions) upserted into RxDB's `catalog` collection so
 * queries and subscriptions on them keep working. Deletions and updates arrive as `_changes` rows like
 * any other; after the catch-up it long-polls.
 */
export class CatalogSync {
  private readonly subject = new BehaviorSubject<CatalogSyncProgress>(START);
  private readonly abort = new AbortController();
  private readonly batchSize: number;
  private stopped = false;
  /** Set while a run that began with an empty store has not caught up yet: lets new documents skip reads. */
  private fresh: FreshWrites | undefined;
  private loop: Promise<void> | undefined;
  private readonly initial: Promise<void>;
  private resolveInitial: () => void = () => {};
  /** Milliseconds before the next retry while the server is unreachable (doubles up to the maximum). */
  retryTime: number;

  constructor(private readonly options: CatalogSyncOptions) {
    this.batchSize = options.batchSize ?? 5000;
    this.retryTime = options.firstRetryMs ?? 1000;
    this.initial = new Promise((resolve) => {
      this.resolveInitial = resolve;
    });
  }

  /** The progress, replayed to each new subscriber. */
  get progress$(): Observable<CatalogSyncProgress> {
    return this.subject.asObservable();
  }

  get progress(): CatalogSyncProgress {
    return this.subject.value;
  }

  /** Starts pulling (once). */
  start(): this {
    this.loop ??= this.run();
    return this;
  }

  /** Resolves when a catch-up has reached the server's end (or the sync was stopped). */
  awaitInitialSync(): Promise<void> {
    return this.initial;
  }

  /** Stops pulling; resolves when no request or write is in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
    this.resolveInitial();
    this.emit({ phase: 'stopped', etaMs: undefined });
  }

  private emit(change: Partial<CatalogSyncProgress>): void {
    if (this.stopped && change.phase !== 'stopped') return;
    this.subject.next({ ...this.subject.value, ...change });
  }

  private async run(): Promise<void> {
    const first = await this.options.store.checkpoint();
    let checkpoint: CatalogCheckpoint = first ?? { since: 0, docsApplied: 0, firstSyncComplete: false };
    this.emit({
      docsDone: checkpoint.docsApplied,
      firstSyncComplete: checkpoint.firstSyncComplete,
      searchReady: checkpoint.firstSyncComplete && !(await this.options.store.searchPending()),
    });
    if (!first) {
      await this.dropBulkTypesFromRxdb();
      this.fresh = new FreshWrites();
    }
    while (!this.stopped) {
      try {
        checkpoint = await this.catchUp(checkpoint);
        this.fresh = undefined;
        this.retryTime = this.options.firstRetryMs ?? 1000;
        this.resolveInitial();
        this.emit({ phase: 'live', etaMs: 0, error: undefined });
        if (!this.progress.searchReady) {
          await this.options.store.indexPages();
          this.emit({ searchReady: true });
        }
        for (;;) {
          const answer = await this.changes(checkpoint.since, true);
          const write = await this.applyAnswer(answer, checkpoint);
          await write.written;
          checkpoint = write.checkpoint;
          this.emit({ docsDone: checkpoint.docsApplied });
          // A long-poll that came back full means a large publish: catch up with progress again.
          if (answer.results.length >= this.batchSize) break;
        }
      } catch (error) {
        if (this.stopped) break;
        // Batches queued after a failed one aborted themselves: resume from what was committed.
        checkpoint = (await this.options.store.checkpoint().catch(() => undefined)) ?? checkpoint;
        this.emit({ phase: 'offline', error: error instanceof Error ? error.message : String(error) });
        await this.sleep(this.retryTime);
        this.retryTime = Math.min(this.retryTime * 2, this.options.maxRetryMs ?? 60_000);
      }
    }
  }

  /** Pulls until the server has nothing newer, the next request overlapping the current write. */
  private async catchUp(from: CatalogCheckpoint): Promise<CatalogCheckpoint> {
    const info = await this.databaseInfo();
    const startedAt = this.options.clock.now();
    const doneAtStart = from.docsApplied;
    const total = expectedTotal(from, info);
    this.emit({
      phase: 'catching-up',
      docsDone: doneAtStart,
      docsTotal: total,
      docsPerSecond: undefined,
      etaMs: undefined,
      error: undefined,
    });
    let committed = from;
    const report = () => {
      const elapsedS = Math.max(1, this.options.clock.now() - startedAt) / 1000;
      const rate = (committed.docsApplied - doneAtStart) / elapsedS;
      const docsTotal = total === undefined ? undefined : Math.max(total, committed.docsApplied);
      this.emit({
        docsDone: committed.docsApplied,
        docsTotal,
        docsPerSecond: Math.round(rate),
        etaMs:
          docsTotal === undefined || rate <= 0
            ? undefined
            : Math.round(((docsTotal - committed.docsApplied) / rate) * 1000),
        firstSyncComplete: committed.firstSyncComplete,
      });
    };
    // Each batch is reported as soon as its transaction commits (its documents are then local and
    // scannable), not when the next answer arrives; transactions commit in order. A write settling
    // after this catch-up failed is left to the retry, which reads the stored checkpoint.
    let active = true;
    const reportWhenWritten = (write: { checkpoint: CatalogCheckpoint; written: Promise<void> }) => {
      write.written.then(
        () => {
          if (!active) return;
          committed = write.checkpoint;
          report();
        },
        () => {},
      );
    };
    try {
      return await this.pullBatches(from, reportWhenWritten);
    } finally {
      active = false;
    }
  }

  /** The catch-up's loop: each request in flight while the previous batch is written. */
  private async pullBatches(
    from: CatalogCheckpoint,
    reportWhenWritten: (write: { checkpoint: CatalogCheckpoint; written: Promise<void> }) => void,
  ): Promise<CatalogCheckpoint> {
    let prepared = from;
    let writing: Promise<void> = Promise.resolve();
    let next = this.changes(prepared.since, false);
    for (;;) {
      const answer = await next;
      const full = answer.results.length >= this.batchSize;
      if (full) {
        next = this.changes(answer.last_seq, false);
        // Settled below when awaited; this keeps a failure during the write from going unhandled.
        next.catch(() => {});
      }
      // This batch's transaction is queued behind the previous one (same stores, so IndexedDB runs
      // them in order) while the previous commits; it aborts itself unless that one committed.
      const write = await this.applyAnswer(answer, {
        ...prepared,
        firstSyncComplete: !full || from.firstSyncComplete,
      });
      write.written.catch(() => {});
      reportWhenWritten(write);
      await writing;
      prepared = write.checkpoint;
      writing = write.written;
      if (!full) break;
    }
    await writing;
    return prepared;
  }

  /**
   * Writes one `_changes` answer: the few RxDB documents first (awaited, so batches stay in order), then
   * the bulk types with the checkpoint in a store transaction that is queued at once and settles in
   * `written`; it applies only on top of `previous` (the store checks the checkpoint it finds).
   */
  private async applyAnswer(
    answer: ChangesAnswer,
    previous: CatalogCheckpoint,
  ): Promise<{ checkpoint: CatalogCheckpoint; written: Promise<void> }> {
    const put: CatalogDocument[] = [];
    const remove: string[] = [];
    const upserts: EnvelopeDocument[] = [];
    const removals: string[] = [];
    for (const row of answer.results) {
      if (row.id.startsWith('_design/')) continue;
      const deleted = row.deleted === true || row.doc?.['_deleted'] === true;
      const bulk = isBulkCatalogId(row.id);
      if (deleted) (bulk ? remove : removals).push(row.id);
      else if (row.doc) (bulk ? put : upserts).push(localCopy(row.id, row.doc));
    }
    const { db } = this.options;
    if (upserts.length > 0) {
      const result = await db.catalog.bulkUpsert(upserts);
      const [failed] = result.error;
      if (failed)
        this.emit({ error: `catalog document ${failed.documentId} was not stored (${failed.status})` });
    }
    if (removals.length > 0) {
      const present = await db.catalog.findByIds(removals).exec();
      if (present.size > 0) await db.catalog.bulkRemove([...present.keys()]);
    }
    const checkpoint: CatalogCheckpoint = {
      since: answer.last_seq,
      docsApplied: previous.docsApplied + answer.results.length,
      firstSyncComplete: previous.firstSyncComplete,
    };
    const written = this.options.store.apply({ put, remove, checkpoint }, this.fresh, previous.since);
    return { checkpoint, written };
  }

  private async changes(since: string | number, live: boolean): Promise<ChangesAnswer> {
    const params = new URLSearchParams({
      include_docs: 'true',
      since: String(since),
      limit: String(this.batchSize),
    });
    if (live) {
      params.set('feed', 'longpoll');
      params.set('timeout', String(this.options.longPollMs ?? 50_000));
    }
    return (await this.getJson(`${this.options.url}_changes?${params}`)) as ChangesAnswer;
  }

  private async databaseInfo(): Promise<DatabaseInfo> {
    return (await this.getJson(this.options.url)) as DatabaseInfo;
  }

  private async getJson(url: string): Promise<unknown> {
    const response = await this.options.fetch(url, {
      headers: { Accept: 'application/json' },
      signal: this.abort.signal,
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new Error(`catalog sync: ${response.status} from ${url.split('?')[0]}: ${text.slice(0, 200)}`);
    }
    return response.json();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Before the first pull into an empty store: products, barcodes and prices an older terminal kept in
   * RxDB would go stale there (deletions now reach only the store), so they are dropped and pulled again.
   */
  private async dropBulkTypesFromRxdb(): Promise<void> {
    await this.options.db.catalog.find({ selector: { type: { $in: [...BULK_CATALOG_TYPES] } } }).remove();
  }
}

function expectedTotal(from: CatalogCheckpoint, info: DatabaseInfo): number | undefined {
  if (!from.firstSyncComplete) {
    const rows = (info.doc_count ?? 0) + (info.doc_del_count ?? 0);
    return Math.max(rows, from.docsApplied);
  }
  if (typeof info.update_seq === 'number' && typeof from.since === 'number')
    return from.docsApplied + Math.max(0, info.update_seq - from.since);
  return undefined;
}

/**
 * The terminal's copy of a pulled document: CouchDB's `_id`/`_rev` fields dropped, brought to this code's
 * schema version; a document this code cannot migrate (a newer type from a newer server) is kept as it came.
 */
function localCopy(id: string, doc: Record<string, unknown>): CatalogDocument {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) copy[key] = value;
  copy['id'] = id;
  try {
    return migrateDocument(copy) as CatalogDocument;
  } catch {
    return copy as CatalogDocument;
  }
}
