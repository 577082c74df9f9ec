import { fixedClock } from '@store-os/shared';
import { exampleOrder } from '@store-os/shared/schemas';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSyncServerProcess,
  syncServerUnavailable,
  type SyncServerProcess,
} from '../../../test/sync-server-process';
import { replicateTerminal, type TerminalReplication } from './replicate-terminal';
import { saveDocuments } from './save-documents';
import { SyncLedger } from './sync-ledger';
import { openTerminalDatabase, type EnvelopeDocument, type TerminalDatabase } from './terminal-database';

const unavailable = syncServerUnavailable();
if (unavailable) console.log(`replicate-terminal.test: skipped, ${unavailable}`);

describe.skipIf(unavailable !== undefined)('replicateTerminal against the real sync-server', () => {
  let server: SyncServerProcess;
  let db: TerminalDatabase;
  let ledger: SyncLedger;
  let replication: TerminalReplication;

  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase('store-s001');
    db = await openTerminalDatabase({
      name: `replication-test-${Date.now()}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    });
    ledger = new SyncLedger(db, fixedClock(1));
    replication = replicateTerminal(db, {
      serverUrl: server.url,
      storeId: 's001',
      authorization: server.adminAuthorization,
      ledger,
      clock: fixedClock(1),
    });
    await Promise.all(Object.values(replication.states).map((s) => s.awaitInitialReplication()));
  }, 90_000);

  afterAll(async () => {
    await replication?.stop();
    await db?.remove();
    await server?.stop();
  });

  it('pushes a sale to the store database and marks it synced; a refused document is marked rejected without blocking it', async () => {
    const good = { ...exampleOrder, id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A1C' } as EnvelopeDocument;
    const wrongStore = {
      ...exampleOrder,
      id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A2D',
      storeId: 's999',
    } as EnvelopeDocument;
    await saveDocuments(db, ledger, 'store', [wrongStore, good]);
    expect((await ledger.stateOf('store', good.id))?.state).toMatch(/pending|synced/);

    await expect
      .poll(() => server.getDocument('store-s001', good.id), { timeout: 15_000 })
      .toMatchObject({ _id: good.id, storeId: 's001' });
    await expect
      .poll(async () => (await ledger.stateOf('store', good.id))?.state, { timeout: 15_000 })
      .toBe('synced');
    // The good document may come back by the live pull before the push answer is recorded: poll both.
    await expect
      .poll(async () => (await ledger.stateOf('store', wrongStore.id))?.state, { timeout: 15_000 })
      .toBe('rejected');
    const rejected = await ledger.stateOf('store', wrongStore.id);
    expect(rejected?.reason).toContain('does not match');
    expect(await server.getDocument('store-s001', wrongStore.id)).toBeUndefined();
    expect(await firstValueFrom(ledger.pendingCount$())).toBe(0);
    expect(replication.connectivity.state.online).toBe(true);

    // The next sale still goes through: the rejected one is not retried in front of it.
    const next = { ...exampleOrder, id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A3E' } as EnvelopeDocument;
    await saveDocuments(db, ledger, 'store', [next]);
    await expect
      .poll(() => server.getDocument('store-s001', next.id), { timeout: 15_000 })
      .toMatchObject({ _id: next.id });
  }, 60_000);

  it('writes a fact once: saving it again inserts nothing', async () => {
    const doc = { ...exampleOrder, id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A4F' } as EnvelopeDocument;
    expect(await saveDocuments(db, ledger, 'store', [doc])).toEqual({ inserted: 1 });
    expect(await saveDocuments(db, ledger, 'store', [doc])).toEqual({ inserted: 0 });
  });
});

describe('replicateTerminal with the server unreachable', () => {
  it('backs off its retries and reports offline, without losing local writes', async () => {
    const db = await openTerminalDatabase({
      name: `offline-test-${Date.now()}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    });
    const ledger = new SyncLedger(db, fixedClock(1));
    const replication = replicateTerminal(db, {
      serverUrl: 'http://127.0.0.1:9',
      storeId: 's001',
      authorization: null,
      ledger,
      clock: fixedClock(1),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    try {
      const doc = { ...exampleOrder, id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A5G' } as EnvelopeDocument;
      await saveDocuments(db, ledger, 'store', [doc]);
      await expect.poll(() => replication.states.store.retryTime, { timeout: 10_000 }).toBeGreaterThan(1000);
      expect(replication.states.store.retryTime).toBeLessThanOrEqual(60_000);
      expect(replication.connectivity.state).toMatchObject({ online: false, reason: 'fetch failed' });
      expect((await ledger.stateOf('store', doc.id))?.state).toBe('pending');
      expect(await firstValueFrom(ledger.pendingCount$())).toBe(1);
    } finally {
      await replication.stop();
      await db.remove();
    }
  }, 30_000);
});
