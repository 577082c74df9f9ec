import { fixedClock, type Heartbeat } from '@store-os/shared';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSyncServerProcess,
  syncServerUnavailable,
  type SyncServerProcess,
} from '../../../test/sync-server-process';
import { Connectivity } from './connectivity';
import { startHeartbeat } from './heartbeat';
import { SyncLedger } from './sync-ledger';
import { openTerminalDatabase, type TerminalDatabase } from './terminal-database';

const unavailable = syncServerUnavailable();
if (unavailable) console.log(`heartbeat.test: skipped, ${unavailable}`);

describe.skipIf(unavailable !== undefined)('heartbeat to HQ', () => {
  let server: SyncServerProcess;
  let db: TerminalDatabase;
  let authorization: string;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createStore('s001');
    const code = await server.enrollmentCode('s001', 's001-t05');
    const res = await fetch(`${server.url}/_pos/enroll`, { method: 'POST', body: JSON.stringify({ code }) });
    const { name, password } = (await res.json()) as { name: string; password: string };
    authorization = `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
    db = await openTerminalDatabase({
      name: `heartbeat-${Date.now()}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    });
  }, 90_000);
  afterAll(async () => {
    await db?.remove();
    await server?.stop();
  });

  it('reports version, waiting documents, devices and the offline period just ended, as the terminal itself', async () => {
    const clock = fixedClock(Date.parse('2026-11-23T10:00:00Z'));
    const connectivity = new Connectivity(clock);
    const ledger = new SyncLedger(db, clock);
    await ledger.markPending('store', [
      's001-t05-01JD5Z8Q2W3E4R5T6Y7V8X9A1C',
      's001-t05-01JD5Z8Q2W3E4R5T6Y7V8X9A2D',
    ]);
    const sent: Heartbeat[] = [];
    const heartbeat = startHeartbeat({
      serverUrl: server.url,
      authorization,
      info: {
        version: '1.4.0',
        mode: 'browser',
        terminalId: 's001-t05',
        storeId: 's001',
        syncServerUrl: server.url,
        startedAt: clock.now(),
      },
      host: {
        invoke: () =>
          Promise.resolve({
            devices: [{ id: 'p1', kind: 'printer', name: 'Receipt', state: 'error', detail: 'paper out' }],
          }),
        on: () => () => undefined,
      } as never,
      ledger,
      connectivity,
      clock,
      intervalMs: 3_600_000,
      fetch: async (input, init) => {
        sent.push(JSON.parse(init.body as string) as Heartbeat);
        return fetch(input, init);
      },
    });
    try {
      connectivity.reachable();
      clock.advance(60_000);
      connectivity.unreachable('fetch failed');
      clock.advance(120_000);
      connectivity.reachable(); // back online: a heartbeat goes at once
      const stored = async () => {
        const res = await fetch(`${server.url}/_hq/api/fleet/terminals/s001-t05/heartbeats`, {
          headers: { Authorization: server.adminAuthorization },
        });
        return ((await res.json()) as { rows: Heartbeat[] }).rows;
      };
      await expect.poll(async () => (await stored()).length, { timeout: 15_000 }).toBe(1);
      clock.advance(60_000);
      // HQ can hold the reconnect beat before its post has settled here; a beat() called then shares
      // that post (one heartbeat at a time), so beat until a second one has gone.
      await expect
        .poll(async () => {
          expect(await heartbeat.beat()).toBe(true);
          return sent.length;
        })
        .toBe(2);
      const rows = await stored();
      expect(rows).toHaveLength(2);
      const first = rows.at(-1);
      expect(first).toMatchObject({
        terminalId: 's001-t05',
        appVersion: '1.4.0',
        pendingDocs: 2,
        devices: { printer: 'error', drawer: 'absent', paymentTerminal: 'absent' },
        offlinePeriods: [{ from: '2026-11-23T10:01:00.000Z', to: '2026-11-23T10:03:00.000Z' }],
      });
      // HQ has that period now: the next heartbeat does not report it again.
      expect(rows[0]?.offlinePeriods).toEqual([]);

      // Another terminal's credential cannot speak for this one.
      const forged = await fetch(`${server.url}/_hq/api/heartbeat`, {
        method: 'POST',
        headers: { Authorization: server.adminAuthorization, 'content-type': 'application/json' },
        body: JSON.stringify(first),
      });
      expect(forged.status).toBe(403);
    } finally {
      heartbeat.stop();
    }
  }, 60_000);
});
