// With every collection live, a completed sale is pushed at once: Chromium opens at most 6 HTTP/1.1
// connections per host and every live replication holds a long-poll, so the terminal keeps its
// long-polls few enough (catalog, store, stock-levels: 3) that the sale's _bulk_docs is sent while all of
// them are still open, never queued behind one. Proven by the requests Chromium itself issues, not by a
// stopwatch; the arrival time is printed for the record (budgets are measured in bench/).
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../src/renderer/sale/sale-fixtures';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { chromiumUnavailable } from './chromium';
import { seedCatalog, startSyncServerProcess, startTerminalStack, STORE_ID } from './fixtures';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`live-connections.e2e: skipped, ${unavailable}`);

/** Chromium's limit of concurrent HTTP/1.1 connections to one host. */
const CONNECTIONS_PER_HOST = 6;
const COFFEE = '4006381333931';

function databaseOf(url: string): string {
  return new URL(url).pathname.split('/')[1] ?? '';
}

describe.skipIf(unavailable !== undefined)('every collection live and a sale pushed at once', () => {
  let server: SyncServerProcess;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase(`store-${STORE_ID}`);
    await seedCatalog(server, sampleCatalog(STORE_ID));
  }, 120_000);
  afterAll(() => server?.stop());

  it("sends the sale's push while every collection's long-poll is open, within Chromium's 6 connections", async () => {
    const stack = await startTerminalStack({ server });
    try {
      // Watched from before the page opens, so the first long-polls are seen too.
      const context = stack.browser.context;
      const serverOrigin = new URL(server.url).origin;
      const inFlight = new Set<Request>();
      const pushes: { open: string[]; longPolls: string[] }[] = [];
      context.on('request', (request) => {
        if (new URL(request.url()).origin !== serverOrigin) return;
        if (request.url().includes('/_bulk_docs') && databaseOf(request.url()) === `store-${STORE_ID}`) {
          const open = [...inFlight].map((r) => r.url());
          pushes.push({
            open,
            longPolls: open.filter((u) => u.includes('feed=longpoll')).map(databaseOf),
          });
        }
        inFlight.add(request);
      });
      const done = (request: Request) => inFlight.delete(request);
      context.on('requestfinished', done);
      context.on('requestfailed', done);
      const sell = await stack.openSellPage();

      // Caught up: every collection's replication is long-polling.
      await expect
        .poll(
          () =>
            new Set(
              [...inFlight].filter((r) => r.url().includes('feed=longpoll')).map((r) => databaseOf(r.url())),
            ),
          { timeout: 60_000, interval: 200 },
        )
        .toEqual(new Set(['catalog', `store-${STORE_ID}`, 'stock-levels']));
      await expect
        .poll(
          async () => {
            await sell.scan(COFFEE);
            return sell.lines.count();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBeGreaterThan(0);

      const started = Date.now();
      pushes.length = 0;
      await sell.payCashExact();
      const [record] = stack.host.journal.since(0).entries.slice(-1);
      const orderId = record?.entry.id ?? '';
      await expect
        .poll(() => server.getDocument(`store-${STORE_ID}`, orderId), { timeout: 10_000, interval: 50 })
        .toMatchObject({ _id: orderId, type: 'order' });
      console.log(`live-connections.e2e: order on the server ${Date.now() - started} ms after F12`);

      const [push] = pushes;
      expect(push, 'the sale was pushed').toBeDefined();
      // Every collection was still live when the push went out: it did not wait for a long-poll to end.
      expect(new Set(push?.longPolls)).toEqual(new Set(['catalog', `store-${STORE_ID}`, 'stock-levels']));
      // The push itself plus what was open fits Chromium's connections to the host: nothing queued.
      expect((push?.open.length ?? 0) + 1, `open: ${push?.open.join(' ')}`).toBeLessThanOrEqual(
        CONNECTIONS_PER_HOST,
      );
      expect(sell.consoleErrors).toEqual([]);
    } finally {
      await stack.stop();
    }
  }, 120_000);
});
