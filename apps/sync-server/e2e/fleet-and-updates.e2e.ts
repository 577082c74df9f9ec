// Fleet and updates in the HQ console (Chromium, real sync-server): IT enrolls a terminal (one-time code),
// sees it report in and go stale, revokes it (its credential is refused from then on), puts stores in a
// store group, and sees a release published with the release CLI to 50 % of that group, with exactly the
// terminals in its cohort, what terminals reported, and the release history after a halt.
import { spawnSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentExamples } from '@store-os/shared/schemas';
import { isInRollout } from '@store-os/shared/updates';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumUnavailable, launchFreshChromium, type FreshBrowser } from './chromium';
import {
  PEOPLE,
  screenshotPath,
  startConsoleServer,
  STORE_A,
  STORE_B,
  STORE_C,
  type ConsoleServer,
  type Credential,
  until,
} from './console-fixture';
import { ConsoleApp } from './pages/console-app';

/** Who of the pilot's twelve terminals draws a bucket below 50 for version 2.1.0 (fixed by the rule). */
const EXPECTED_IN_ROLLOUT = [
  's001-r03',
  's001-r04',
  's001-r05',
  's003-r02',
  's003-r03',
  's003-r04',
  's003-r06',
];

const skip = chromiumUnavailable();
if (skip) console.log(`HQ console e2e skipped: ${skip}`);

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const releaseCli = join(repoRoot, 'apps/sync-server/src/updates/release-cli.ts');

/** Runs IT's release CLI as IT would, failing with its own output. */
function release(...args: string[]): string {
  const r = spawnSync(tsx, [releaseCli, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`release-cli ${args[0]} failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

function heartbeat(
  t: Credential & { storeId: string },
  lastSyncAt: Date,
  offlinePeriods: { from: string; to?: string }[] = [],
) {
  const now = new Date().toISOString();
  return {
    terminalId: t.name,
    storeId: t.storeId,
    appVersion: '1.4.0',
    lastSyncAt: lastSyncAt.toISOString(),
    pendingDocs: 0,
    devices: { printer: 'ok', drawer: 'ok', paymentTerminal: 'ok' },
    offlinePeriods,
    sentAt: now,
  };
}

describe.skipIf(skip !== undefined)('HQ console: fleet and updates', { timeout: 120_000 }, () => {
  let server: ConsoleServer;
  let browser: FreshBrowser;
  let page: Page;
  let app: ConsoleApp;
  let releaseDir: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchFreshChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    app = new ConsoleApp(page, server.url);
    releaseDir = mkdtempSync(join(tmpdir(), 'hq-release-'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (releaseDir) rmSync(releaseDir, { recursive: true, force: true });
  }, 120_000);

  it('enrolls a terminal with a one-time code, flags it when it stops syncing, and revokes it', async () => {
    await app.signIn(PEOPLE.it, 'fleet');
    const enroll = page.getByRole('region', { name: 'Enroll a terminal' });
    await enroll.getByLabel('Store').selectOption(STORE_A);
    await enroll.getByLabel('Terminal id').fill('s001-t05');
    await enroll.getByRole('button', { name: 'Create enrollment code' }).click();
    const code = await page
      .getByRole('status')
      .filter({ hasText: 'One-time code' })
      .locator('output')
      .innerText();
    expect(code.length).toBeGreaterThan(8);

    // The terminal exchanges the code once for its credential, and may then use its store database.
    const grant = await server.call<{ name: string; password: string; storeId: string }>('/_pos/enroll', {
      as: null,
      json: { code },
    });
    const t05 = { name: grant.name, password: grant.password, storeId: grant.storeId };
    expect(t05).toMatchObject({ name: 's001-t05', storeId: STORE_A });
    expect((await server.t.call(`/store-${STORE_A}`, { as: t05 })).status).toBe(200);
    const again = await server.t.call('/_pos/enroll', { as: null, method: 'POST', json: { code } });
    expect(again.status).toBe(401);

    // A second terminal last synced three hours ago; t05 just now.
    const t06 = await server.enrollTerminal(STORE_A, 's001-t06');
    await server.call('/_hq/api/heartbeat', { as: t05, json: heartbeat(t05, new Date()) });
    await server.call('/_hq/api/heartbeat', {
      as: t06,
      // It was cut off the server for 5 minutes, then again from 2.5 hours ago until now.
      json: heartbeat(t06, new Date(Date.now() - 3 * 3_600_000), [
        {
          from: new Date(Date.now() - 4 * 3_600_000).toISOString(),
          to: new Date(Date.now() - 4 * 3_600_000 + 300_000).toISOString(),
        },
        { from: new Date(Date.now() - 2.5 * 3_600_000).toISOString() },
      ]),
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = (id: string) => app.table('Terminals at a glance').locator(`tr[data-terminal="${id}"]`);
    await until(() => row('s001-t05').getByRole('cell').last().innerText()).toContain('Revoke s001-t05');
    expect(await row('s001-t05').getByRole('cell').nth(5).innerText()).toBe('Active');
    expect(await row('s001-t05').getByRole('cell').nth(1).innerText()).toBe('1.4.0');
    expect(await row('s001-t06').getByRole('cell').nth(5).innerText()).toBe('Stale');
    expect(await row('s001-t06').getByRole('cell').nth(4).innerText()).toContain('not synced for too long');
    // Offline periods of the last heartbeat: none for t05; two for t06, the latest still open.
    expect(await row('s001-t05').getByRole('cell').nth(6).innerText()).toBe('none');
    expect(await row('s001-t06').getByRole('cell').nth(6).innerText()).toMatch(/^2 \(latest offline since /);
    await page.screenshot({ path: screenshotPath('fleet'), fullPage: true });
    console.log(`HQ console screenshot (fleet): ${screenshotPath('fleet')}`);

    await page.getByRole('button', { name: 'Revoke s001-t05' }).click();
    await page.getByRole('button', { name: 'Confirm revoking s001-t05' }).click();
    await until(() => row('s001-t05').getByRole('cell').nth(5).innerText()).toBe('Revoked');
    expect((await server.t.call(`/store-${STORE_A}`, { as: t05 })).status).toBe(401);
    expect((await server.t.call('/catalog', { as: t05 })).status).toBe(401);
    expect((await server.t.call(`/store-${STORE_A}`, { as: t06 })).status).toBe(200);
  });

  it('resets a staff PIN: the store database gets a new hash of the new PIN, never the PIN', async () => {
    const staff = { ...structuredClone(documentExamples.staff), storeId: STORE_A } as Record<string, unknown>;
    await server.call(`/store-${STORE_A}/_bulk_docs`, { json: { docs: [{ ...staff, _id: staff.id }] } });
    await app.signIn(PEOPLE.managerBerlin, 'fleet');
    const form = page.getByRole('region', { name: 'Reset a PIN' });
    await form.getByLabel('Staff member').selectOption('u42');
    await form.getByLabel('New PIN (4 to 8 digits)').fill('8642');
    await form.getByRole('button', { name: 'Reset PIN' }).click();
    await until(() => form.getByRole('status').innerText()).toContain('The PIN of u42 is reset');
    const doc = await server.call<{ pin: { salt: string; hash: string; iterations: number } }>(
      `/store-${STORE_A}/staff:u42`,
    );
    expect(JSON.stringify(doc)).not.toContain('8642');
    const derived = pbkdf2Sync(
      '8642',
      Uint8Array.from(Buffer.from(doc.pin.salt, 'base64')),
      doc.pin.iterations,
      32,
      'sha256',
    );
    expect(derived.toString('base64')).toBe(doc.pin.hash);
    // A manager of one store cannot reset a PIN in another.
    const other = await page.request.post(`${server.url}/_hq/api/fleet/stores/${STORE_B}/staff/u42/pin`, {
      data: { pin: '1111' },
    });
    expect(other.status()).toBe(403);
  });

  it('puts stores in a store group, publishes a release to 50 % of it, and shows who is in, what they report, and the history', async () => {
    // A third store, so the group spans several stores and leaves one out.
    await server.call('/_pos/stores', { json: { id: STORE_C, name: 'Bremen Viertel' } });
    const storeDoc = {
      ...structuredClone(documentExamples.store),
      _id: `store:${STORE_C}`,
      id: `store:${STORE_C}`,
      storeId: STORE_C,
      name: 'Bremen Viertel',
      groups: [],
    };
    await server.call(`/catalog/store:${STORE_C}`, { method: 'PUT', json: storeDoc });

    // IT puts Berlin and Bremen in the pilot group from the Fleet page; Hamburg stays out.
    await app.signIn(PEOPLE.it, 'fleet');
    const form = page.getByRole('region', { name: 'Set store groups' });
    for (const [storeId, groups] of [
      [STORE_A, 'north-pilot'],
      [STORE_C, 'north-pilot, north'],
      [STORE_B, ''],
    ] as const) {
      await form.getByLabel('Store').selectOption(storeId);
      await form.getByLabel('Groups (comma separated)').fill(groups);
      await form.getByRole('button', { name: 'Save groups' }).click();
      await until(() => form.getByRole('status').innerText()).toContain(`Store ${storeId} is in`);
    }
    await until(() => app.table('Store groups').locator('tr[data-group="north-pilot"] td').innerText()).toBe(
      `${STORE_A}, ${STORE_C}`,
    );
    const stored = await server.call<{ groups: string[]; schemaVersion: number }>(
      `/catalog/store:${STORE_C}`,
    );
    expect(stored).toMatchObject({ groups: ['north', 'north-pilot'], schemaVersion: 2 });

    const terminals: { terminalId: string; storeId: string }[] = [];
    for (const [storeId, n] of [
      [STORE_A, 6],
      [STORE_C, 6],
      [STORE_B, 2],
    ] as const)
      for (let i = 1; i <= n; i++)
        terminals.push({ terminalId: `${storeId}-r${String(i).padStart(2, '0')}`, storeId });
    const creds = new Map<string, Credential & { storeId: string }>();
    for (const t of terminals) creds.set(t.terminalId, await server.enrollTerminal(t.storeId, t.terminalId));

    const installer = join(releaseDir, 'store-os-2.1.0.AppImage');
    writeFileSync(installer, new Uint8Array(4096).fill(7));
    release('keygen', '--key-id', 'release-e2e', '--out', releaseDir);
    const updates = join(server.t.dataDir, 'updates');
    release(
      'sign',
      '--key',
      join(releaseDir, 'release-e2e.private.json'),
      '--version',
      '2.1.0',
      '--file',
      `${installer}:linux`,
      '--dir',
      updates,
      '--group',
      'north-pilot',
      '--percentage',
      '50',
      '--notes',
      'Pilot in the north',
      '--out',
      join(releaseDir, 'rel.json'),
    );
    release('publish', '--dir', updates, '--manifest', join(releaseDir, 'rel.json'), '--files', releaseDir);

    // Two terminals report their checks, as the host does after each one.
    const report = (terminalId: string, extra: Record<string, unknown>) =>
      server.call('/_hq/api/update-report', {
        as: creds.get(terminalId),
        json: { terminalId, currentVersion: '2.0.0', checkedAt: new Date().toISOString(), ...extra },
      });
    await report(`${STORE_B}-r01`, { outcome: 'refused', serial: 1, code: 'update.not-in-cohort' });
    await report(`${STORE_C}-r02`, { outcome: 'install-ready', targetVersion: '2.1.0', serial: 1 });

    await app.signIn(PEOPLE.it, 'updates');
    const facts = page.getByRole('region', { name: 'Published release' });
    await facts.waitFor();
    expect(await facts.getByRole('heading').innerText()).toBe('Version 2.1.0 (serial 1)');
    expect(await facts.getByLabel('Cohort').innerText()).toBe('50% of group north-pilot');
    expect(await facts.innerText()).toContain('Rolling out');
    expect(await facts.innerText()).toContain('release-e2e');

    // The rule the terminals apply (shared/updates): a terminal's groups are its store, itself and its
    // store's groups; group first, then the version's bucket — the same terminals on every run.
    const storeGroups: Record<string, string[]> = {
      [STORE_A]: ['north-pilot'],
      [STORE_B]: [],
      [STORE_C]: ['north', 'north-pilot'],
    };
    const inRollout = (t: { terminalId: string; storeId: string }) =>
      isInRollout({ groups: ['north-pilot'], percentage: 50 }, '2.1.0', {
        terminalId: t.terminalId,
        groups: [t.storeId, t.terminalId, ...(storeGroups[t.storeId] ?? [])],
      });
    expect(terminals.filter(inRollout).map((t) => t.terminalId)).toEqual(EXPECTED_IN_ROLLOUT);
    const fleet = await server.call<{
      terminals: { terminalId: string; storeId: string; revoked: boolean }[];
    }>('/_hq/api/fleet', { as: PEOPLE.it });
    const live = fleet.terminals.filter((t) => !t.revoked);
    expect(live.map((t) => t.terminalId)).toEqual(expect.arrayContaining(terminals.map((t) => t.terminalId)));
    const table = app.table('Terminals in the rollout');
    expect(await table.locator('caption').innerText()).toBe(
      `${live.filter(inRollout).length} of ${live.length} terminals are in the rollout`,
    );
    for (const t of live) {
      const cells = table.locator(`tr[data-terminal="${t.terminalId}"]`).getByRole('cell');
      expect(await cells.nth(1).innerText(), t.terminalId).toBe(t.storeId === STORE_B ? 'No' : 'Yes');
      expect(await cells.nth(3).innerText(), t.terminalId).toBe(inRollout(t) ? 'Yes' : 'No');
    }
    const lastCheck = (id: string) =>
      table.locator(`tr[data-terminal="${id}"]`).getByRole('cell').nth(4).innerText();
    expect(await lastCheck(`${STORE_B}-r01`)).toBe('Refused (serial 1): update.not-in-cohort');
    expect(await lastCheck(`${STORE_C}-r02`)).toBe('Installing 2.1.0 (serial 1)');
    expect(await lastCheck(`${STORE_A}-r01`)).toBe('No report');
    expect(await app.table('Update checks reported by terminals').locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('updates'), fullPage: true });
    console.log(`HQ console screenshot (updates): ${screenshotPath('updates')}`);

    // IT halts the release (a higher serial), then rolls back to nothing newer: the history shows both.
    release(
      'sign',
      '--key',
      join(releaseDir, 'release-e2e.private.json'),
      '--from',
      join(releaseDir, 'rel.json'),
      '--dir',
      updates,
      '--halt',
      '--out',
      join(releaseDir, 'halt.json'),
    );
    release('publish', '--dir', updates, '--manifest', join(releaseDir, 'halt.json'));
    await page.getByRole('button', { name: 'Refresh' }).click();
    const history = app.table('Release history');
    await until(() => history.locator('tbody tr').count()).toBe(2);
    const historyRow = (serial: number) => history.locator(`tr[data-serial="${serial}"]`).getByRole('cell');
    expect(await historyRow(2).nth(1).innerText()).toBe('Halted (current)');
    expect(await historyRow(2).nth(2).innerText()).toBe('50% of group north-pilot');
    expect(await historyRow(1).nth(1).innerText()).toBe('Published');
    expect(await facts.innerText()).toContain('Halted');
    // A halted release takes nobody.
    expect(await table.locator('caption').innerText()).toBe(
      `0 of ${live.length} terminals are in the rollout`,
    );
  });
});
