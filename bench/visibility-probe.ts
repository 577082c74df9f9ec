// The terminal page's side of bench/hq-visibility.bench.ts: an init script that watches, without changing
// anything, when the renderer's IndexedDB commits an order and when RxDB's push sends and the sync-server
// acknowledges it. Installed with `context.addInitScript`, so it runs before the renderer's own code.

/** What the page saw, in epoch milliseconds of the page's clock (`performance.timeOrigin + now()`). */
export interface VisibilityProbe {
  /** Order id → when the IndexedDB transaction that first wrote the order completed (it is committed). */
  readonly committed: Record<string, number>;
  /** Document id → when the first push request naming it (POST `_all_docs` or `_bulk_docs`) was sent. */
  readonly pushSent: Record<string, number>;
  /** Document id → when the answer of the `_bulk_docs` carrying it arrived (status 2xx). */
  readonly pushAcked: Record<string, number>;
}

/** The probe as the page holds it. */
export type Probed = { visibilityProbe: VisibilityProbe };

/** Installs the probe (runs in the page: it may use nothing from outside its own body). */
export function installVisibilityProbe(): void {
  const now = () => performance.timeOrigin + performance.now();
  const probe: VisibilityProbe = { committed: {}, pushSent: {}, pushAcked: {} };
  (window as unknown as Probed).visibilityProbe = probe;

  // RxDB's Dexie storage writes each document with put/add inside a readwrite transaction; `complete`
  // fires once that transaction is durable in IndexedDB.
  for (const method of ['put', 'add'] as const) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the store as `this`
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      const doc = args[0] as { id?: unknown; type?: unknown } | null;
      if (doc !== null && typeof doc === 'object' && doc.type === 'order' && typeof doc.id === 'string') {
        const id = doc.id;
        if (!(id in probe.committed))
          this.transaction.addEventListener('complete', () => {
            if (!(id in probe.committed)) probe.committed[id] = now();
          });
      }
      return original.apply(this, args as Parameters<IDBObjectStore['put']>);
    };
  }

  // RxDB's CouchDB push: POST _all_docs {keys} (the remote state), then POST _bulk_docs {docs}.
  const originalFetch = window.fetch.bind(window);
  const idsIn = (body: string): string[] => {
    const parsed = JSON.parse(body) as { keys?: unknown[]; docs?: { _id?: unknown }[] };
    return [...(parsed.keys ?? []), ...(parsed.docs ?? []).map((d) => d._id)].filter(
      (id): id is string => typeof id === 'string',
    );
  };
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const kind = /\/store-[^/?]+\/(_all_docs|_bulk_docs)\b/.exec(url)?.[1];
    const ids = kind && init?.method === 'POST' && typeof init.body === 'string' ? idsIn(init.body) : [];
    const sent = now();
    for (const id of ids) if (!(id in probe.pushSent)) probe.pushSent[id] = sent;
    const response = await originalFetch(input, init);
    if (kind === '_bulk_docs' && response.ok) {
      const acked = now();
      for (const id of ids) if (!(id in probe.pushAcked)) probe.pushAcked[id] = acked;
    }
    return response;
  };
}

/**
 * The probe as init-script source. tsx (esbuild with keepNames) wraps the function's inner functions in
 * `__name(fn, "name")`, a helper that exists in Node but not in the page, so the page gets a stand-in.
 */
export function visibilityProbeScript(): string {
  return `globalThis.__name ??= (fn) => fn;\n(${installVisibilityProbe.toString()})();`;
}
