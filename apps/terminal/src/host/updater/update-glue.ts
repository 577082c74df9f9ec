import type { UpdateReport } from './update-report';

/** What the counter allows right now (the renderer's last `terminal.activity`). */
export interface InstallWindow {
  readonly saleInProgress: boolean;
  readonly installAllowed: boolean;
}

/** The updater's moving parts, injected so the decision logic runs in plain Node tests. */
export interface UpdateGlueOptions {
  /** One verified check (checkForUpdate with `canInstallNow` bound to `activity`). */
  check(canInstallNow: () => boolean): Promise<UpdateReport>;
  /** The counter's state, read again at the moment of installing. */
  activity(): InstallWindow;
  /** Installs the verified installer and restarts the app; only called when the counter allows it. */
  install(report: UpdateReport & { installerPath: string }): Promise<void>;
  /** Where each report goes (HQ's fleet view, the log); failures to report never stop the updater. */
  report(report: UpdateReport): Promise<void>;
  readonly intervalMs: number;
}

/** The running glue: `tick` runs one check now; `activityChanged` retries a deferred install at once. */
export interface UpdateGlue {
  tick(): Promise<UpdateReport | undefined>;
  activityChanged(): Promise<UpdateReport | undefined>;
  stop(): void;
}

/** The report code when installing a verified release failed. */
export const INSTALL_FAILED = 'update.install-failed';

const allows = (w: InstallWindow): boolean => !w.saleInProgress && w.installAllowed;

/**
 * Electron main's updater glue: check on an interval; install only a release the host verified
 * (`install-ready`), and only if, at that very moment, no sale is in progress and the shift allows a
 * restart — a sale can start while the check downloads. A deferred release is retried as soon as the
 * counter becomes idle, without waiting for the next interval.
 */
export function startUpdateGlue(options: UpdateGlueOptions): UpdateGlue {
  let running: Promise<UpdateReport | undefined> | undefined;
  let deferred = false;
  let stopped = false;

  async function once(): Promise<UpdateReport | undefined> {
    const report = await options.check(() => allows(options.activity()));
    await options.report(report).catch(() => undefined);
    deferred = report.outcome === 'deferred';
    if (report.outcome !== 'install-ready' || !report.installerPath) return report;
    if (!allows(options.activity())) {
      deferred = true;
      const late: UpdateReport = {
        ...report,
        outcome: 'deferred',
        message: 'A sale started while the update was checked; installing when the till is idle.',
      };
      await options.report(late).catch(() => undefined);
      return late;
    }
    if (stopped) return report;
    try {
      await options.install({ ...report, installerPath: report.installerPath });
    } catch (error) {
      // The install itself failed (the app keeps running its current version): HQ hears it, and the next
      // check tries again. A successful install restarts the app, whose next report names the new version.
      const failed: UpdateReport = {
        ...report,
        checkedAt: new Date().toISOString(),
        outcome: 'failed',
        code: INSTALL_FAILED,
        message: `Installing ${report.targetVersion ?? 'the update'} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
      await options.report(failed).catch(() => undefined);
      return failed;
    }
    return report;
  }

  function tick(): Promise<UpdateReport | undefined> {
    // One check at a time; a tick during a check shares it.
    running ??= once().finally(() => (running = undefined));
    return running;
  }

  const timer = setInterval(() => {
    tick().catch(() => undefined);
  }, options.intervalMs);
  return {
    tick,
    activityChanged() {
      if (!deferred || !allows(options.activity())) return Promise.resolve(undefined);
      return tick();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
