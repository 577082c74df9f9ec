import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { parseHeartbeat } from './parse-heartbeat';

const valid = {
  terminalId: 'T1',
  storeId: 'S1',
  appVersion: '1.4.0',
  lastSyncAt: '2026-11-23T10:00:00.000Z',
  pendingDocs: 3,
  devices: { printer: 'warning', drawer: 'ok', paymentTerminal: 'error' },
  offlinePeriods: [{ from: '2026-11-23T08:00:00.000Z', to: '2026-11-23T08:10:00.000Z' }],
  sentAt: '2026-11-23T10:00:05.000Z',
};

describe('parseHeartbeat', () => {
  it('accepts a complete heartbeat', () => {
    expect(parseHeartbeat(valid).devices.paymentTerminal).toBe('error');
  });

  it('refuses negative pending counts and unknown device states, naming the field', () => {
    let caught: unknown;
    try {
      parseHeartbeat({ ...valid, pendingDocs: -1, devices: { ...valid.devices, drawer: 'jammed' } });
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, 'heartbeat.malformed')).toBe(true);
    expect(String((caught as Error).message)).toMatch(/pendingDocs/);
  });

  it('refuses extra fields so a typo is not silently dropped', () => {
    expect(() => parseHeartbeat({ ...valid, pendingDoc: 1 })).toThrow(/heartbeat/);
  });
});
