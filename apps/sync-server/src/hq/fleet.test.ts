// Heartbeats are accepted only from the terminal itself; the fleet view shows them and flags terminals
// that have not synced for too long; IT enrolls and revokes through the HQ API; PIN resets replicate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heartbeat } from '@store-os/shared/fleet';
import { documentExamples } from '@store-os/shared/schemas';
import { startHqTestServer, type Cred, type HqTestServer } from './hq-test-server';
import type { FleetTerminal } from './fleet-view';

let s: HqTestServer;
beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002']);
});
afterAll(async () => {
  await s.t.close();
});

async function enroll(storeId: string, terminalId: string, as: Cred): Promise<Cred> {
  const code = await s.t.json<{ enrollmentCode: string }>(`/_hq/api/fleet/stores/${storeId}/terminals`, {
    method: 'POST',
    as,
    json: { terminalId },
  });
  expect(code.status).toBe(201);
  const grant = await s.t.json<{ name: string; password: string }>('/_pos/enroll', {
    method: 'POST',
    as: null,
    json: { code: code.body.enrollmentCode },
  });
  return { name: grant.body.name, password: grant.body.password };
}

const heartbeat = (terminalId: string, storeId: string, lastSyncAt: string): Heartbeat => ({
  terminalId,
  storeId,
  appVersion: '1.4.0',
  lastSyncAt,
  pendingDocs: 2,
  devices: { printer: 'warning', drawer: 'ok', paymentTerminal: 'ok' },
  offlinePeriods: [{ from: '2026-11-23T08:00:00.000Z', to: '2026-11-23T08:05:00.000Z' }],
  sentAt: new Date().toISOString(),
});

describe('fleet', () => {
  it('takes heartbeats from the terminal itself only and flags stale ones', async () => {
    const t1 = await enroll('s001', 's001-t01', s.it);
    const t2 = await enroll('s001', 's001-t02', s.it);
    await enroll('s002', 's002-t01', s.it);
    const post = (as: Cred | null, hb: unknown) =>
      s.t.json('/_hq/api/heartbeat', { method: 'POST', as, json: hb });

    expect((await post(t1, heartbeat('s001-t01', 's001', new Date().toISOString()))).status).toBe(202);
    const old = new Date(Date.now() - 3 * 3600_000).toISOString();
    expect((await post(t2, heartbeat('s001-t02', 's001', old))).status).toBe(202);
    // Another terminal's id, another store, no credential, a person's credential, a malformed body.
    expect((await post(t1, heartbeat('s001-t02', 's001', old))).status).toBe(403);
    expect((await post(t1, heartbeat('s001-t01', 's002', old))).status).toBe(403);
    expect((await post(null, heartbeat('s001-t01', 's001', old))).status).toBe(401);
    expect((await post(s.it, heartbeat('s001-t01', 's001', old))).status).toBe(403);
    const bad = await post(t1, { ...heartbeat('s001-t01', 's001', old), pendingDocs: -1 });
    expect(bad.status).toBe(400);

    const fleet = await s.api<{ terminals: FleetTerminal[]; stores: { id: string }[] }>(
      'fleet?staleAfterMinutes=60',
      s.it,
    );
    expect(fleet.status).toBe(200);
    expect(fleet.body.stores.map((x) => x.id)).toEqual(['s001', 's002']);
    const byId = new Map(fleet.body.terminals.map((t) => [t.terminalId, t]));
    expect(byId.get('s001-t01')).toMatchObject({ stale: false, problems: ['printer'] });
    expect(byId.get('s001-t02')).toMatchObject({
      stale: true,
      problems: ['not-synced', 'printer', 'pending-docs'],
    });
    expect(byId.get('s002-t01')).toMatchObject({ stale: true, problems: ['no-heartbeat'] });
    // A longer threshold clears the stale flag: the threshold is the caller's setting.
    const lenient = await s.api<{ terminals: FleetTerminal[] }>('fleet?staleAfterMinutes=600', s.it);
    expect(lenient.body.terminals.find((t) => t.terminalId === 's001-t02')?.stale).toBe(false);

    // Users and roles: people only (terminals are listed above), each with their role and store.
    const users = (fleet.body as unknown as { users: { name: string; role: string; storeId?: string }[] })
      .users;
    expect(users.map((u) => u.role)).not.toContain('terminal');
    expect(users.find((u) => u.name === s.manager.name)).toMatchObject({ role: 'manager', storeId: 's001' });
    expect(users.find((u) => u.name === s.it.name)).toMatchObject({ role: 'it' });
    // A manager sees their store's terminals only.
    const mine = await s.api<{ terminals: FleetTerminal[] }>('fleet', s.manager);
    expect(mine.body.terminals.map((t) => t.terminalId).sort()).toEqual(['s001-t01', 's001-t02']);
    const history = await s.api<{ rows: Heartbeat[] }>('fleet/terminals/s001-t01/heartbeats', s.it);
    expect(history.body.rows).toHaveLength(1);
    // The offline periods the terminal reported come back as sent, and the fleet view carries them.
    expect(history.body.rows[0]?.offlinePeriods).toEqual([
      { from: '2026-11-23T08:00:00.000Z', to: '2026-11-23T08:05:00.000Z' },
    ]);
    expect(byId.get('s001-t01')?.lastHeartbeat?.offlinePeriods).toHaveLength(1);
  });

  it('revokes a terminal through the HQ API: its next heartbeat is refused', async () => {
    const t3 = await enroll('s002', 's002-t03', s.it);
    const ok = await s.t.json('/_hq/api/heartbeat', {
      method: 'POST',
      as: t3,
      json: heartbeat('s002-t03', 's002', new Date().toISOString()),
    });
    expect(ok.status).toBe(202);
    expect(
      (await s.t.json('/_hq/api/fleet/terminals/s002-t03/revoke', { method: 'POST', as: s.hqUser })).status,
    ).toBe(403);
    expect(
      (await s.t.json('/_hq/api/fleet/terminals/s002-t03/revoke', { method: 'POST', as: s.it })).status,
    ).toBe(200);
    const after = await s.t.json('/_hq/api/heartbeat', {
      method: 'POST',
      as: t3,
      json: heartbeat('s002-t03', 's002', new Date().toISOString()),
    });
    expect(after.status).toBe(401);
    const fleet = await s.api<{ terminals: FleetTerminal[] }>('fleet', s.it);
    expect(fleet.body.terminals.find((t) => t.terminalId === 's002-t03')).toMatchObject({ revoked: true });
  });

  it('resets a staff PIN into the store database (hash only) for IT, not for another store', async () => {
    const staff = {
      ...(structuredClone(documentExamples.staff) as Record<string, unknown>),
      id: 'staff:u42',
    };
    await s.write('s001', [staff]);
    const reset = (as: Cred, store: string, pin: string) =>
      s.t.json<{ rev?: string }>(`/_hq/api/fleet/stores/${store}/staff/u42/pin`, {
        method: 'POST',
        as,
        json: { pin },
      });
    expect((await reset(s.it, 's001', '12')).status).toBe(400);
    expect((await reset(s.manager, 's002', '4321')).status).toBe(403);
    const ok = await reset(s.it, 's001', '4321');
    expect(ok.status).toBe(200);
    const doc = await s.t.json<{ _rev: string; pin: { salt: string; hash: string; iterations: number } }>(
      '/store-s001/staff:u42',
    );
    expect(doc.body._rev).toBe(ok.body.rev);
    expect(doc.body.pin.salt).not.toBe('c3RvcmUtb3MtZXhhbXBsZQ==');
    expect(JSON.stringify(doc.body)).not.toContain('4321');
    const { pbkdf2Sync } = await import('node:crypto');
    const derived = pbkdf2Sync(
      '4321',
      Uint8Array.from(Buffer.from(doc.body.pin.salt, 'base64')),
      doc.body.pin.iterations,
      32,
      'sha256',
    );
    expect(derived.toString('base64')).toBe(doc.body.pin.hash);
    const list = await s.api<{ rows: Record<string, unknown>[] }>('fleet/stores/s001/staff', s.it);
    expect(list.body.rows[0]).toMatchObject({ userId: 'u42' });
    expect(list.body.rows[0]).not.toHaveProperty('pin');
  });
});
