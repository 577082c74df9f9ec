// Terminals report every update check; HQ keeps the history and the latest per terminal, scoped by role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHqTestServer, type Cred, type HqTestServer } from './hq-test-server';

let s: HqTestServer;
let t1: Cred;
let t2: Cred;
async function enroll(storeId: string, terminalId: string): Promise<Cred> {
  const code = await s.t.json<{ enrollmentCode: string }>(`/_hq/api/fleet/stores/${storeId}/terminals`, {
    method: 'POST',
    as: s.it,
    json: { terminalId },
  });
  const grant = await s.t.json<{ name: string; password: string }>('/_pos/enroll', {
    method: 'POST',
    as: null,
    json: { code: code.body.enrollmentCode },
  });
  return grant.body;
}
beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002']);
  t1 = await enroll('s001', 's001-t01');
  t2 = await enroll('s002', 's002-t01');
});
afterAll(async () => {
  await s.t.close();
});

const report = (terminalId: string, outcome: string, extra: Record<string, unknown> = {}) => ({
  terminalId,
  currentVersion: '2.0.0',
  checkedAt: new Date().toISOString(),
  outcome,
  ...extra,
});
const post = (as: Cred | null, body: unknown) =>
  s.t.json('/_hq/api/update-report', { method: 'POST', as, json: body });

type Reports = {
  latest: { terminalId: string; storeId: string; outcome: string; code?: string }[];
  rows: { terminalId: string; outcome: string }[];
};

describe('update reports', () => {
  it('takes reports from the terminal itself; HQ sees the latest per terminal and the history', async () => {
    expect(
      (await post(t1, report('s001-t01', 'install-ready', { targetVersion: '2.1.0', serial: 3 }))).status,
    ).toBe(202);
    expect(
      (
        await post(
          t1,
          report('s001-t01', 'refused', {
            serial: 4,
            code: 'update.unknown-key',
            message: 'signed by an unknown key',
            installerPath: '/local/path/is/not/kept',
          }),
        )
      ).status,
    ).toBe(202);
    expect((await post(t2, report('s002-t01', 'not-a-thing'))).status).toBe(400);
    expect((await post(t2, report('s001-t01', 'up-to-date'))).status).toBe(403);
    expect((await post(s.it, report('s001-t01', 'up-to-date'))).status).toBe(403);
    expect((await post(null, report('s001-t01', 'up-to-date'))).status).toBe(401);
    expect(
      (await post(t2, report('s002-t01', 'deferred', { targetVersion: '2.1.0', serial: 3 }))).status,
    ).toBe(202);

    const all = await s.api<Reports>('/updates/reports', s.it);
    expect(all.status).toBe(200);
    expect(all.body.latest.map((r) => [r.terminalId, r.storeId, r.outcome, r.code])).toEqual([
      ['s001-t01', 's001', 'refused', 'update.unknown-key'],
      ['s002-t01', 's002', 'deferred', undefined],
    ]);
    expect(all.body.rows.map((r) => r.outcome)).toEqual(['deferred', 'refused', 'install-ready']);
    expect(JSON.stringify(all.body)).not.toContain('/local/path');
    const one = await s.api<Reports>('/updates/reports?terminal=s001-t01', s.hqUser);
    expect(one.body.rows.map((r) => r.outcome)).toEqual(['refused', 'install-ready']);
    // A manager sees their store's terminals only.
    const mine = await s.api<Reports>('/updates/reports', s.manager);
    expect(mine.body.latest.map((r) => r.terminalId)).toEqual(['s001-t01']);
    expect(mine.body.rows.every((r) => r.terminalId === 's001-t01')).toBe(true);
    expect((await s.api('/updates/releases', s.manager)).status).toBe(403);
    expect((await s.api<{ releases: unknown[] }>('/updates/releases', s.it)).body.releases).toEqual([]);
  });
});
