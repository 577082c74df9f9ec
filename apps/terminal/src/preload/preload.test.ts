import { hostMethods } from '@store-os/shared/contract';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/channels';

// The preload runs only inside Electron; its electron import is replaced by a recorder of what it exposes.
const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const channels: string[] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, value: { devices: [] } });
    },
    on: (channel: string) => channels.push(channel),
    removeListener: () => undefined,
  },
}));

describe('preload', () => {
  it('exposes exactly window.pos with invoke and on, over the two fixed channels only', async () => {
    await import('./index');
    expect([...exposed.keys()]).toEqual(['pos']);
    const pos = exposed.get('pos') as Record<string, unknown>;
    expect(Object.keys(pos).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(pos).every((v) => typeof v === 'function')).toBe(true);
    const bridge = pos as {
      invoke(method: string, payload: unknown): Promise<unknown>;
      on(name: string, l: () => void): unknown;
    };
    expect('devices.list' in hostMethods).toBe(true);
    await bridge.invoke('devices.list', {});
    expect(invoked).toEqual([[INVOKE_CHANNEL, 'devices.list', {}]]);
    bridge.on('scanner.data', () => undefined);
    expect(new Set(channels)).toEqual(new Set([EVENT_CHANNEL]));
  });
});
