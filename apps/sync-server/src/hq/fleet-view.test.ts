// What the fleet flags from a terminal's last heartbeat: each device out of order, and a terminal that has
// not synced within the threshold (its waiting documents only matter then).
import { describe, expect, it } from 'vitest';
import type { StoredHeartbeat } from './heartbeat-store';
import { terminalProblems } from './fleet-view';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const hb = (change: Partial<StoredHeartbeat> = {}): StoredHeartbeat => ({
  terminalId: 's001-t01',
  storeId: 's001',
  appVersion: '1.4.0',
  lastSyncAt: '2026-11-23T11:50:00.000Z',
  pendingDocs: 3,
  devices: { printer: 'ok', drawer: 'ok', paymentTerminal: 'ok' },
  offlinePeriods: [],
  sentAt: '2026-11-23T11:59:00.000Z',
  receivedAt: '2026-11-23T11:59:00.000Z',
  ...change,
});

describe('terminal problems', () => {
  it('flags each device that is out of order: printer paper low or out, drawer, payment terminal', () => {
    expect(terminalProblems(hb(), NOW, 60)).toEqual({ stale: false, problems: [] });
    const broken = hb({ devices: { printer: 'warning', drawer: 'error', paymentTerminal: 'error' } });
    expect(terminalProblems(broken, NOW, 60).problems).toEqual(['printer', 'drawer', 'payment-terminal']);
    const absent = hb({ devices: { printer: 'error', drawer: 'absent', paymentTerminal: 'warning' } });
    expect(terminalProblems(absent, NOW, 60).problems).toEqual(['printer']);
  });

  it('flags a terminal not synced within the threshold, with its waiting documents', () => {
    const old = hb({ lastSyncAt: '2026-11-23T10:00:00.000Z' });
    expect(terminalProblems(old, NOW, 60)).toEqual({ stale: true, problems: ['not-synced', 'pending-docs'] });
    expect(terminalProblems(old, NOW, 180)).toEqual({ stale: false, problems: [] });
    // Never synced: the heartbeat's arrival is the reference.
    const { lastSyncAt: _never, ...neverSynced } = hb({ receivedAt: '2026-11-23T09:00:00.000Z' });
    expect(terminalProblems(neverSynced as StoredHeartbeat, NOW, 60).stale).toBe(true);
    expect(terminalProblems(undefined, NOW, 60)).toEqual({ stale: true, problems: ['no-heartbeat'] });
  });
});
