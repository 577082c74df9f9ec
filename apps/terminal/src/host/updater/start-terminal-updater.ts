// The terminal's updater, wired to a running host: checks on an interval, installs a verified release only
// when the counter allows a restart, then restarts the app through `relaunch`/`quit`, which Electron main
// passes in (app.relaunch, app.quit). Plain Node, so it runs end to end in tests against a real server.
import { join } from 'node:path';
import type { TrustedKey } from '@store-os/shared/updates';
import type { TerminalHost } from '../terminal-host';
import { checkForUpdate, updatePlatformOf } from './check-for-update';
import { reportToHq, rolloutTerminalOf, type HqLink } from './hq-link';
import { installKindOf, installRelease } from './install-release';
import { startUpdateGlue } from './update-glue';
import type { UpdateReport } from './update-report';

/** How often a terminal checks for a release. */
export const UPDATE_CHECK_MS = 15 * 60_000;

/** The parts of the running host the updater reads. */
export type UpdaterHost = Pick<TerminalHost, 'activity' | 'onActivity' | 'syncServerUrl'> & {
  readonly handlers: Pick<TerminalHost['handlers'], 'sync.authorization' | 'app.info'>;
};

export interface TerminalUpdaterOptions {
  readonly host: UpdaterHost;
  /** The terminal's data folder; update state and downloads go to `<dataDir>/updates`. */
  readonly dataDir: string;
  /** The running app's version. */
  readonly version: string;
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** Restarts the app after it quits (Electron's app.relaunch). */
  relaunch(): void;
  /** Quits the app (Electron's app.quit). */
  quit(): void;
  readonly intervalMs?: number;
  /** Keys trusted before any key list; default: the ones built into the app. */
  readonly trustedKeys?: readonly TrustedKey[];
  /** Puts a verified installer in place; default installRelease. */
  readonly installRelease?: typeof installRelease;
  readonly log?: Pick<Console, 'log' | 'error'>;
}

/** The running updater. */
export interface TerminalUpdater {
  /** Settles with the report of the check made at start (undefined when it threw). */
  readonly firstCheck: Promise<UpdateReport | undefined>;
  /** Settles when the check or install the latest activity report started has ended. */
  settled(): Promise<UpdateReport | undefined>;
  stop(): void;
}

/**
 * Starts the verified updater for a running host: checks now and every `intervalMs`, reports each check
 * to HQ as the terminal, installs only when the renderer last reported no sale in progress and a shift
 * that allows a restart (a deferred install is retried as soon as the activity allows it), then
 * relaunches (AppImage) or quits (the NSIS installer restarts the app).
 */
export function startTerminalUpdater(options: TerminalUpdaterOptions): TerminalUpdater {
  const { host } = options;
  const log = options.log ?? console;
  const install = options.installRelease ?? installRelease;
  const kind = installKindOf(options.platform, options.env);
  const hqLink = async (serverUrl: string): Promise<HqLink> => {
    const { value } = await host.handlers['sync.authorization']({});
    if (!value) throw new Error('not enrolled: no credential for HQ');
    return { serverUrl, authorization: value };
  };
  const glue = startUpdateGlue({
    intervalMs: options.intervalMs ?? UPDATE_CHECK_MS,
    activity: () => host.activity,
    async check(canInstallNow) {
      const info = await host.handlers['app.info']({});
      const serverUrl = host.syncServerUrl();
      if (!serverUrl) throw new Error('no sync-server: nothing to update from');
      return checkForUpdate({
        serverUrl,
        stateDir: join(options.dataDir, 'updates'),
        // Its store, itself and its store's groups, which rollout cohorts name.
        terminal: await rolloutTerminalOf(await hqLink(serverUrl), info),
        currentVersion: options.version,
        platform: updatePlatformOf(options.platform),
        canInstallNow,
        ...(options.trustedKeys ? { trustedKeys: options.trustedKeys } : {}),
      });
    },
    async install(report) {
      const next = await install({ kind, installerPath: report.installerPath, env: options.env });
      if (next === 'relaunch') options.relaunch();
      options.quit();
    },
    async report(report) {
      log.log(`terminal: update check ${report.outcome}${report.message ? `: ${report.message}` : ''}`);
      const serverUrl = host.syncServerUrl();
      if (serverUrl) await reportToHq(await hqLink(serverUrl), report);
    },
  });
  const firstCheck = glue.tick().catch((error: unknown) => {
    log.error('terminal: update check failed', error);
    return undefined;
  });
  let latest = firstCheck;
  const unsubscribe = host.onActivity(() => {
    latest = glue.activityChanged().catch((error: unknown) => {
      log.error('terminal: update install failed', error);
      return undefined;
    });
  });
  return {
    firstCheck,
    settled: () => latest,
    stop() {
      unsubscribe();
      glue.stop();
    },
  };
}
