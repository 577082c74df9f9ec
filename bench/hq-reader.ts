// HQ's side of bench/hq-visibility.bench.ts, as an HQ user of the sync-server: a continuous `_changes`
// feed of the store database (when each document became durable on the server, as HQ can read it) and a
// tight poll of the sales summary the console shows (when the figures count an order).

/** Where and as whom HQ reads, and the clock every time it reports is on. */
export interface HqReaderOptions {
  readonly serverUrl: string;
  /** `Authorization` header of an `hq` user. */
  readonly authorization: string;
  readonly storeId: string;
  /** Milliseconds on the bench's clock (epoch based, so the page's clock can be mapped onto it). */
  readonly now: () => number;
}

/** The first answer of the sales summary that counted the wanted orders. */
export interface Visible {
  /** When that answer arrived. */
  readonly at: number;
  /** When the request of the answer before it (which did not count them yet) was sent. */
  readonly notBefore: number;
  /** Summary requests made while waiting. */
  readonly polls: number;
}

/** A running HQ reader. */
export interface HqReader {
  /** When the store database's changes feed first listed the document, or undefined. */
  arrivedAt(id: string): number | undefined;
  /** Waits until the changes feed lists the document; rejects when the feed failed or after `timeoutMs`. */
  waitForArrival(id: string, timeoutMs: number): Promise<number>;
  /** Orders counted by `/_hq/api/sales/summary` for the store (yesterday to tomorrow, UTC dates). */
  orders(): Promise<number>;
  /**
   * Polls the summary every `intervalMs` until it counts at least `count` orders, starting at once; the
   * first answer must count fewer (else the wait started too late to time anything). Undefined after
   * `timeoutMs`.
   */
  waitForOrders(count: number, intervalMs: number, timeoutMs: number): Promise<Visible | undefined>;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts following the store database's changes from now on. */
export async function startHqReader(options: HqReaderOptions): Promise<HqReader> {
  const { serverUrl, authorization, storeId, now } = options;
  const headers = { Authorization: authorization };
  const arrivals = new Map<string, number>();
  const waiters = new Set<() => void>();
  let failure: Error | undefined;
  const abort = new AbortController();
  // A business date is the store's local date: one day either side of today's UTC date covers any zone.
  const summaryUrl = (() => {
    const today = Date.now();
    const q = new URLSearchParams({
      from: isoDay(today - DAY_MS),
      to: isoDay(today + DAY_MS),
      store: storeId,
      groupBy: 'none',
    });
    return `${serverUrl}/_hq/api/sales/summary?${q.toString()}`;
  })();

  const feedUrl = `${serverUrl}/store-${storeId}/_changes?feed=continuous&since=now&heartbeat=5000`;
  const feed = await fetch(feedUrl, { headers, signal: abort.signal });
  if (!feed.ok || !feed.body) throw new Error(`HQ cannot follow store-${storeId}: HTTP ${feed.status}`);
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of feed.body as unknown as AsyncIterable<Uint8Array>) {
      const at = now();
      buffered += decoder.decode(chunk, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue; // heartbeat
        const row = JSON.parse(line) as { id?: string };
        if (row.id && !arrivals.has(row.id)) arrivals.set(row.id, at);
      }
      for (const wake of waiters) wake();
    }
    if (!abort.signal.aborted) throw new Error(`the changes feed of store-${storeId} ended`);
  })().catch((error: unknown) => {
    if (abort.signal.aborted) return;
    failure = error instanceof Error ? error : new Error(String(error));
    for (const wake of waiters) wake();
  });

  const orders = async (): Promise<number> => {
    const res = await fetch(summaryUrl, { headers });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${summaryUrl}: HTTP ${res.status} ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { rows: { orders: number }[] };
    return body.rows.reduce((sum, row) => sum + row.orders, 0);
  };

  return {
    arrivedAt: (id) => arrivals.get(id),
    waitForArrival(id, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const at = arrivals.get(id);
          if (at === undefined && failure === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          if (at !== undefined) resolve(at);
          else reject(failure ?? new Error('unreachable'));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`store-${storeId}'s changes feed did not list ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    orders,
    async waitForOrders(count, intervalMs, timeoutMs) {
      const deadline = now() + timeoutMs;
      let polls = 0;
      let previousSent = Number.NaN;
      while (now() < deadline) {
        const sent = now();
        const counted = await orders();
        const answered = now();
        polls += 1;
        if (counted >= count) {
          if (polls === 1)
            throw new Error(
              `HQ already counted ${counted} orders (waiting for ${count}) before the sale completed: nothing to time`,
            );
          return { at: answered, notBefore: previousSent, polls };
        }
        previousSent = sent;
        await sleep(Math.max(0, intervalMs - (answered - sent)));
      }
      return undefined;
    },
    async stop() {
      abort.abort();
      await reading;
    },
  };
}
