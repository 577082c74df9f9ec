import { describe, expect, it } from 'vitest';
import { BaseDevice } from './base-device';
import type { DeviceCapabilities, DeviceState } from './device';
import { DeviceError } from './device-error';

class TestDevice extends BaseDevice<string> {
  readonly kind = 'scanner';
  readonly capabilities: DeviceCapabilities = { powerReporting: false, statusReporting: false };
  opened = 0;
  probeFails = false;
  protected doOpen(): Promise<void> {
    this.opened += 1;
    return Promise.resolve();
  }
  protected doClose(): Promise<void> {
    return Promise.resolve();
  }
  protected doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    if (this.probeFails) return Promise.reject(new Error('no answer within 3 s'));
    return Promise.resolve({ ok: true, detail: 'fine' });
  }
  fail(): Promise<string> {
    return this.raiseError(new DeviceError('test.jam', this.name, 'jammed'), ['retry', 'clear'], 'clear');
  }
}

describe('BaseDevice lifecycle', () => {
  it('goes closed → idle → claimed → enabled → closed and emits state changes', async () => {
    const device = new TestDevice('dev');
    const states: DeviceState[] = [];
    device.events.on('state', (s) => states.push(s));
    await expect(device.claim(10)).rejects.toMatchObject({ code: 'device.closed' });
    await device.open();
    await expect(device.enable()).rejects.toMatchObject({ code: 'device.not-claimed' });
    await device.claim(10);
    await device.enable();
    expect(device.enabled).toBe(true);
    await device.close();
    expect([device.claimed, device.enabled, device.state]).toEqual([false, false, 'closed']);
    expect(states).toEqual(['idle', 'closed']);
    expect((await device.checkHealth()).ok).toBe(false);
  });

  it('reports a probe that throws as unhealthy with its cause, never as an exception', async () => {
    const device = new TestDevice('dev');
    await device.open();
    expect(await device.checkHealth()).toMatchObject({ ok: true, detail: 'fine' });
    device.probeFails = true;
    expect(await device.checkHealth()).toMatchObject({
      device: 'dev',
      ok: false,
      detail: 'no answer within 3 s',
    });
  });

  it('a second claim waits for release, and times out with a clear error', async () => {
    const device = new TestDevice('dev');
    await device.open();
    await device.claim(10);
    await expect(device.claim(30)).rejects.toMatchObject({
      code: 'device.claim-timeout',
      message: expect.stringContaining('dev: is claimed') as unknown,
    });
    const waiting = device.claim(1_000);
    await device.release();
    await expect(waiting).resolves.toBeUndefined();
    expect(device.claimed).toBe(true);
  });

  it('error events wait for the caller; with no listener the default answer is used', async () => {
    const device = new TestDevice('dev');
    await device.open();
    await expect(device.fail()).resolves.toBe('clear');
    device.events.on('error', (event) => {
      expect(device.state).toBe('error');
      expect(() => event.respond('fallback')).toThrow(/not one of retry, clear/);
      event.respond('retry');
    });
    await expect(device.fail()).resolves.toBe('retry');
    expect(device.state).toBe('idle');
  });
});
