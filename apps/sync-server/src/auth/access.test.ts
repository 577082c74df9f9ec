// Who may do what, over HTTP: enrollment, store isolation, revocation, sessions, rate limiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderDoc, productDoc } from '../testing/fixtures';
import { startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
type Cred = { name: string; password: string };

async function enrollTerminal(storeId: string, terminalId: string): Promise<Cred> {
  const issued = await t.json<{ enrollmentCode: string }>(`/_pos/stores/${storeId}/terminals`, {
    method: 'POST',
    json: { terminalId },
  });
  expect(issued.status).toBe(201);
  const enrolled = await t.json<{ name: string; password: string }>('/_pos/enroll', {
    method: 'POST',
    as: null,
    json: { code: issued.body.enrollmentCode },
  });
  expect(enrolled.status).toBe(201);
  return { name: enrolled.body.name, password: enrolled.body.password };
}

beforeAll(async () => {
  t = await startTestServer({ loginLimits: { windowMs: 60_000, maxPerName: 3, maxPerAddress: 1000 } });
  for (const id of ['s001', 's002'])
    expect((await t.call('/_pos/stores', { method: 'POST', json: { id, name: id } })).status).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('enrollment', () => {
  it('issues a terminal credential once, for exactly one store', async () => {
    const issued = await t.json<{ enrollmentCode: string }>('/_pos/stores/s001/terminals', {
      method: 'POST',
      json: { terminalId: 's001-t01' },
    });
    const code = issued.body.enrollmentCode;
    const first = await t.json<{ password: string; storeId: string }>('/_pos/enroll', {
      method: 'POST',
      as: null,
      json: { code },
    });
    expect(first.status).toBe(201);
    expect(first.body.storeId).toBe('s001');
    const again = await t.json('/_pos/enroll', { method: 'POST', as: null, json: { code } });
    expect(again.status).toBe(401);
    const terminal = { name: 's001-t01', password: first.body.password };
    expect((await t.call('/store-s001', { as: terminal })).status).toBe(200);
    expect((await t.call('/store-s002', { as: terminal })).status).toBe(403);
  });

  it('refuses enrollment management to terminals and store managers', async () => {
    const terminal = await enrollTerminal('s001', 's001-t02');
    const res = await t.json('/_pos/stores/s001/terminals', {
      method: 'POST',
      as: terminal,
      json: { terminalId: 'x' },
    });
    expect(res.status).toBe(403);
  });
});

describe('isolation', () => {
  it('lets a terminal read the catalog but write only its own store', async () => {
    const terminal = await enrollTerminal('s002', 's002-t01');
    await t.call('/catalog/product:P1', { method: 'PUT', json: productDoc('P1') });
    expect((await t.call('/catalog/product:P1', { as: terminal })).status).toBe(200);
    expect(
      (await t.json('/catalog/product:P2', { method: 'PUT', as: terminal, json: productDoc('P2') })).status,
    ).toBe(403);
    const own = orderDoc('s002', 's002-t01');
    expect(
      (await t.call(`/store-s002/${own._id as string}`, { method: 'PUT', as: terminal, json: own })).status,
    ).toBe(201);
    const other = orderDoc('s001', 's002-t01');
    const res = await t.json<{ error: string }>(`/store-s001/_bulk_docs`, {
      method: 'POST',
      as: terminal,
      json: { docs: [other] },
    });
    expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await t.call('/_all_dbs', { as: terminal }).then((r) => r.json())) as string[]).toEqual([
      'catalog',
      'stock-levels',
      'store-s002',
    ]);
  });

  it('lets HQ read and write every store but not stock-levels', async () => {
    await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'hq1', password: 'hq-password', role: 'hq' },
    });
    const hq = { name: 'hq1', password: 'hq-password' };
    const order = orderDoc('s001', 's001-t09');
    expect(
      (await t.call(`/store-s001/${order._id as string}`, { method: 'PUT', as: hq, json: order })).status,
    ).toBe(201);
    const level = await t.json<{ error: string }>('/stock-levels/stock-level:X:Y', {
      method: 'PUT',
      as: hq,
      json: { type: 'stock-level' },
    });
    expect(level).toMatchObject({ status: 403, body: { error: 'forbidden' } });
  });
});

describe('revocation and sessions', () => {
  it('refuses a revoked terminal at once, with Basic auth and with a cookie session', async () => {
    const terminal = await enrollTerminal('s001', 's001-t03');
    const login = await t.call('/_session', { method: 'POST', as: null, json: terminal });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const viaCookie = () => fetch(`${t.url}/store-s001`, { headers: { Cookie: cookie } });
    expect((await viaCookie()).status).toBe(200);
    const session = (await fetch(`${t.url}/_session`, { headers: { Cookie: cookie } }).then((r) =>
      r.json(),
    )) as { userCtx: { name: string; roles: string[] } };
    expect(session.userCtx).toEqual({ name: 's001-t03', roles: ['terminal', 'store:s001'] });

    expect((await t.call(`/_pos/terminals/s001-t03/revoke`, { method: 'POST' })).status).toBe(200);
    expect((await t.call('/store-s001', { as: terminal })).status).toBe(401);
    expect((await viaCookie()).status).toBe(401);
  });

  it('answers a wrong password with 401 and rate-limits repeated failures with 429', async () => {
    await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'it1', password: 'it-password', role: 'it' },
    });
    const wrong = { name: 'it1', password: 'nope' };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.call('/hq', { as: wrong })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await t.call('/_session', {
      method: 'POST',
      as: null,
      json: { name: 'it1', password: 'it-password' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
