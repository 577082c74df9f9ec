import type { DomainError } from '../errors';
import { isDomainError } from '../errors';
import { manifestSigningText } from './canonical-json';
import { applyKeyList, checkSignature, type KeyTrust, type VerifySignature } from './key-trust';
import { isInRollout, rolloutBucket, type RolloutTerminal } from './rollout';
import type { UpdateManifest } from './update-manifest';
import { UPDATE_REFUSALS, updateRefusal } from './update-refusals';
import { parseUpdateEnvelope } from './validate-update';

/** Everything the policy needs; crypto and the clock come in so the decision is pure and replayable. */
export interface VerifyManifestInput {
  /** The parsed JSON served at /_updates/manifest.json (validated here). */
  envelope: unknown;
  /** Keys built into the app, or the persisted trust after a key rotation. */
  trustedKeys: KeyTrust;
  /** Highest manifest serial this terminal has accepted as authentic (0 when none). */
  lastAcceptedSerial: number;
  /** Milliseconds since the epoch. */
  now: number;
  terminal: RolloutTerminal;
  verifySignature: VerifySignature;
}

/** The policy's answer: install-eligible, or refused with the reason and what is still worth persisting. */
export type ManifestVerdict =
  | { accepted: true; manifest: UpdateManifest; trust: KeyTrust }
  | {
      accepted: false;
      refusal: DomainError;
      /**
       * Set when the manifest is authentic and newer (only halted or out of cohort): the terminal records
       * its serial and trust anyway, so an older, not-halted manifest can no longer be replayed to it.
       */
      authentic?: { serial: number; trust: KeyTrust };
    };

/**
 * Decides whether a served manifest may drive an update. Order matters: nothing in the manifest is
 * believed before its signature checks out, and a refusal names the first rule broken.
 */
export function verifyManifest(input: VerifyManifestInput): ManifestVerdict {
  let trust = input.trustedKeys;
  let manifest: UpdateManifest;
  try {
    const envelope = parseUpdateEnvelope(input.envelope);
    if (envelope.keyList) trust = applyKeyList(trust, envelope.keyList, input.verifySignature);
    checkSignature(
      trust,
      manifestSigningText(envelope.manifest),
      envelope.signature,
      input.verifySignature,
      'update manifest',
    );
    manifest = envelope.manifest;
    if (manifest.serial <= input.lastAcceptedSerial) {
      throw updateRefusal(
        UPDATE_REFUSALS.rollback,
        `Manifest serial ${manifest.serial} is not above the accepted ${input.lastAcceptedSerial}: an old manifest is being replayed. To roll back a release, publish the old version with a higher serial.`,
        { serial: manifest.serial, lastAcceptedSerial: input.lastAcceptedSerial },
      );
    }
    const expiresAt = Date.parse(manifest.expiresAt);
    if (!(input.now < expiresAt)) {
      throw updateRefusal(
        UPDATE_REFUSALS.expired,
        `Manifest serial ${manifest.serial} expired at ${manifest.expiresAt}; IT must re-sign and publish it with a later expiry.`,
        { serial: manifest.serial, expiresAt: manifest.expiresAt },
      );
    }
  } catch (error) {
    if (isDomainError(error)) return { accepted: false, refusal: error };
    throw error;
  }
  const authentic = { serial: manifest.serial, trust };
  if (manifest.halted) {
    return {
      accepted: false,
      refusal: updateRefusal(
        UPDATE_REFUSALS.halted,
        `Release ${manifest.version} is halted (serial ${manifest.serial}); terminals stay on their version until IT publishes a new manifest.`,
        { version: manifest.version, serial: manifest.serial },
      ),
      authentic,
    };
  }
  if (!isInRollout(manifest.rollout, manifest.version, input.terminal)) {
    return {
      accepted: false,
      refusal: updateRefusal(
        UPDATE_REFUSALS.notInCohort,
        `Terminal ${input.terminal.terminalId} is not in the rollout of ${manifest.version} (${manifest.rollout.percentage} % of ${manifest.rollout.groups.length > 0 ? manifest.rollout.groups.join(', ') : 'all groups'}) yet.`,
        {
          version: manifest.version,
          bucket: rolloutBucket(manifest.version, input.terminal.terminalId),
          percentage: manifest.rollout.percentage,
          groups: manifest.rollout.groups,
        },
      ),
      authentic,
    };
  }
  return { accepted: true, manifest, trust };
}
