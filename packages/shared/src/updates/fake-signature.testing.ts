// A stand-in for Ed25519 in the pure tests (packages/shared has no crypto): a keyed checksum shaped like
// a signature. It lets the policy tests tell the right key from a wrong one and an intact text from an
// altered one; real Ed25519 is exercised by the release CLI and terminal updater tests.
import { keyListSigningText, manifestSigningText } from './canonical-json';
import type { KeyList, SignedKeyList, TrustedKey, UpdateEnvelope, UpdateManifest } from './update-manifest';
import type { VerifySignature } from './key-trust';
import { fnv1a32WithAvalanche } from './rollout';

/** A fake key pair: the "secret" is the public key itself, which is fine for a checksum stand-in. */
export function fakeKey(keyId: string, seed: string): TrustedKey {
  const hex = fnv1a32WithAvalanche(seed).toString(16).padStart(8, '0');
  return { keyId, publicKey: `${hex.repeat(5)}abc=`.slice(0, 44) };
}

function fakeSign(text: string, key: TrustedKey): string {
  return fnv1a32WithAvalanche(`${key.publicKey}\n${text}`).toString(16).padStart(8, '0').repeat(11);
}

export const fakeVerify: VerifySignature = ({ text, signatureBase64, publicKeyBase64 }) =>
  fakeSign(text, { keyId: 'x', publicKey: publicKeyBase64 }) === signatureBase64;

export function signFakeManifest(
  manifest: UpdateManifest,
  key: TrustedKey,
  keyList?: SignedKeyList,
): UpdateEnvelope {
  return {
    manifest,
    signature: { keyId: key.keyId, value: fakeSign(manifestSigningText(manifest), key) },
    ...(keyList ? { keyList } : {}),
  };
}

export function signFakeKeyList(keyList: KeyList, key: TrustedKey): SignedKeyList {
  return { keyList, signature: { keyId: key.keyId, value: fakeSign(keyListSigningText(keyList), key) } };
}

export function exampleManifest(overrides: Partial<UpdateManifest> = {}): UpdateManifest {
  return {
    schema: 'store-os.update-manifest',
    schemaVersion: 1,
    version: '1.4.0',
    serial: 10,
    releasedAt: '2026-11-23T10:00:00.000Z',
    expiresAt: '2026-12-23T10:00:00.000Z',
    files: [
      {
        name: 'store-os-1.4.0.AppImage',
        platform: 'linux',
        size: 1234,
        sha512: `${'Q'.repeat(86)}==`,
      },
      {
        name: 'store-os-setup-1.4.0.exe',
        platform: 'windows',
        size: 2345,
        sha512: `${'R'.repeat(86)}==`,
      },
    ],
    rollout: { groups: [], percentage: 100 },
    halted: false,
    ...overrides,
  };
}
