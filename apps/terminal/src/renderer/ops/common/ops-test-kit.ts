// Test support for the ops flows (imported by *.test.ts only): an in-memory terminal database, a host
// that records print, drawer and payment calls, and deterministic ids and time.
import {
  createIdFactory,
  type HostBridge,
  type HostMethod,
  type HostRequest,
  type HostResponse,
} from '@store-os/shared';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { sampleCatalog } from '../../sale/sale-fixtures';
import { SyncLedger } from '../../db/sync-ledger';
import { openTerminalDatabase, type EnvelopeDocument } from '../../db/terminal-database';
import type { OpsDeps } from './ops-deps';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
let counter = 0;

/** What the recording host saw. */
export interface RecordedHost {
  readonly bridge: HostBridge;
  readonly calls: { method: HostMethod; request: unknown }[];
  /** Makes the next print fail with this message (paper out…). */
  failPrintWith?: string;
  /** Makes the next drawer open fail with this message (drawer not connected…). */
  failDrawerWith?: string;
}

/** A host that answers print, drawer and payment calls (payments approve at once). */
export function recordingHost(): RecordedHost {
  const recorded: RecordedHost = {
    calls: [],
    bridge: {
      invoke<M extends HostMethod>(method: M, request: HostRequest<M>): Promise<HostResponse<M>> {
        recorded.calls.push({ method, request });
        const answer = (value: unknown) => Promise.resolve(value as HostResponse<M>);
        if (method === 'printer.print') {
          const reason = recorded.failPrintWith;
          recorded.failPrintWith = undefined;
          if (reason) return Promise.reject(new Error(reason));
          return answer({ jobId: (request as { jobId: string }).jobId, state: 'printed' });
        }
        if (method === 'drawer.open') {
          const reason = recorded.failDrawerWith;
          recorded.failDrawerWith = undefined;
          if (reason) return Promise.reject(new Error(reason));
          return answer({ opened: true });
        }
        if (method === 'journal.append')
          return answer({ seq: recorded.calls.length, appendedAt: 1, duplicate: false });
        if (method === 'payment.start' || method === 'payment.status') {
          return answer({
            transactionId: (request as { transactionId: string }).transactionId,
            state: 'approved',
            approval: { authCode: 'A1', maskedPan: '****4242', token: 'tok-new' },
          });
        }
        return Promise.reject(new Error(`test host: ${method} not simulated`));
      },
      on: () => () => undefined,
    },
  };
  return recorded;
}

/** Ops dependencies over a fresh in-memory database holding the sample catalog. */
export async function opsTestDeps(options: { now?: number; storeId?: string } = {}): Promise<{
  deps: OpsDeps;
  host: RecordedHost;
  dispose(): Promise<void>;
}> {
  let now = options.now ?? Date.UTC(2026, 10, 23, 9);
  const clock = { now: () => (now += 1000) };
  const db = await openTerminalDatabase({ name: `ops-test-${(counter += 1)}-${Date.now()}`, storage });
  await db.catalog.bulkInsert(sampleCatalog(options.storeId ?? 's001') as EnvelopeDocument[]);
  const host = recordingHost();
  const deps: OpsDeps = {
    db,
    ledger: new SyncLedger(db, clock),
    host: host.bridge,
    newId: createIdFactory({
      originId: 's001-t01',
      clock,
      random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    }),
    now: () => new Date(clock.now()),
    terminalId: 's001-t01',
    storeId: options.storeId ?? 's001',
    serverUrl: null,
  };
  return { deps, host, dispose: () => db.remove().then(() => undefined) };
}
