// A sync-server on a data folder of its own, with the checkout catalog and the loyalty customer, that a
// spec can stop (every terminal goes offline) and start again on the same port and data (the same
// server comes back, and the terminals' replication resumes by itself).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutCatalog, sampleCustomer } from '../src/renderer/sale/sale-fixtures';
import type { SyncServerProcess } from '../test/sync-server-process';
import { prepareStore, seedCatalog, startSyncServerProcess, STORE_ID } from './fixtures';

/** The running server, and how to take it away and bring it back. */
export interface RestartableServer {
  /** The server now running (a new process after each `start`). */
  readonly current: SyncServerProcess;
  /** Stops the server: every terminal loses its connection. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<SyncServerProcess>;
  /** Stops it (if running) and removes its data. */
  dispose(): Promise<void>;
}

export async function restartableCheckoutServer(): Promise<RestartableServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ops-offline-server-'));
  let current = await startSyncServerProcess(undefined, { dataDir });
  let running = true;
  await prepareStore(current);
  await seedCatalog(current, checkoutCatalog(STORE_ID));
  await current.putDocuments(`store-${STORE_ID}`, [sampleCustomer(STORE_ID)]);
  const port = current.port;
  return {
    get current() {
      return current;
    },
    async stop() {
      running = false;
      await current.stop();
    },
    async start() {
      current = await startSyncServerProcess(undefined, { dataDir, port });
      running = true;
      return current;
    },
    async dispose() {
      if (running) await current.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
