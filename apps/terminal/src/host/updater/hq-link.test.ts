// The updater's HQ calls against the real sync-server, with an enrolled terminal's own credential: its
// store's groups for rollout cohorts, and the report of each check, which HQ then lists.
import { documentExamples } from '@store-os/shared/schemas';
import { isInRollout } from '@store-os/shared/updates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSyncServerProcess,
  syncServerUnavailable,
  type SyncServerProcess,
} from '../../../test/sync-server-process';
import { reportToHq, rolloutTerminalOf, type HqLink } from './hq-link';

const unavailable = syncServerUnavailable();
if (unavailable) console.log(`hq-link.test: skipped, ${unavailable}`);

describe.skipIf(unavailable !== undefined)('updater ↔ HQ', () => {
  let server: SyncServerProcess;
  const links = new Map<string, HqLink>();
  beforeAll(async () => {
    server = await startSyncServerProcess();
    for (const [storeId, terminalId] of [
      ['s001', 's001-t01'],
      ['s002', 's002-t01'],
    ] as const) {
      await server.createStore(storeId);
      const code = await server.enrollmentCode(storeId, terminalId);
      const res = await fetch(`${server.url}/_pos/enroll`, {
        method: 'POST',
        body: JSON.stringify({ code }),
      });
      const { name, password } = (await res.json()) as { name: string; password: string };
      links.set(terminalId, {
        serverUrl: server.url,
        authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`,
      });
    }
    await server.putDocuments('catalog', [
      { ...structuredClone(documentExamples.store), groups: ['north-pilot'] },
    ]);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("takes the store's groups from its store document, so a cohort naming the group includes it", async () => {
    const t1 = await rolloutTerminalOf(links.get('s001-t01')!, { terminalId: 's001-t01', storeId: 's001' });
    expect(t1).toEqual({ terminalId: 's001-t01', groups: ['s001', 's001-t01', 'north-pilot'] });
    expect(isInRollout({ groups: ['north-pilot'], percentage: 100 }, '2.1.0', t1)).toBe(true);
    // A store without a store document is in no group.
    const t2 = await rolloutTerminalOf(links.get('s002-t01')!, { terminalId: 's002-t01', storeId: 's002' });
    expect(t2).toEqual({ terminalId: 's002-t01', groups: ['s002', 's002-t01'] });
    // A bad credential is an error (the check is retried), never "no groups".
    await expect(
      rolloutTerminalOf(
        { serverUrl: server.url, authorization: 'Basic bm9ib2R5Om5vdGhpbmc=' },
        { terminalId: 's001-t01', storeId: 's001' },
      ),
    ).rejects.toThrow(/HTTP 401/);
  });

  it('reports each check to HQ as the terminal itself; HQ lists it without local paths', async () => {
    await reportToHq(links.get('s001-t01')!, {
      terminalId: 's001-t01',
      currentVersion: '2.0.0',
      checkedAt: new Date().toISOString(),
      outcome: 'deferred',
      targetVersion: '2.1.0',
      serial: 3,
      installerPath: '/var/lib/store-os/updates/downloads/store-os-2.1.0.AppImage',
      installerSha512: 'x'.repeat(88),
    });
    // Another terminal's report is refused.
    await expect(
      reportToHq(links.get('s002-t01')!, {
        terminalId: 's001-t01',
        currentVersion: '2.0.0',
        checkedAt: new Date().toISOString(),
        outcome: 'up-to-date',
      }),
    ).rejects.toThrow(/HTTP 403/);
    const res = await fetch(`${server.url}/_hq/api/updates/reports`, {
      headers: { Authorization: server.adminAuthorization },
    });
    const body = (await res.json()) as { latest: Record<string, unknown>[] };
    expect(body.latest).toEqual([
      expect.objectContaining({ terminalId: 's001-t01', storeId: 's001', outcome: 'deferred', serial: 3 }),
    ]);
    expect(JSON.stringify(body)).not.toContain('/var/lib');
  });
});
