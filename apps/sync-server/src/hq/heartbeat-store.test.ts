// A terminal's heartbeat history is keyed by the time HQ received each one: two heartbeats in the same
// millisecond (a reconnect beat followed at once by a scheduled one) must both be kept, in order.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Heartbeat } from '@store-os/shared/fleet';
import { FiguresStore } from './figures-store';
import { heartbeatHistory, latestHeartbeats, recordHeartbeat } from './heartbeat-store';

const beat = (pendingDocs: number): Heartbeat => ({
  terminalId: 's001-t01',
  storeId: 's001',
  appVersion: '1.4.0',
  pendingDocs,
  devices: { printer: 'ok', drawer: 'ok', paymentTerminal: 'ok' },
  offlinePeriods: [],
  sentAt: '2026-12-06T09:00:00.000Z',
});

describe('heartbeat store', () => {
  it('keeps heartbeats received in the same millisecond (or after a clock step back) in arrival order', async () => {
    const db = new Database(':memory:');
    const figures = new FiguresStore(db, (job) => Promise.resolve(db.transaction(job)()));
    const at = '2026-12-06T09:00:00.123Z';
    expect(await recordHeartbeat(figures, beat(1), at)).toBe(at);
    expect(await recordHeartbeat(figures, beat(2), at)).toBe('2026-12-06T09:00:00.124Z');
    expect(await recordHeartbeat(figures, beat(3), '2026-12-06T08:59:59.000Z')).toBe(
      '2026-12-06T09:00:00.125Z',
    );
    const history = heartbeatHistory(figures, 's001-t01', 10);
    expect(history.map((h) => h.pendingDocs)).toEqual([3, 2, 1]);
    expect(latestHeartbeats(figures).get('s001-t01')).toMatchObject({
      pendingDocs: 3,
      receivedAt: '2026-12-06T09:00:00.125Z',
    });
  });
});
