// Builds and signs what IT publishes. Signing self-verifies, so a key file that does not match its
// public key fails here and not on a thousand terminals.
import { basename } from 'node:path';
import {
  keyListSigningText,
  manifestSigningText,
  parseSignedKeyList,
  parseUpdateEnvelope,
  parseUpdateManifest,
  type KeyList,
  type Rollout,
  type SignedKeyList,
  type UpdateEnvelope,
  type UpdateManifest,
  type UpdatePlatform,
} from '@store-os/shared/updates';
import { signText, trustedKeyOf, verifyText, type SigningKey } from './ed25519';
import { fileDigest } from './file-digest';

/** What a release is made of before hashing and signing. */
export interface ReleaseInput {
  version: string;
  serial: number;
  /** Installer paths on the release machine; published under their base name. */
  files: readonly { path: string; platform: UpdatePlatform }[];
  releasedAt: Date;
  expiresAt: Date;
  rollout: Rollout;
  halted: boolean;
  notes?: string;
}

/** The manifest for these files (sizes and SHA-512 computed from the files themselves). */
export async function buildManifest(input: ReleaseInput): Promise<UpdateManifest> {
  const files = [];
  for (const file of input.files) {
    const digest = await fileDigest(file.path);
    files.push({ name: basename(file.path), platform: file.platform, ...digest });
  }
  return parseUpdateManifest({
    schema: 'store-os.update-manifest',
    schemaVersion: 1,
    version: input.version,
    serial: input.serial,
    releasedAt: input.releasedAt.toISOString(),
    expiresAt: input.expiresAt.toISOString(),
    files,
    rollout: input.rollout,
    halted: input.halted,
    ...(input.notes === undefined ? {} : { notes: input.notes }),
  });
}

/** Signs a manifest (and carries a signed key list along when keys are rotating). */
export function signManifest(
  manifest: UpdateManifest,
  key: SigningKey,
  keyList?: SignedKeyList,
): UpdateEnvelope {
  const checked = parseUpdateManifest(manifest);
  const text = manifestSigningText(checked);
  const value = signText(key, text);
  selfVerify(key, text, value);
  return parseUpdateEnvelope({
    manifest: checked,
    signature: { keyId: key.keyId, value },
    ...(keyList ? { keyList } : {}),
  });
}

/** Signs a key list with a key terminals trust now (see docs/specs/updates.md "Key rotation"). */
export function signKeyList(keyList: KeyList, key: SigningKey): SignedKeyList {
  const text = keyListSigningText(keyList);
  const value = signText(key, text);
  selfVerify(key, text, value);
  return parseSignedKeyList({ keyList, signature: { keyId: key.keyId, value } });
}

function selfVerify(key: SigningKey, text: string, signatureBase64: string): void {
  const { publicKey } = trustedKeyOf(key);
  if (!verifyText({ text, signatureBase64, publicKeyBase64: publicKey })) {
    throw new Error(`Key "${key.keyId}" produced a signature it cannot verify; the key file is damaged.`);
  }
}
