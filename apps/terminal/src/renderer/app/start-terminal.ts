import { createIdFactory, type HostBridge, type HostResponse } from '@store-os/shared';
import { SyncLedger } from '../db/sync-ledger';
import { openTerminalDatabase, type TerminalDatabase } from '../db/terminal-database';
import { startHeartbeat, type HeartbeatSender } from '../db/heartbeat';
import { replicateTerminal, type TerminalReplication } from '../db/replicate-terminal';
import { startJournalReplay, type JournalReplay } from '../journal/journal-replay';
import { loadLocalStaff } from '../session/staff-directory';
import { auditCardRecoveries, type CardRecovery } from '../sale/card-recoveries';
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
  /** The start-up journal replay, running beside the screens. */
  readonly replay: JournalReplay;
  readonly checkout: CheckoutDeps;
  /**
   * Card approvals a crash left without a sale, resolved by the host at start (reversed or not) and
   * audited here; the sell screen tells the cashier. Never rejects (a failure is reported in the list's place).
   */
  readonly cardRecoveries: Promise<readonly CardRecovery[] | Error>;
}

const clock = { now: () => Date.now() };

/**
 * Starts the terminal: asks for persistent storage, opens the database, starts replaying the journal into it,
 * and, when enrolled with a sync-server, starts live replication and the heartbeat to HQ.
 */
export async function startTerminal(host: HostBridge): Promise<TerminalContext> {
  const info = await host.invoke('app.info', {});
  // Chromium may evict IndexedDB under storage pressure unless the origin holds persistent storage.
  await navigator.storage?.persist?.().catch(() => false);
  const db = await openTerminalDatabase({ name: `pos-${info.storeId}-${info.terminalId}`.toLowerCase() });
  const ledger = new SyncLedger(db, clock);
  await loadLocalStaff(db, (await host.invoke('staff.local', {})).documents);
  // Not awaited: what is already local is usable while older sales are put back (progress in the header).
  const replay = startJournalReplay(host, db, ledger);
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
  const checkout: CheckoutDeps = {
    db,
    ledger,
    host,
    newId: createIdFactory({ originId: info.terminalId, clock, random }),
    now: () => new Date(),
    terminalId: info.terminalId,
  };
  const cardRecoveries = auditCardRecoveries(checkout, info.storeId).catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
  return {
    host,
    info,
    db,
    ledger,
    replication,
    heartbeat,
    replay,
    checkout,
    cardRecoveries,
  };
}
