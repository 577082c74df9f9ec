import { describe, expect, it } from 'vitest';
import { connectionText } from './connection-text';

const NOW = new Date(2026, 11, 6, 15, 30, 0).getTime();

describe('connectionText', () => {
  it('says online or offline and since what time today', () => {
    const since = new Date(2026, 11, 6, 9, 12, 4).getTime();
    expect(connectionText({ replicated: true, online: true, since }, NOW, 'en-GB')).toBe(
      'Online since 09:12:04',
    );
    expect(connectionText({ replicated: true, online: false, since }, NOW, 'en-GB')).toBe(
      'Offline since 09:12:04',
    );
  });

  it('names the day when the state began on another day (offline over a weekend)', () => {
    const since = new Date(2026, 11, 3, 18, 40, 10).getTime();
    expect(connectionText({ replicated: true, online: false, since }, NOW, 'en-GB')).toBe(
      'Offline since 3 Dec, 18:40:10',
    );
  });

  it('says only the state before anything is known, and standalone without a sync-server', () => {
    expect(connectionText({ replicated: true, online: false }, NOW)).toBe('Offline');
    expect(connectionText({ replicated: false, online: false, since: NOW }, NOW)).toBe(
      'Standalone (no sync-server)',
    );
  });
});
