// All-or-nothing writes across several databases for the API: documents go through the same writer
// and the same validator as `_bulk_docs`, but inside one transaction job, and the first refused
// document throws, which rolls back every database the job touched (a batch is never half-applied).
import type { FieldError } from '@store-os/shared/integration';
import type { MovementDoc } from '@store-os/shared/schemas';
import type { Principal } from '../auth/principal';
import { writeDocs, type WriteResult } from '../storage/doc-writer';
import type { SqliteStore } from '../storage/sqlite-store';
import { prepareStatements, type ChangeRow, type StoreStatements } from '../storage/store-statements';
import { writeCheckFor, type ValidateDocument } from '../validation/write-validator';
import { ApiProblem } from './api-problem';

/** The server writes API facts as this principal: HQ rights (catalog, stores, web-orders), not admin's. */
export const API_WRITER: Principal = { name: 'integration-api', role: 'hq' };

const statementsOf = new WeakMap<SqliteStore, StoreStatements>();

/** One transaction's writes; use only inside `store.transact`. */
export class AtomicWriter {
  readonly touched = new Set<string>();
  /** Movements written to store databases, for the roll-up overlay once the job succeeds. */
  readonly movements: { storeDb: string; docs: MovementDoc[] }[] = [];
  private readonly st: StoreStatements;

  constructor(
    private readonly store: SqliteStore,
    private readonly validate: ValidateDocument,
  ) {
    let st = statementsOf.get(store);
    if (!st) statementsOf.set(store, (st = prepareStatements(store.sqlite)));
    this.st = st;
  }

  /**
   * Writes `docs` (each with `_id`, and `_rev` when it updates) into `dbName`; throws a 422 problem
   * naming every refused document (pointer `<pointerBase>/<index>`) so the whole job rolls back.
   */
  write(dbName: string, docs: Record<string, unknown>[], pointerBase = '/docs'): WriteResult[] {
    const info = this.store.info(dbName);
    if (!info)
      throw new ApiProblem(409, 'conflict', `Database ${dbName} does not exist; create the store first.`);
    const check = writeCheckFor(API_WRITER, dbName, this.validate);
    const results = writeDocs(this.st, info.dbid, docs, true, check);
    if (dbName.startsWith('store-')) {
      const written = docs.filter((d) => d.type === 'movement') as unknown as MovementDoc[];
      if (written.length > 0) this.movements.push({ storeDb: dbName, docs: written });
    }
    this.store.notifier.touch(dbName);
    this.touched.add(dbName);
    const errors: FieldError[] = [];
    results.forEach((r, i) => {
      if ('error' in r)
        errors.push({ pointer: `${pointerBase}/${i}`, detail: `${r.id}: ${r.reason}`, code: r.error });
    });
    if (errors.length > 0) {
      throw new ApiProblem(
        422,
        'validation-failed',
        `${errors.length} of ${docs.length} documents were refused, so none was written; fix them and send the batch again.`,
        errors,
      );
    }
    return results;
  }

  /** Changes of `dbName` after `since` with bodies, read inside this transaction (no shared cache). */
  changes(dbName: string, since: number, limit: number): ChangeRow[] {
    const info = this.store.info(dbName);
    return info ? this.st.changesWithDocs.all(info.dbid, since, limit) : [];
  }

  /** The current winning revision of a document, if it exists and is not deleted. */
  currentRev(dbName: string, id: string): string | undefined {
    const info = this.store.info(dbName);
    const row = info ? this.store.getDoc(info, id) : undefined;
    return row && row.deleted === 0 ? row.winning_rev : undefined;
  }
}
