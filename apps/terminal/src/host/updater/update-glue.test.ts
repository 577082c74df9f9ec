import { describe, expect, it } from 'vitest';
import { INSTALL_FAILED, startUpdateGlue, type InstallWindow } from './update-glue';
import type { UpdateReport } from './update-report';

const ready: UpdateReport = {
  terminalId: 's001-t01',
  currentVersion: '1.0.0',
  checkedAt: '2026-11-23T10:00:00.000Z',
  outcome: 'install-ready',
  targetVersion: '1.1.0',
  installerPath: '/data/updates/downloads/terminal-1.1.0.AppImage',
};

function harness(
  window: InstallWindow,
  during?: (w: { current: InstallWindow }) => void,
  installError?: Error,
) {
  const state = { current: window };
  const installs: string[] = [];
  const reports: UpdateReport[] = [];
  const glue = startUpdateGlue({
    intervalMs: 3_600_000,
    activity: () => state.current,
    check: (canInstallNow) => {
      during?.(state);
      return Promise.resolve(canInstallNow() ? ready : { ...ready, outcome: 'deferred' });
    },
    install: (report) => {
      installs.push(report.installerPath);
      return installError ? Promise.reject(installError) : Promise.resolve();
    },
    report: (report) => {
      reports.push(report);
      return Promise.resolve();
    },
  });
  return { glue, state, installs, reports };
}

describe('update glue', () => {
  it('installs a verified release when no sale is in progress and the shift allows it', async () => {
    const { glue, installs, reports } = harness({ saleInProgress: false, installAllowed: true });
    expect((await glue.tick())?.outcome).toBe('install-ready');
    expect(installs).toEqual([ready.installerPath]);
    expect(reports.map((r) => r.outcome)).toEqual(['install-ready']);
    glue.stop();
  });

  it('defers during a sale, then installs as soon as the till is idle, without waiting for the next check', async () => {
    const { glue, state, installs } = harness({ saleInProgress: true, installAllowed: true });
    expect((await glue.tick())?.outcome).toBe('deferred');
    expect(installs).toEqual([]);
    state.current = { saleInProgress: false, installAllowed: false }; // the shift forbids it
    expect(await glue.activityChanged()).toBeUndefined();
    expect(installs).toEqual([]);
    state.current = { saleInProgress: false, installAllowed: true };
    expect((await glue.activityChanged())?.outcome).toBe('install-ready');
    expect(installs).toEqual([ready.installerPath]);
    glue.stop();
  });

  it('does not install when a sale starts while the check downloads', async () => {
    const { glue, installs, reports } = harness({ saleInProgress: false, installAllowed: true }, (s) => {
      // The check saw an idle till; the cashier scans before it returns.
      queueMicrotask(() => (s.current = { saleInProgress: true, installAllowed: true }));
    });
    const outcome = await glue.tick();
    expect(outcome?.outcome).toBe('deferred');
    expect(installs).toEqual([]);
    expect(reports.at(-1)?.message).toMatch(/sale started/);
    glue.stop();
  });

  it('reports a failed install to HQ with its reason, and keeps checking', async () => {
    const { glue, installs, reports } = harness(
      { saleInProgress: false, installAllowed: true },
      undefined,
      new Error('EACCES: permission denied'),
    );
    const outcome = await glue.tick();
    expect(installs).toEqual([ready.installerPath]);
    expect(outcome).toMatchObject({ outcome: 'failed', code: INSTALL_FAILED, targetVersion: '1.1.0' });
    expect(reports.map((r) => r.outcome)).toEqual(['install-ready', 'failed']);
    expect(reports[1]?.message).toContain('Installing 1.1.0 failed: EACCES');
    // The next check tries again.
    expect((await glue.tick())?.outcome).toBe('failed');
    expect(installs).toHaveLength(2);
    glue.stop();
  });

  it('never installs a release the host did not verify', async () => {
    const installs: string[] = [];
    const glue = startUpdateGlue({
      intervalMs: 3_600_000,
      activity: () => ({ saleInProgress: false, installAllowed: true }),
      check: () => Promise.resolve({ ...ready, outcome: 'refused', code: 'update.bad-signature' }),
      install: (r) => Promise.resolve(void installs.push(r.installerPath)),
      report: () => Promise.reject(new Error('HQ unreachable')),
    });
    expect((await glue.tick())?.outcome).toBe('refused');
    expect(installs).toEqual([]);
    glue.stop();
  });
});
