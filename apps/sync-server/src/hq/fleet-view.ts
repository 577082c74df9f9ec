// The fleet at a glance: stores, terminals with their last heartbeat and what is wrong with them, and
// the people with credentials. A terminal is stale when its last successful sync (or, if it never
// reported one, its last heartbeat) is older than the threshold.
import type Database from 'better-sqlite3';
import type { Role } from '../auth/principal';
import type { StoredHeartbeat } from './heartbeat-store';

/** Why a terminal needs attention. */
export type FleetProblem =
  'not-synced' | 'no-heartbeat' | 'printer' | 'drawer' | 'payment-terminal' | 'pending-docs';

/** A terminal in the fleet view. */
export interface FleetTerminal {
  terminalId: string;
  storeId: string | null;
  revoked: boolean;
  lastHeartbeat: StoredHeartbeat | null;
  stale: boolean;
  problems: FleetProblem[];
}

/** What a terminal's latest heartbeat says is wrong, at `now`. */
export function terminalProblems(
  hb: StoredHeartbeat | undefined,
  now: number,
  staleAfterMinutes: number,
): { stale: boolean; problems: FleetProblem[] } {
  if (!hb) return { stale: true, problems: ['no-heartbeat'] };
  const problems: FleetProblem[] = [];
  const reference = Date.parse(hb.lastSyncAt ?? hb.receivedAt);
  const stale = now - reference > staleAfterMinutes * 60_000;
  if (stale) problems.push('not-synced');
  if (hb.devices.printer === 'error' || hb.devices.printer === 'warning') problems.push('printer');
  if (hb.devices.drawer === 'error') problems.push('drawer');
  if (hb.devices.paymentTerminal === 'error') problems.push('payment-terminal');
  if (hb.pendingDocs > 0 && stale) problems.push('pending-docs');
  return { stale, problems };
}

interface PrincipalRow {
  name: string;
  role: Role;
  store_id: string | null;
  revoked: number;
}

/** Terminals and users from the credential directory (embedded mode), limited to `storeIds` if given. */
export function fleetView(
  db: Database.Database,
  heartbeats: Map<string, StoredHeartbeat>,
  opts: { now: number; staleAfterMinutes: number; storeIds?: string[] },
) {
  const principals = db
    .prepare<[], PrincipalRow>('SELECT name, role, store_id, revoked FROM principals ORDER BY name')
    .all()
    .filter((p) => !opts.storeIds || (p.store_id !== null && opts.storeIds.includes(p.store_id)));
  const terminals: FleetTerminal[] = principals
    .filter((p) => p.role === 'terminal')
    .map((p) => {
      const hb = heartbeats.get(p.name);
      return {
        terminalId: p.name,
        storeId: p.store_id,
        revoked: p.revoked === 1,
        lastHeartbeat: hb ?? null,
        ...(p.revoked === 1
          ? { stale: false, problems: [] }
          : terminalProblems(hb, opts.now, opts.staleAfterMinutes)),
      };
    });
  const users = principals
    .filter((p) => p.role !== 'terminal')
    .map((p) => ({
      name: p.name,
      role: p.role,
      ...(p.store_id ? { storeId: p.store_id } : {}),
      revoked: p.revoked === 1,
    }));
  return { terminals, users };
}
