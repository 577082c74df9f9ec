import { DomainError, type HostBridge } from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import { showOnDisplay } from './show-on-display';

const failing = (error: Error): HostBridge => ({
  invoke: () => Promise.reject(error),
  on: () => () => undefined,
});

describe('showOnDisplay', () => {
  it('is silent without a display and reports a display that fails', async () => {
    expect(
      await showOnDisplay(failing(new DomainError('device.not-configured', 'none')), ['a']),
    ).toBeUndefined();
    expect(await showOnDisplay(failing(new Error('port closed')), ['a'])).toBe(
      'Customer display: port closed',
    );
  });
});
