// Fleet and updates in the HQ console (Chromium, real sync-server): IT enrolls a terminal (one-time code),
// sees it report in and go stale, revokes it (its credential is refused from then on), and sees a release
// published with the release CLI to 50 % of a store group, with exactly the terminals in its cohort.
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
  type ConsoleServer,
  type Credential,
  until,
} from './console-fixture';
import { ConsoleApp } from './pages/console-app';

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

function heartbeat(t: Credential & { storeId: string }, lastSyncAt: Date) {
  const now = new Date().toISOString();
  return {
    terminalId: t.name,
    storeId: t.storeId,
    appVersion: '1.4.0',
    lastSyncAt: lastSyncAt.toISOString(),
    pendingDocs: 0,
    devices: { printer: 'ok', drawer: 'ok', paymentTerminal: 'ok' },
    offlinePeriods: [],
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
      json: heartbeat(t06, new Date(Date.now() - 3 * 3_600_000)),
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = (id: string) => app.table('Terminals at a glance').locator(`tr[data-terminal="${id}"]`);
    await until(() => row('s001-t05').getByRole('cell').last().innerText()).toContain('Revoke s001-t05');
    expect(await row('s001-t05').getByRole('cell').nth(5).innerText()).toBe('Active');
    expect(await row('s001-t05').getByRole('cell').nth(1).innerText()).toBe('1.4.0');
    expect(await row('s001-t06').getByRole('cell').nth(5).innerText()).toBe('Stale');
    expect(await row('s001-t06').getByRole('cell').nth(4).innerText()).toContain('not synced for too long');
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

  it('shows a release the CLI published to 50 % of a store group, and which terminals are in it', async () => {
    const terminals: { terminalId: string; storeId: string }[] = [];
    for (let i = 1; i <= 10; i++)
      terminals.push({ terminalId: `s001-r${String(i).padStart(2, '0')}`, storeId: STORE_A });
    for (let i = 1; i <= 2; i++)
      terminals.push({ terminalId: `s002-r${String(i).padStart(2, '0')}`, storeId: STORE_B });
    for (const t of terminals) await server.enrollTerminal(t.storeId, t.terminalId);

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
      STORE_A,
      '--percentage',
      '50',
      '--notes',
      'Pilot in Berlin',
      '--out',
      join(releaseDir, 'rel.json'),
    );
    release('publish', '--dir', updates, '--manifest', join(releaseDir, 'rel.json'), '--files', releaseDir);

    await app.signIn(PEOPLE.it, 'updates');
    const facts = page.getByRole('region', { name: 'Published release' });
    await facts.waitFor();
    expect(await facts.getByRole('heading').innerText()).toBe('Version 2.1.0 (serial 1)');
    expect(await facts.getByLabel('Cohort').innerText()).toBe(`50% of group ${STORE_A}`);
    expect(await facts.innerText()).toContain('Rolling out');
    expect(await facts.innerText()).toContain('release-e2e');

    // The same rule the terminals apply (shared/updates): store group first, then the version's bucket.
    // Every live terminal of the fleet is listed (the earlier test's terminals too).
    const fleet = await server.call<{
      terminals: { terminalId: string; storeId: string; revoked: boolean }[];
    }>('/_hq/api/fleet', { as: PEOPLE.it });
    const live = fleet.terminals.filter((t) => !t.revoked);
    expect(live.map((t) => t.terminalId)).toEqual(expect.arrayContaining(terminals.map((t) => t.terminalId)));
    const inRollout = (t: { terminalId: string; storeId: string }) =>
      isInRollout({ groups: [STORE_A], percentage: 50 }, '2.1.0', {
        terminalId: t.terminalId,
        groups: [t.storeId, t.terminalId],
      });
    // With ten Berlin terminals at 50 %, some are in and some are out.
    const berlinIn = terminals.filter((t) => t.storeId === STORE_A && inRollout(t)).length;
    expect(berlinIn).toBeGreaterThan(0);
    expect(berlinIn).toBeLessThan(10);
    const included = live.filter(inRollout).length;
    const table = app.table('Terminals in the rollout');
    expect(await table.locator('caption').innerText()).toBe(
      `${included} of ${live.length} terminals are in the rollout`,
    );
    for (const t of live) {
      const cells = table.locator(`tr[data-terminal="${t.terminalId}"]`).getByRole('cell');
      expect(await cells.nth(1).innerText(), t.terminalId).toBe(t.storeId === STORE_A ? 'Yes' : 'No');
      expect(await cells.nth(3).innerText(), t.terminalId).toBe(inRollout(t) ? 'Yes' : 'No');
    }
    await page.screenshot({ path: screenshotPath('updates'), fullPage: true });
    console.log(`HQ console screenshot (updates): ${screenshotPath('updates')}`);
  });
});
