/** How one update check ended; `install-ready` is the only outcome on which main may install. */
export type UpdateOutcome =
  'no-release' | 'up-to-date' | 'no-change' | 'deferred' | 'install-ready' | 'refused' | 'failed';

/** What the host sends to HQ after each check: enough to see a fleet's versions and every refusal. */
export interface UpdateReport {
  terminalId: string;
  currentVersion: string;
  /** ISO time of the check (the host's clock). */
  checkedAt: string;
  outcome: UpdateOutcome;
  /** The release the manifest points at, when one was read and authentic. */
  targetVersion?: string;
  serial?: number;
  /** DomainError code for `refused` (update.*) and `failed` outcomes. */
  code?: string;
  message?: string;
  /** The verified installer, for `install-ready` and `deferred`. */
  installerPath?: string;
  /** SHA-512 (base64) of that installer from the signed manifest; main compares electron-updater's file. */
  installerSha512?: string;
}
