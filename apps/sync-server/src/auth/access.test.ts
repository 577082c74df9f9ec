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
    const manager = { name: 'mgr-s001', password: 'manager-password' };
    await t.call('/_pos/users', { method: 'POST', json: { ...manager, role: 'manager', storeId: 's001' } });
    for (const [path, json] of [
      ['/_pos/stores/s001/terminals', { terminalId: 's001-t77' }],
      ['/_pos/terminals/s001-t02/revoke', {}],
      ['/_pos/stores', { id: 's999' }],
      ['/_pos/users', { name: 'sneaky', password: 'password-123', role: 'hq' }],
    ] as const) {
      const refused = await t.json(path, { method: 'POST', as: manager, json });
      expect(refused, path).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    }
    expect((await t.call('/store-s001', { as: terminal })).status).toBe(200);
  });

  it('lets IT issue enrollment codes and revoke terminals, but not create stores or users', async () => {
    await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'it-ops', password: 'it-ops-password', role: 'it' },
    });
    const itOps = { name: 'it-ops', password: 'it-ops-password' };
    const issued = await t.json<{ enrollmentCode: string }>('/_pos/stores/s002/terminals', {
      method: 'POST',
      as: itOps,
      json: { terminalId: 's002-t05' },
    });
    expect(issued.status).toBe(201);
    const enrolled = await t.json<{ name: string; password: string; storeId: string }>('/_pos/enroll', {
      method: 'POST',
      as: null,
      json: { code: issued.body.enrollmentCode },
    });
    expect(enrolled.body.storeId).toBe('s002');
    const terminal = { name: enrolled.body.name, password: enrolled.body.password };
    expect((await t.call('/store-s002', { as: terminal })).status).toBe(200);
    expect((await t.call('/_pos/terminals/s002-t05/revoke', { method: 'POST', as: itOps })).status).toBe(200);
    expect((await t.call('/store-s002', { as: terminal })).status).toBe(401);
    // Revoking is for terminals; a person's credential is not one.
    expect((await t.call('/_pos/terminals/it-ops/revoke', { method: 'POST', as: itOps })).status).toBe(404);
    expect((await t.call('/_pos/stores', { method: 'POST', as: itOps, json: { id: 's998' } })).status).toBe(
      403,
    );
    // A terminal id already enrolled cannot be issued again (its credential exists).
    const again = await t.json('/_pos/stores/s002/terminals', {
      method: 'POST',
      as: itOps,
      json: { terminalId: 's002-t05' },
    });
    expect(again).toMatchObject({ status: 409, body: { error: 'conflict' } });
  });

  it('exchanges a code once even when two terminals present it at the same moment', async () => {
    const issued = await t.json<{ enrollmentCode: string }>('/_pos/stores/s001/terminals', {
      method: 'POST',
      json: { terminalId: 's001-t40' },
    });
    const attempts = await Promise.all(
      [0, 1].map(() =>
        t.json('/_pos/enroll', { method: 'POST', as: null, json: { code: issued.body.enrollmentCode } }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 401]);
  });

  it('refuses an unknown code and codes for stores that do not exist', async () => {
    expect(
      await t.json('/_pos/enroll', { method: 'POST', as: null, json: { code: 'made-up-code' } }),
    ).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(
      (await t.json('/_pos/stores/nowhere/terminals', { method: 'POST', json: { terminalId: 'n-t1' } }))
        .status,
    ).toBe(404);
  });
});

describe('who reads and writes which database', () => {
  const readers: Record<string, string[]> = {
    hq: ['catalog', 'stock-levels', 'web-orders', 'hq', 'store-s001', 'store-s002'],
    it: ['catalog', 'stock-levels', 'hq'],
    manager: ['catalog', 'stock-levels', 'store-s001'],
    terminal: ['catalog', 'stock-levels', 'store-s001'],
  };
  const writers: Record<string, string[]> = {
    hq: ['catalog', 'web-orders', 'hq', 'store-s001', 'store-s002'],
    it: [],
    manager: ['store-s001'],
    terminal: ['store-s001'],
  };
  const databases = ['catalog', 'stock-levels', 'web-orders', 'hq', 'store-s001', 'store-s002', 'other-db'];

  it('matches the table of docs/specs/sync-server.md for every role and database', async () => {
    await t.call('/other-db', { method: 'PUT' });
    await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'hq-m', password: 'hq-m-password', role: 'hq' },
    });
    await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'it-m', password: 'it-m-password', role: 'it' },
    });
    await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'mgr-m', password: 'mgr-m-password', role: 'manager', storeId: 's001' },
    });
    const creds: Record<string, Cred> = {
      hq: { name: 'hq-m', password: 'hq-m-password' },
      it: { name: 'it-m', password: 'it-m-password' },
      manager: { name: 'mgr-m', password: 'mgr-m-password' },
      terminal: await enrollTerminal('s001', 's001-t60'),
    };
    const seen: string[] = [];
    const expected: string[] = [];
    for (const [role, cred] of Object.entries(creds)) {
      for (const db of databases) {
        const read = (await t.call(`/${db}/_all_docs?limit=0`, { as: cred })).status;
        // An empty _bulk_docs passes the database's write check and writes nothing.
        const write = (await t.call(`/${db}/_bulk_docs`, { method: 'POST', as: cred, json: { docs: [] } }))
          .status;
        seen.push(`${role} ${db} read ${read} write ${write}`);
        const canRead = readers[role]?.includes(db) ?? false;
        const canWrite = writers[role]?.includes(db) ?? false;
        expected.push(`${role} ${db} read ${canRead ? 200 : 403} write ${canWrite ? 201 : 403}`);
      }
      const listed = (await t.call('/_all_dbs', { as: cred }).then((r) => r.json())) as string[];
      expect(listed.filter((db) => databases.includes(db)).sort(), role).toEqual(
        [...(readers[role] ?? [])].sort(),
      );
    }
    expect(seen).toEqual(expected);
    for (const db of databases) {
      expect((await t.call(`/${db}/_all_docs?limit=0`)).status, `admin reads ${db}`).toBe(200);
      expect((await t.call(`/${db}`, { as: null })).status, `anonymous ${db}`).toBe(401);
    }
  });

  it('lets a reader keep replication checkpoints in _local of a database it may only read', async () => {
    const terminal = await enrollTerminal('s001', 's001-t61');
    const put = await t.json<{ rev: string }>('/catalog/_local/pull-checkpoint', {
      method: 'PUT',
      as: terminal,
      json: { last_seq: 10 },
    });
    expect(put).toMatchObject({ status: 201, body: { rev: '0-1' } });
    expect(
      (await t.json<{ last_seq: number }>('/catalog/_local/pull-checkpoint', { as: terminal })).body,
    ).toMatchObject({
      last_seq: 10,
    });
    expect((await t.call('/stock-levels/_local/cp', { method: 'PUT', as: terminal, json: {} })).status).toBe(
      201,
    );
    expect((await t.call('/store-s002/_local/cp', { method: 'PUT', as: terminal, json: {} })).status).toBe(
      403,
    );
    expect((await t.call('/hq/_local/cp', { method: 'PUT', as: terminal, json: {} })).status).toBe(403);
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

  it('logs in with a form body, answers who is logged in, and logs out', async () => {
    await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'hq-form', password: 'hq-form-pw', role: 'hq' },
    });
    const login = await fetch(`${t.url}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=hq-form&password=hq-form-pw',
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({ ok: true, name: 'hq-form', roles: ['hq'] });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^AuthSession=[^;]+;/);
    expect(setCookie).toContain('HttpOnly');
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await fetch(`${t.url}/hq`, { headers: { Cookie: cookie } })).status).toBe(200);
    const anonymous = await t.json<{ userCtx: { name: null; roles: string[] } }>('/_session', { as: null });
    expect(anonymous.body.userCtx).toEqual({ name: null, roles: [] });
    const logout = await fetch(`${t.url}/_session`, { method: 'DELETE', headers: { Cookie: cookie } });
    expect(logout.status).toBe(200);
    expect(logout.headers.get('set-cookie')).toMatch(/^AuthSession=;.*Max-Age=0/);
    // A forged or tampered cookie is refused, and does not stop a fresh login.
    const forged = `${cookie.slice(0, -2)}xx`;
    expect((await fetch(`${t.url}/hq`, { headers: { Cookie: forged } })).status).toBe(401);
    const relogin = await fetch(`${t.url}/_session`, {
      method: 'POST',
      headers: { Cookie: forged, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'hq-form', password: 'hq-form-pw' }),
    });
    expect(relogin.status).toBe(200);
    expect(
      (await t.json('/_session', { method: 'POST', as: null, json: { name: 'hq-form', password: 'nope' } }))
        .status,
    ).toBe(401);
    // A wrong Basic password is a 401 on the CouchDB paths too (only a stale cookie reads as anonymous).
    const wrongBasic = { name: 'hq-form', password: 'also-wrong' };
    expect(await t.json('/_session', { as: wrongBasic })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
    expect((await t.json('/', { as: wrongBasic })).status).toBe(401);
    expect((await fetch(`${t.url}/_session`, { headers: { Cookie: forged } })).status).toBe(200);
  });

  it('stops accepting the old password and its sessions once a password is replaced', async () => {
    const user = (password: string) => ({ name: 'hq-rot', password });
    const create = (password: string) =>
      t.call('/_pos/users', { method: 'POST', json: { ...user(password), role: 'hq' } });
    expect((await create('first-password')).status).toBe(201);
    // Used once, so the verified credential is cached, and a cookie session opened with it.
    expect((await t.call('/hq', { as: user('first-password') })).status).toBe(200);
    const login = await t.call('/_session', { method: 'POST', as: null, json: user('first-password') });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${t.url}/hq`, { headers: { Cookie: cookie } })).status).toBe(200);

    expect((await create('second-password')).status).toBe(201);
    expect((await t.call('/hq', { as: user('first-password') })).status).toBe(401);
    expect((await fetch(`${t.url}/hq`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await t.call('/hq', { as: user('second-password') })).status).toBe(200);
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

describe('login rate limit per client address', () => {
  it('refuses every name from an address after too many failures, with Retry-After', async () => {
    const limited = await startTestServer({
      loginLimits: { windowMs: 60_000, maxPerName: 100, maxPerAddress: 4 },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await limited.call('/catalog', { as: { name: `guess-${i}`, password: 'x' } })).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
      const next = await limited.call('/catalog', { as: { name: 'guess-new', password: 'x' } });
      expect(next.status).toBe(429);
      expect(await next.json()).toMatchObject({ error: 'too_many_requests' });
      expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('enrollment code expiry', () => {
  it('refuses an enrollment code once it has expired', async () => {
    const expiring = await startTestServer({ enrollmentTtlMs: -1 });
    try {
      await expiring.call('/_pos/stores', { method: 'POST', json: { id: 's001' } });
      const issued = await expiring.json<{ enrollmentCode: string }>('/_pos/stores/s001/terminals', {
        method: 'POST',
        json: { terminalId: 's001-t01' },
      });
      expect(issued.status).toBe(201);
      const res = await expiring.json('/_pos/enroll', {
        method: 'POST',
        as: null,
        json: { code: issued.body.enrollmentCode },
      });
      expect(res).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    } finally {
      await expiring.close();
    }
  });
});
