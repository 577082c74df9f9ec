// Test support: the host as the renderer sees it (contract-validated bridge, real fsynced journal) with
// scripted devices, so checkout code is tested against the same boundary it meets in the terminal.
import {
  createBridgeClient,
  serveHostCall,
  type HostBridge,
  type HostHandlers,
  type HostRequest,
  type HostResponse,
} from '@store-os/shared';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { startTestHost } from '../../../test/test-host';
import { openTerminalDatabase, type EnvelopeDocument, type TerminalDatabase } from '../db/terminal-database';
import { checkoutCatalog, sampleCustomer } from './sale-fixtures';

type PaymentState = HostResponse<'payment.status'>['state'];

/** A counter whose devices a test scripts and inspects. */
export interface FakeCounter {
  readonly bridge: HostBridge;
  /** Every device call, in order. */
  readonly calls: { method: string; request: unknown }[];
  /** Answers `payment.status` gives, one per call; the last repeats. `start` always answers pending. */
  paymentAnswers: PaymentState[];
  /** While true, print and drawer calls fail the way a printer with no paper does. */
  paperOut: boolean;
  readonly printed: HostRequest<'printer.print'>[];
  drawerOpens: number;
  readonly display: string[][];
  dispose(): Promise<void>;
}

const APPROVAL = { authCode: '012345', maskedPan: '411111******1111', token: 'tok-1', brand: 'visa' };

/** Starts a test host with scripted devices behind a validating bridge. */
export async function startFakeCounter(): Promise<FakeCounter> {
  const test = await startTestHost();
  const counter: FakeCounter = {
    bridge: undefined as unknown as HostBridge,
    calls: [],
    paymentAnswers: ['approved'],
    paperOut: false,
    printed: [],
    drawerOpens: 0,
    display: [],
    dispose: () => test.dispose(),
  };
  const log = (method: string, request: unknown) => counter.calls.push({ method, request });
  const statusOf = (transactionId: string): HostResponse<'payment.status'> => {
    const state =
      counter.paymentAnswers.length > 1 ? counter.paymentAnswers.shift() : counter.paymentAnswers[0];
    const s = state ?? 'unknown';
    return { transactionId, state: s, ...(s === 'approved' ? { approval: APPROVAL } : {}) };
  };
  const handlers: HostHandlers = {
    ...test.host.handlers,
    'printer.print': (job) => {
      log('printer.print', job);
      if (counter.paperOut)
        return Promise.reject(new Error('receipt: cannot print: paper-out. Fix it and retry.'));
      counter.printed.push(job);
      return Promise.resolve({ jobId: job.jobId, state: 'printed' });
    },
    'drawer.open': (request) => {
      log('drawer.open', request);
      counter.drawerOpens += 1;
      return Promise.resolve({ opened: true });
    },
    'payment.start': (request) => {
      log('payment.start', request);
      return Promise.resolve({ transactionId: request.transactionId, state: 'pending' });
    },
    'payment.status': (request) => {
      log('payment.status', request);
      return Promise.resolve(statusOf(request.transactionId));
    },
    'payment.abort': (request) => {
      log('payment.abort', request);
      counter.paymentAnswers = ['aborted'];
      return Promise.resolve({ transactionId: request.transactionId, state: 'pending' });
    },
    'display.text': (request) => {
      log('display.text', request);
      counter.display.push([...request.lines]);
      return Promise.resolve({});
    },
    'scale.read': (request) => {
      log('scale.read', request);
      return Promise.resolve({ grams: 1250, stable: true });
    },
  };
  (counter as { bridge: HostBridge }).bridge = createBridgeClient({
    call: (method, payload) => serveHostCall(handlers, method, payload),
    subscribe: () => () => undefined,
  });
  return counter;
}

/** Resolves at once: card polling in tests runs without timers. */
export const noWait = (): Promise<void> => Promise.resolve();

let databases = 0;

/** A fresh terminal database on fake-indexeddb with the checkout catalog and a loyalty customer. */
export async function openCheckoutDatabase(): Promise<TerminalDatabase> {
  const db = await openTerminalDatabase({
    name: `checkout-test-${(databases += 1)}-${Date.now()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await db.catalog.bulkInsert(checkoutCatalog('s001') as EnvelopeDocument[]);
  await db.store.insert(sampleCustomer('s001') as EnvelopeDocument);
  return db;
}
