// For the `--couch-url` tests: pouchdb-server standing in for CouchDB, and this server's couch mode on it
// with a fresh data folder. Passes of the roll-up and the replica run only when a test asks for them.
import { rm } from 'node:fs/promises';
import type { IntegrationApiOptions } from '../api/integration-api';
import { startPouchServer, type PouchServerPeer } from '../testing/pouchdb-server-peer';
import { tempDataDir } from '../testing/test-server';
import { startCouchMode, type CouchModeServer } from './couch-mode';

/** Starts (or restarts) the couch mode on `couchUrl` with `dataDir`, its timers a minute apart, silent. */
export function startTestCouchMode(
  couchUrl: string,
  dataDir: string,
  integrationApi?: IntegrationApiOptions,
): Promise<CouchModeServer> {
  return startCouchMode({
    couchUrl,
    port: 0,
    dataDir,
    rollupIntervalMs: 60_000,
    replicaIntervalMs: 60_000,
    log: () => undefined,
    ...(integrationApi ? { integrationApi } : {}),
  });
}

export interface CouchModeFixture {
  couch: PouchServerPeer;
  /** Replaced by a test that restarts the server. */
  server: CouchModeServer;
  dataDir: string;
  /** Stops the server and pouchdb-server, and removes the data folder. */
  stop(): Promise<void>;
}

export async function startCouchModeFixture(
  integrationApi?: IntegrationApiOptions,
): Promise<CouchModeFixture> {
  const couch = await startPouchServer({ inMemory: true });
  const dataDir = tempDataDir('couch-mode-');
  const fixture: CouchModeFixture = {
    couch,
    server: await startTestCouchMode(couch.url, dataDir, integrationApi),
    dataDir,
    async stop() {
      await fixture.server.close();
      await couch.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}
