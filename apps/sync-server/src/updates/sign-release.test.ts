import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInTrust, verifyManifest, type UpdateEnvelope } from '@store-os/shared/updates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, trustedKeyOf, verifyText } from './ed25519';
import { buildManifest, signKeyList, signManifest } from './sign-release';

let work: string;
const release = generateSigningKey('release-a');
const successor = generateSigningKey('release-b');
const terminal = { terminalId: 't-1', groups: [] };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'updates-sign-'));
  await writeFile(join(work, 'store-os-2.0.0.AppImage'), 'linux installer bytes');
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function manifest(serial = 1) {
  return buildManifest({
    version: '2.0.0',
    serial,
    files: [{ path: join(work, 'store-os-2.0.0.AppImage'), platform: 'linux' }],
    releasedAt: new Date('2026-11-23T10:00:00Z'),
    expiresAt: new Date('2026-12-23T10:00:00Z'),
    rollout: { groups: [], percentage: 100 },
    halted: false,
  });
}

function verify(envelope: UpdateEnvelope, keys = [release.trusted]) {
  return verifyManifest({
    envelope,
    trustedKeys: builtInTrust(keys),
    lastAcceptedSerial: 0,
    now: Date.parse('2026-11-24T00:00:00Z'),
    terminal,
    verifySignature: verifyText,
  });
}

describe('release signing with Ed25519', () => {
  it('hashes files the way electron-updater does (size, base64 SHA-512)', async () => {
    const m = await manifest();
    expect(m.files[0]).toMatchObject({
      name: 'store-os-2.0.0.AppImage',
      size: 21,
      // sha512("linux installer bytes"), computed independently with `openssl dgst -sha512 -binary | base64`
      sha512: 'R2jmWWY7cgI4Bm88vZ/Fkx/Dhg5lpLY4ktZrYZNaw7b+evea7W3w3x4z+QbcWOt2MKrZi054YhtT86I0NOcZWg==',
    });
  });

  it('produces envelopes the terminal policy accepts, and rejects after any byte of the payload changes', async () => {
    const envelope = signManifest(await manifest(), release.signing);
    expect(verify(envelope).accepted).toBe(true);
    const tampered = { ...envelope, manifest: { ...envelope.manifest, version: '2.0.1' } };
    const verdict = verify(tampered);
    expect(verdict.accepted ? undefined : verdict.refusal.code).toBe('update.bad-signature');
  });

  it('derives the same public key from the private key file as keygen printed', () => {
    expect(trustedKeyOf(release.signing)).toEqual(release.trusted);
    expect(Buffer.from(release.trusted.publicKey, 'base64')).toHaveLength(32);
  });

  it('rotates to a new key through a key list signed by the old one', async () => {
    const keyList = signKeyList(
      { schema: 'store-os.update-keys', serial: 1, keys: [successor.trusted], retired: ['release-a'] },
      release.signing,
    );
    const byNew = signManifest(await manifest(), successor.signing, keyList);
    const verdict = verify(byNew);
    expect(verdict.accepted).toBe(true);
    if (!verdict.accepted) return;
    const byOld = signManifest(await manifest(2), release.signing);
    const after = verifyManifest({
      envelope: byOld,
      trustedKeys: verdict.trust,
      lastAcceptedSerial: 1,
      now: Date.parse('2026-11-24T00:00:00Z'),
      terminal,
      verifySignature: verifyText,
    });
    expect(after.accepted ? undefined : after.refusal.code).toBe('update.retired-key');
  });

  it('refuses to sign a manifest the schema rejects', async () => {
    const bad = { ...(await manifest()), serial: 0 };
    expect(() => signManifest(bad, release.signing)).toThrow(/serial/);
  });
});
