import { createIdFactory, type HostBridge, type HostResponse } from '@store-os/shared';
import { SyncLedger } from '../db/sync-ledger';
import { openTerminalDatabase, type TerminalDatabase } from '../db/terminal-database';
import { startHeartbeat, type HeartbeatSender } from '../db/heartbeat';
import { replicateTerminal, type TerminalReplication } from '../db/replicate-terminal';
import { replayJournal, type ReplayOutcome } from '../journal/replay-journal';
import { loadLocalStaff } from '../session/staff-directory';
import type { CheckoutDeps } from '../sale/complete-sale';

/** Everything the screens use, built once at start. */
export interface TerminalContext {
  readonly host: HostBridge;
  readonly info: HostResponse<'app.info'>;
  readonly db: TerminalDatabase;
  readonly ledger: SyncLedger;
  readonly replication: TerminalReplication | undefined;
  /** Reports this terminal's health to HQ while online (undefined when standalone). */
  readonly heartbeat: HeartbeatSender | undefined;
  readonly replay: ReplayOutcome;
  readonly checkout: CheckoutDeps;
}

const clock = { now: () => Date.now() };

/**
 * Starts the terminal: asks for persistent storage, opens the database, replays the journal into it,
 * and, when enrolled with a sync-server, starts live replication and the heartbeat to HQ.
 */
export async function startTerminal(host: HostBridge): Promise<TerminalContext> {
  const info = await host.invoke('app.info', {});
  // Chromium may evict IndexedDB under storage pressure unless the origin holds persistent storage.
  await navigator.storage?.persist?.().catch(() => false);
  const db = await openTerminalDatabase({ name: `pos-${info.storeId}-${info.terminalId}`.toLowerCase() });
  const ledger = new SyncLedger(db, clock);
  await loadLocalStaff(db, (await host.invoke('staff.local', {})).documents);
  const replay = await replayJournal(host, db, ledger);
  const authorization = await host.invoke('sync.authorization', {});
  const replication = info.syncServerUrl
    ? replicateTerminal(db, {
        serverUrl: info.syncServerUrl,
        storeId: info.storeId,
        authorization: authorization.value,
        ledger,
        clock,
      })
    : undefined;
  const heartbeat =
    info.syncServerUrl && replication
      ? startHeartbeat({
          serverUrl: info.syncServerUrl,
          authorization: authorization.value,
          info,
          host,
          ledger,
          connectivity: replication.connectivity,
          clock,
        })
      : undefined;
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  return {
    host,
    info,
    db,
    ledger,
    replication,
    heartbeat,
    replay,
    checkout: {
      db,
      ledger,
      host,
      newId: createIdFactory({ originId: info.terminalId, clock, random }),
      now: () => new Date(),
      terminalId: info.terminalId,
    },
  };
}
