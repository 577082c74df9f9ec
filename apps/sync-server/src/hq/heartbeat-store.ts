// Terminal heartbeats: the latest per terminal (what the fleet view shows) and a bounded history.
import type { Heartbeat } from '@store-os/shared/fleet';
import type { FiguresStore } from './figures-store';

/** History kept per terminal (older heartbeats are pruned as new ones arrive). */
export const HEARTBEAT_HISTORY = 500;

/** A heartbeat as stored, with the server's receive time. */
export type StoredHeartbeat = Heartbeat & { receivedAt: string };

/**
 * Stores a heartbeat received at `receivedAt` and answers the time it is kept under: the history is keyed
 * by (terminal, received time), so a heartbeat received in the same millisecond as (or, after a clock step
 * back, before) the terminal's latest one is kept 1 ms after it instead of replacing it.
 */
export async function recordHeartbeat(
  figures: FiguresStore,
  hb: Heartbeat,
  receivedAt: string,
): Promise<string> {
  const body = JSON.stringify(hb);
  return figures.transact(() => {
    const { db } = figures;
    const latest = db
      .prepare<[string], { received_at: string }>(
        'SELECT received_at FROM hq_heartbeat WHERE terminal_id = ? ORDER BY received_at DESC LIMIT 1',
      )
      .get(hb.terminalId)?.received_at;
    if (latest !== undefined && receivedAt <= latest)
      receivedAt = new Date(Date.parse(latest) + 1).toISOString();
    db.prepare(
      'INSERT OR REPLACE INTO hq_heartbeat (terminal_id, received_at, store_id, body) VALUES (?, ?, ?, ?)',
    ).run(hb.terminalId, receivedAt, hb.storeId, body);
    db.prepare(
      'INSERT OR REPLACE INTO hq_terminal_last (terminal_id, store_id, received_at, body) VALUES (?, ?, ?, ?)',
    ).run(hb.terminalId, hb.storeId, receivedAt, body);
    db.prepare(
      `DELETE FROM hq_heartbeat WHERE terminal_id = ? AND received_at < (
         SELECT received_at FROM hq_heartbeat WHERE terminal_id = ? ORDER BY received_at DESC LIMIT 1 OFFSET ?)`,
    ).run(hb.terminalId, hb.terminalId, HEARTBEAT_HISTORY - 1);
    return receivedAt;
  });
}

/** The latest heartbeat of every terminal that sent one. */
export function latestHeartbeats(figures: FiguresStore): Map<string, StoredHeartbeat> {
  const rows = figures.db
    .prepare<[], { terminal_id: string; received_at: string; body: string }>(
      'SELECT terminal_id, received_at, body FROM hq_terminal_last',
    )
    .all();
  return new Map(
    rows.map((r) => [r.terminal_id, { ...(JSON.parse(r.body) as Heartbeat), receivedAt: r.received_at }]),
  );
}

/** A terminal's recent heartbeats, newest first. */
export function heartbeatHistory(
  figures: FiguresStore,
  terminalId: string,
  limit: number,
): StoredHeartbeat[] {
  return figures.db
    .prepare<[string, number], { received_at: string; body: string }>(
      'SELECT received_at, body FROM hq_heartbeat WHERE terminal_id = ? ORDER BY received_at DESC LIMIT ?',
    )
    .all(terminalId, limit)
    .map((r) => ({ ...(JSON.parse(r.body) as Heartbeat), receivedAt: r.received_at }));
}
