import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { createBridgeClient } from './bridge-client';
import { ContractError } from './contract-error';
import type { HostHandlers } from './host-methods';
import { serveHostCall } from './serve-host-call';
import { assertHostEvent } from './validate';

function unimplemented(): Promise<never> {
  return Promise.reject(new Error('not used in this test'));
}

function handlers(overrides: Partial<HostHandlers>): HostHandlers {
  const all: HostHandlers = {
    'app.info': unimplemented,
    'sync.authorization': unimplemented,
    'enrollment.status': unimplemented,
    'enrollment.enroll': unimplemented,
    'session.verifyPin': unimplemented,
    'terminal.activity': unimplemented,
    'staff.local': unimplemented,
    'staff.remember': unimplemented,
    'journal.append': unimplemented,
    'journal.since': unimplemented,
    'journal.resume': unimplemented,
    'journal.replayed': unimplemented,
    'holds.load': unimplemented,
    'holds.save': unimplemented,
    'payment.recoveries': unimplemented,
    'payment.recoveriesAudited': unimplemented,
    'devices.list': unimplemented,
    'devices.status': unimplemented,
    'printer.print': unimplemented,
    'drawer.open': unimplemented,
    'payment.start': unimplemented,
    'payment.status': unimplemented,
    'payment.abort': unimplemented,
    'display.text': unimplemented,
    'scale.read': unimplemented,
  };
  return { ...all, ...overrides };
}

const sale = {
  id: 'T1-01J0000000000000000000000',
  kind: 'sale',
  collection: 'store',
  documents: [{ _id: 'x' }],
};

describe('serveHostCall', () => {
  it('runs the handler for a valid request and returns its validated answer', async () => {
    const seen: unknown[] = [];
    const h = handlers({
      'journal.append': (request) => {
        seen.push(request);
        return Promise.resolve({ seq: 1, appendedAt: 5, duplicate: false });
      },
    });
    const result = await serveHostCall(h, 'journal.append', sale);
    expect(result).toEqual({ ok: true, value: { seq: 1, appendedAt: 5, duplicate: false } });
    expect(seen).toEqual([sale]);
  });

  it('refuses an unknown method, including prototype keys, without calling anything', async () => {
    for (const method of ['shell.exec', '__proto__', 'constructor', 42, null]) {
      const result = await serveHostCall(handlers({}), method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'contract.unknown-method' } });
    }
  });

  it('refuses malformed payloads with a message naming the method and the field', async () => {
    let calls = 0;
    const h = handlers({
      'payment.start': () => {
        calls += 1;
        return Promise.resolve({ transactionId: 't', state: 'pending' as const });
      },
    });
    const bad: unknown[] = [
      undefined,
      'amount=100',
      { transactionId: 'T1-a', amount: 12.5, currency: 'EUR' },
      { transactionId: 'T1-a', amount: 1250, currency: 'euro' },
      { transactionId: 'T1-a', amount: 1250, currency: 'EUR', pan: '4111111111111111' },
      { transactionId: '', amount: 1250, currency: 'EUR' },
    ];
    for (const payload of bad) {
      const result = await serveHostCall(h, 'payment.start', payload);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('contract.invalid-request');
        expect(result.error.message).toContain('payment.start');
      }
    }
    expect(calls).toBe(0);
  });

  it('never lets a malformed host answer through', async () => {
    const h = handlers({
      'scale.read': () => Promise.resolve({ grams: -3, stable: true }),
    });
    const result = await serveHostCall(h, 'scale.read', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'contract.invalid-response' } });
  });

  it('keeps a domain error code and hides other errors behind host-failed', async () => {
    const h = handlers({
      'drawer.open': () => Promise.reject(new DomainError('device.offline', 'The drawer is offline.')),
      'devices.list': () => Promise.reject(new TypeError('boom')),
    });
    expect(await serveHostCall(h, 'drawer.open', { reason: 'no-sale' })).toEqual({
      ok: false,
      error: { code: 'device.offline', message: 'The drawer is offline.' },
    });
    expect(await serveHostCall(h, 'devices.list', {})).toMatchObject({
      ok: false,
      error: { code: 'contract.host-failed' },
    });
  });
});

describe('createBridgeClient', () => {
  it('turns a refused call into a ContractError and delivers only the subscribed event', async () => {
    let deliver: ((event: string, payload: unknown) => void) | undefined;
    const bridge = createBridgeClient({
      call: () =>
        Promise.resolve({ ok: false, error: { code: 'contract.unauthorized', message: 'no token' } }),
      subscribe: (listener) => {
        deliver = listener;
        return () => {
          deliver = undefined;
        };
      },
    });
    await expect(bridge.invoke('devices.list', {})).rejects.toBeInstanceOf(ContractError);
    const got: string[] = [];
    const off = bridge.on('scanner.data', (p) => got.push(p.data));
    deliver?.('device.status', { id: 'p', kind: 'printer', name: 'P', state: 'idle' });
    deliver?.('scanner.data', { deviceId: 's', data: '4006381333931', at: 1 });
    off();
    expect(got).toEqual(['4006381333931']);
    expect(deliver).toBeUndefined();
  });
});

describe('assertHostEvent', () => {
  it('refuses an event payload that does not match its schema', () => {
    expect(() => assertHostEvent('journal.replay', { total: 1, restored: -1, damaged: 0 })).toThrow(
      ContractError,
    );
    expect(assertHostEvent('journal.replay', { total: 1, restored: 1, damaged: 0 })).toEqual({
      total: 1,
      restored: 1,
      damaged: 0,
    });
  });
});

describe('session and enrollment methods at the boundary', () => {
  const pin = {
    algorithm: 'PBKDF2-SHA256',
    iterations: 600_000,
    salt: 'c3RvcmUtb3MtZXhhbXBsZQ==',
    hash: 'EzoFn9qyvSpF9e5OF7OUYWU8z5LJuW4iQkb2zc2Rm9o=',
  };
  const accepted = handlers({
    'session.verifyPin': () => Promise.resolve({ outcome: 'accepted', failures: 0, lockedUntil: null }),
    'enrollment.enroll': () =>
      Promise.resolve({ enrolled: true, syncServerUrl: 'http://s:1', terminalId: 't1', storeId: 's1' }),
  });

  it('refuses a PIN that is not 4-12 digits and a weakened hash before the host sees them', async () => {
    const letters = await serveHostCall(accepted, 'session.verifyPin', {
      userId: 'u1',
      pin: 'abcd',
      credential: pin,
    });
    expect(letters).toMatchObject({ ok: false, error: { code: 'contract.invalid-request' } });
    const weak = await serveHostCall(accepted, 'session.verifyPin', {
      userId: 'u1',
      pin: '1234',
      credential: { ...pin, iterations: 1000 },
    });
    expect(weak).toMatchObject({ ok: false, error: { code: 'contract.invalid-request' } });
    const fine = await serveHostCall(accepted, 'session.verifyPin', {
      userId: 'u1',
      pin: '1234',
      credential: pin,
    });
    expect(fine).toEqual({ ok: true, value: { outcome: 'accepted', failures: 0, lockedUntil: null } });
  });

  it('refuses an enrollment server address with a path (the credential must go to the server itself)', async () => {
    const result = await serveHostCall(accepted, 'enrollment.enroll', {
      serverUrl: 'http://evil.example/steal?x=',
      code: 'abc',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'contract.invalid-request' } });
  });
});
