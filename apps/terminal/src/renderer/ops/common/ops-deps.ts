import type { HostBridge, IdFactory } from '@store-os/shared';
import type { TerminalContext } from '../../app/start-terminal';
import type { SyncLedger } from '../../db/sync-ledger';
import type { TerminalDatabase } from '../../db/terminal-database';

/** What the store-operations flows need: the database, the host, ids and time, and where the server is. */
export interface OpsDeps {
  readonly db: TerminalDatabase;
  readonly ledger: SyncLedger;
  readonly host: HostBridge;
  readonly newId: IdFactory;
  readonly now: () => Date;
  readonly terminalId: string;
  readonly storeId: string;
  /** The sync-server, when this terminal has one; lookups beyond the store's data need it. */
  readonly serverUrl: string | null;
}

/** The ops dependencies of a running terminal. */
export function opsDeps(context: TerminalContext): OpsDeps {
  const { db, ledger, host, newId, now, terminalId } = context.checkout;
  return {
    db,
    ledger,
    host,
    newId,
    now,
    terminalId,
    storeId: context.info.storeId,
    serverUrl: context.info.syncServerUrl,
  };
}

/** An error as a sentence for the status line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
