import { describe, expect, it } from 'vitest';
import { builtInTrust } from './key-trust';
import {
  exampleManifest,
  fakeKey,
  fakeVerify,
  signFakeKeyList,
  signFakeManifest,
} from './fake-signature.testing';
import type { UpdateEnvelope } from './update-manifest';
import { verifyManifest, type ManifestVerdict, type VerifyManifestInput } from './verify-manifest';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const releaseKey = fakeKey('release-2026', 'seed-a');
const nextKey = fakeKey('release-2027', 'seed-b');
const strangerKey = fakeKey('stranger', 'seed-c');
const terminal = { terminalId: 't-0001', groups: ['pilot'] };

function verify(envelope: unknown, overrides: Partial<VerifyManifestInput> = {}): ManifestVerdict {
  return verifyManifest({
    envelope,
    trustedKeys: builtInTrust([releaseKey]),
    lastAcceptedSerial: 9,
    now: NOW,
    terminal,
    verifySignature: fakeVerify,
    ...overrides,
  });
}

function refusalCode(verdict: ManifestVerdict): string | undefined {
  return verdict.accepted ? undefined : verdict.refusal.code;
}

describe('verifyManifest', () => {
  it('accepts a manifest signed by a trusted key, newer, unexpired and including this terminal', () => {
    const verdict = verify(signFakeManifest(exampleManifest(), releaseKey));
    expect(verdict.accepted).toBe(true);
    if (verdict.accepted) expect(verdict.manifest.version).toBe('1.4.0');
  });

  it('refuses a manifest signed by a key the terminal does not know', () => {
    expect(refusalCode(verify(signFakeManifest(exampleManifest(), strangerKey)))).toBe('update.unknown-key');
  });

  it('refuses a signature made by another key under a trusted key id', () => {
    const forged = signFakeManifest(exampleManifest(), { ...strangerKey, keyId: releaseKey.keyId });
    expect(refusalCode(verify(forged))).toBe('update.bad-signature');
  });

  it('refuses a payload altered after signing (bigger rollout, other file hash)', () => {
    const signed = signFakeManifest(exampleManifest({ rollout: { groups: [], percentage: 5 } }), releaseKey);
    const widened: UpdateEnvelope = {
      ...signed,
      manifest: { ...signed.manifest, rollout: { groups: [], percentage: 100 } },
    };
    expect(refusalCode(verify(widened))).toBe('update.bad-signature');
    const [linux, windows] = signed.manifest.files;
    const swapped: UpdateEnvelope = {
      ...signed,
      manifest: { ...signed.manifest, files: [{ ...linux!, sha512: `${'Z'.repeat(86)}==` }, windows!] },
    };
    expect(refusalCode(verify(swapped))).toBe('update.bad-signature');
  });

  it('refuses a lower or equal serial (a replayed old manifest: rollback attack)', () => {
    const old = signFakeManifest(exampleManifest({ serial: 8, version: '1.3.0' }), releaseKey);
    const same = signFakeManifest(exampleManifest({ serial: 9 }), releaseKey);
    expect(refusalCode(verify(old))).toBe('update.rollback');
    expect(refusalCode(verify(same))).toBe('update.rollback');
  });

  it('refuses an expired manifest, even one that is otherwise valid', () => {
    const stale = signFakeManifest(exampleManifest({ expiresAt: '2026-11-24T11:59:59.999Z' }), releaseKey);
    expect(refusalCode(verify(stale))).toBe('update.expired');
    const edge = signFakeManifest(exampleManifest({ expiresAt: '2026-11-24T12:00:00.000Z' }), releaseKey);
    expect(refusalCode(verify(edge))).toBe('update.expired');
  });

  it('refuses a halted release but hands back its serial so older manifests cannot be replayed', () => {
    const verdict = verify(signFakeManifest(exampleManifest({ serial: 11, halted: true }), releaseKey));
    expect(refusalCode(verdict)).toBe('update.halted');
    expect(verdict.accepted ? undefined : verdict.authentic?.serial).toBe(11);
  });

  it('refuses a terminal outside the rollout groups or the percentage', () => {
    const other = signFakeManifest(
      exampleManifest({ rollout: { groups: ['north'], percentage: 100 } }),
      releaseKey,
    );
    expect(refusalCode(verify(other))).toBe('update.not-in-cohort');
    const none = signFakeManifest(
      exampleManifest({ rollout: { groups: ['pilot'], percentage: 0 } }),
      releaseKey,
    );
    const verdict = verify(none);
    expect(refusalCode(verdict)).toBe('update.not-in-cohort');
    expect(verdict.accepted ? undefined : verdict.authentic?.serial).toBe(10);
  });

  it('refuses malformed documents with the field at fault', () => {
    const verdict = verify({ manifest: { version: '1' }, signature: { keyId: 'k', value: 'x' } });
    expect(refusalCode(verdict)).toBe('update.malformed');
    expect(verdict.accepted ? '' : verdict.refusal.message).toContain('missing required field');
  });
});

describe('key rotation', () => {
  const list = (serial: number, keys = [releaseKey, nextKey], retired: string[] = []) => ({
    schema: 'store-os.update-keys' as const,
    serial,
    keys,
    retired,
  });

  it('accepts a new key only through a key list signed by a trusted key', () => {
    const byNewKey = signFakeManifest(exampleManifest(), nextKey);
    expect(refusalCode(verify(byNewKey))).toBe('update.unknown-key');

    const rotated = signFakeManifest(exampleManifest(), nextKey, signFakeKeyList(list(1), releaseKey));
    const verdict = verify(rotated);
    expect(verdict.accepted).toBe(true);
    if (verdict.accepted) {
      expect(verdict.trust.keyListSerial).toBe(1);
      expect(verdict.trust.keys.map((k) => k.keyId)).toEqual(['release-2026', 'release-2027']);
    }
  });

  it('refuses a key list signed by an untrusted key, so an attacker cannot add their own key', () => {
    const selfSigned = signFakeManifest(
      exampleManifest(),
      strangerKey,
      signFakeKeyList(list(1, [strangerKey]), strangerKey),
    );
    expect(refusalCode(verify(selfSigned))).toBe('update.unknown-key');
  });

  it('refuses a key list altered after signing', () => {
    const signed = signFakeKeyList(list(1), releaseKey);
    const altered = { ...signed, keyList: { ...signed.keyList, keys: [strangerKey] } };
    expect(refusalCode(verify(signFakeManifest(exampleManifest(), strangerKey, altered)))).toBe(
      'update.bad-signature',
    );
  });

  it('refuses a retired key from then on, even though the app still has it built in', () => {
    const retiring = signFakeKeyList(list(2, [nextKey], ['release-2026']), releaseKey);
    const first = verify(signFakeManifest(exampleManifest(), nextKey, retiring));
    expect(first.accepted).toBe(true);
    const trust = first.accepted ? first.trust : builtInTrust([]);
    expect(trust.retired).toEqual(['release-2026']);

    const byOldKey = signFakeManifest(exampleManifest({ serial: 11 }), releaseKey);
    expect(refusalCode(verify(byOldKey, { trustedKeys: trust, lastAcceptedSerial: 10 }))).toBe(
      'update.retired-key',
    );
    // Replaying the older list (which still trusted the old key) does not bring it back.
    const replay = signFakeManifest(
      exampleManifest({ serial: 11 }),
      releaseKey,
      signFakeKeyList(list(1), releaseKey),
    );
    expect(refusalCode(verify(replay, { trustedKeys: trust, lastAcceptedSerial: 10 }))).toBe(
      'update.key-list-rollback',
    );
  });
});
