// Promises over the IndexedDB API (the browser's own, or fake-indexeddb in Node tests).
/** The IndexedDB implementation: the browser's own, or fake-indexeddb in Node tests. */
export interface IndexedDbApi {
  readonly factory: IDBFactory;
  readonly keyRange: typeof IDBKeyRange;
}

/** The result of one IndexedDB request, as a promise. */
export function requestResult<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves when the transaction commits; rejects when it aborts or fails. */
export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}
