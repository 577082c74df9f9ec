// One update check, end to end: fetch the signed manifest, apply the policy from @store-os/shared/updates
// with real Ed25519, check the electron-updater feed against it, download and verify the installer, and
// decide whether now is a moment to install. Plain Node (no electron): main only acts on the report.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isDomainError } from '@store-os/shared/errors';
import {
  checkFeedAgainstManifest,
  feedFileName,
  manifestFileFor,
  verifyManifest,
  type KeyTrust,
  type RolloutTerminal,
  type TrustedKey,
  type UpdatePlatform,
  type UpdaterState,
} from '@store-os/shared/updates';
import { parse } from 'yaml';
import { BUILT_IN_UPDATE_KEYS } from './built-in-update-keys';
import { downloadVerified } from './download-release';
import { verifyEd25519 } from './ed25519-verify';
import type { UpdateReport } from './update-report';
import { loadUpdaterState, saveUpdaterState } from './update-state';

/** What a check needs; everything that varies per terminal or per test is passed in. */
export interface CheckForUpdateOptions {
  /** The sync-server, e.g. `http://store-server:5984`; the channel is under `/_updates/`. */
  serverUrl: string;
  /** Folder for update-state.json and downloaded installers (inside the terminal's data folder). */
  stateDir: string;
  terminal: RolloutTerminal;
  currentVersion: string;
  platform: UpdatePlatform;
  /** False while a sale is in progress or the shift forbids a restart; checked after the download. */
  canInstallNow: () => boolean | Promise<boolean>;
  trustedKeys?: readonly TrustedKey[];
  now?: () => number;
  fetch?: typeof fetch;
}

/** The electron-updater platform of this Node process (Windows and Linux are the tills we ship). */
export function updatePlatformOf(nodePlatform: NodeJS.Platform): UpdatePlatform {
  return nodePlatform === 'win32' ? 'windows' : 'linux';
}

/** Runs one check and returns the report for HQ; never throws for a refusal or a network failure. */
export async function checkForUpdate(options: CheckForUpdateOptions): Promise<UpdateReport> {
  const now = options.now ?? Date.now;
  const base: UpdateReport = {
    terminalId: options.terminal.terminalId,
    currentVersion: options.currentVersion,
    checkedAt: new Date(now()).toISOString(),
    outcome: 'failed',
  };
  try {
    return { ...base, ...(await runCheck(options, now)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (
      isDomainError(error) &&
      error.code.startsWith('update.') &&
      error.code !== 'update.state-unreadable'
    ) {
      return { ...base, outcome: 'refused', code: error.code, message };
    }
    return {
      ...base,
      outcome: 'failed',
      code: isDomainError(error) ? error.code : 'update.unreachable',
      message,
    };
  }
}

async function runCheck(options: CheckForUpdateOptions, now: () => number): Promise<Partial<UpdateReport>> {
  const fetchFn = options.fetch ?? fetch;
  const channel = `${options.serverUrl.replace(/\/+$/, '')}/_updates/`;
  const state = await loadUpdaterState(options.stateDir, options.trustedKeys ?? BUILT_IN_UPDATE_KEYS);

  const res = await fetchFn(`${channel}manifest.json`, { signal: AbortSignal.timeout(30_000) });
  if (res.status === 404) return { outcome: 'no-release' };
  if (!res.ok) throw new Error(`GET ${channel}manifest.json answered HTTP ${res.status}.`);
  const envelope: unknown = await res.json();

  const verdict = verifyManifest({
    envelope,
    trustedKeys: state.trust,
    lastAcceptedSerial: state.lastAcceptedSerial,
    now: now(),
    terminal: options.terminal,
    verifySignature: verifyEd25519,
  });
  if (!verdict.accepted) {
    const { refusal, authentic } = verdict;
    const servedSerial = refusal.details['serial'];
    // The same manifest as last time is not an attack: report a download still waiting, if any.
    if (refusal.code === 'update.rollback' && servedSerial === state.lastAcceptedSerial) {
      if (state.pending?.version === options.currentVersion) {
        // Installed since the last check: forget the download so it is never offered again.
        await saveUpdaterState(options.stateDir, {
          lastAcceptedSerial: state.lastAcceptedSerial,
          trust: state.trust,
        });
        await rm(state.pending.path, { force: true });
        return {
          outcome: 'up-to-date',
          targetVersion: state.pending.version,
          serial: state.lastAcceptedSerial,
        };
      }
      if (state.pending) return pendingOutcome(options, state.pending);
      return { outcome: 'no-change', serial: state.lastAcceptedSerial };
    }
    if (authentic) {
      // Halted or not our cohort: remember the serial so older manifests cannot be replayed, and drop
      // a download of a release that has since been halted.
      await saveUpdaterState(options.stateDir, {
        lastAcceptedSerial: authentic.serial,
        trust: storedTrust(authentic.trust),
      });
      if (state.pending) await rm(state.pending.path, { force: true });
    }
    throw refusal;
  }

  const { manifest } = verdict;
  if (manifest.version === options.currentVersion) {
    await saveUpdaterState(options.stateDir, {
      lastAcceptedSerial: manifest.serial,
      trust: storedTrust(verdict.trust),
    });
    return { outcome: 'up-to-date', targetVersion: manifest.version, serial: manifest.serial };
  }

  const feedName = feedFileName(options.platform);
  const feedRes = await fetchFn(`${channel}${feedName}`, { signal: AbortSignal.timeout(30_000) });
  if (!feedRes.ok) throw new Error(`GET ${channel}${feedName} answered HTTP ${feedRes.status}.`);
  checkFeedAgainstManifest(parse(await feedRes.text()), manifest, options.platform);

  const file = manifestFileFor(manifest, options.platform);
  const installerPath = await downloadVerified({
    url: `${channel}${encodeURIComponent(file.name)}`,
    file,
    dir: join(options.stateDir, 'downloads'),
    fetch: fetchFn,
  });
  // Only now, with a verified installer on disk, does the serial move: a failed download is retried.
  const pending = {
    version: manifest.version,
    serial: manifest.serial,
    path: installerPath,
    sha512: file.sha512,
  };
  await saveUpdaterState(options.stateDir, {
    lastAcceptedSerial: manifest.serial,
    trust: storedTrust(verdict.trust),
    pending,
  });
  return pendingOutcome(options, pending);
}

async function pendingOutcome(
  options: CheckForUpdateOptions,
  pending: NonNullable<UpdaterState['pending']>,
): Promise<Partial<UpdateReport>> {
  const ready = await options.canInstallNow();
  return {
    outcome: ready ? 'install-ready' : 'deferred',
    targetVersion: pending.version,
    serial: pending.serial,
    installerPath: pending.path,
    installerSha512: pending.sha512,
    ...(ready ? {} : { message: 'Waiting for no sale in progress and a shift that allows a restart.' }),
  };
}

function storedTrust(trust: KeyTrust): UpdaterState['trust'] {
  return { keys: [...trust.keys], keyListSerial: trust.keyListSerial, retired: [...trust.retired] };
}
