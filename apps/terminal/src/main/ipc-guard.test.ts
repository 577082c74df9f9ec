import type { HostHandlers } from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-origin';
import { createIpcGuard, type IpcSender } from './ipc-guard';

const WINDOW_ID = 7;

function setup() {
  const calls: unknown[] = [];
  const handlers = {
    'devices.list': () => {
      calls.push('devices.list');
      return Promise.resolve({ devices: [] });
    },
    'drawer.open': (request: unknown) => {
      calls.push(request);
      return Promise.resolve({ opened: true });
    },
  } as Partial<HostHandlers> as HostHandlers;
  return { calls, guard: createIpcGuard(handlers, () => WINDOW_ID) };
}

const fromWindow: IpcSender = {
  sender: { id: WINDOW_ID },
  senderFrame: { url: APP_ENTRY_URL, parent: null },
};

describe('createIpcGuard', () => {
  it('forwards a valid call from the terminal window to the host', async () => {
    const { guard, calls } = setup();
    expect(await guard(fromWindow, 'drawer.open', { reason: 'no-sale' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(calls).toEqual([{ reason: 'no-sale' }]);
  });

  it('refuses forged senders before anything reaches the host', async () => {
    const { guard, calls } = setup();
    const forged: IpcSender[] = [
      { sender: { id: 99 }, senderFrame: { url: APP_ENTRY_URL, parent: null } },
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      { sender: { id: WINDOW_ID }, senderFrame: { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } } },
      { sender: { id: WINDOW_ID }, senderFrame: null },
    ];
    for (const event of forged) {
      const result = await guard(event, 'drawer.open', { reason: 'no-sale' });
      expect(result).toMatchObject({ ok: false, error: { code: 'contract.forbidden-sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a call once the window is gone', async () => {
    const guard = createIpcGuard({} as HostHandlers, () => undefined);
    expect(await guard(fromWindow, 'devices.list', {})).toMatchObject({
      ok: false,
      error: { code: 'contract.forbidden-sender' },
    });
  });

  it('refuses malformed payloads and unknown methods from the real window', async () => {
    const { guard, calls } = setup();
    const cases: [unknown, unknown, string][] = [
      ['drawer.open', {}, 'contract.invalid-request'],
      ['drawer.open', { reason: 'no-sale', force: true }, 'contract.invalid-request'],
      ['drawer.open', [], 'contract.invalid-request'],
      ['devices.list', { extra: 1 }, 'contract.invalid-request'],
      ['shell.openExternal', {}, 'contract.unknown-method'],
      [{ toString: () => 'drawer.open' }, {}, 'contract.unknown-method'],
    ];
    for (const [method, payload, code] of cases) {
      expect(await guard(fromWindow, method, payload)).toMatchObject({ ok: false, error: { code } });
    }
    expect(calls).toEqual([]);
  });
});
