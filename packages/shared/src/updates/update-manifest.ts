import Type from 'typebox';
import type { Static } from 'typebox';
import { Code, IsoDateTime } from '../schemas/fragments';

// The signed release description IT publishes and every terminal verifies (docs/specs/updates.md).
// Every number in these documents is an integer, so the canonical form needs no float rules.

/** Ed25519 raw public key (32 bytes) or signature (64 bytes), base64 with padding. */
const Base64 = (bytes: number) => {
  const chars = Math.ceil(bytes / 3) * 4;
  return Type.String({ pattern: '^[A-Za-z0-9+/]+={0,2}$', minLength: chars, maxLength: chars });
};

/** Names a signing key; chosen at keygen, never reused for another key. */
export const KeyIdSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });

/** A public key a terminal trusts to sign manifests and key lists. */
export const TrustedKeySchema = Type.Object(
  { keyId: KeyIdSchema, publicKey: Base64(32) },
  { additionalProperties: false },
);
/** A public key a terminal trusts to sign manifests and key lists. */
export type TrustedKey = Static<typeof TrustedKeySchema>;

/** An Ed25519 signature and the key that made it. */
export const UpdateSignatureSchema = Type.Object(
  { keyId: KeyIdSchema, value: Base64(64) },
  { additionalProperties: false },
);
/** An Ed25519 signature and the key that made it. */
export type UpdateSignature = Static<typeof UpdateSignatureSchema>;

/** Installer platforms we ship; each has its own electron-updater feed file. */
export const UpdatePlatformSchema = Type.Union([Type.Literal('windows'), Type.Literal('linux')]);
/** Installer platforms we ship; each has its own electron-updater feed file. */
export type UpdatePlatform = Static<typeof UpdatePlatformSchema>;

/** A release file name: served under /_updates/<name>, so no path separators and no leading dot. */
export const UPDATE_FILE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$';

/** One installer file of a release, as electron-updater's latest.yml describes it. */
export const UpdateFileSchema = Type.Object(
  {
    name: Type.String({ pattern: UPDATE_FILE_NAME_PATTERN }),
    platform: UpdatePlatformSchema,
    size: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    /** SHA-512 of the file, base64 (electron-updater's encoding). */
    sha512: Base64(64),
  },
  { additionalProperties: false },
);
/** One installer file of a release, as electron-updater's latest.yml describes it. */
export type UpdateFile = Static<typeof UpdateFileSchema>;

/** Which terminals get a release: group members (or everyone when empty), then a percentage of them. */
export const RolloutSchema = Type.Object(
  {
    /** Store or terminal group names; empty means every terminal. */
    groups: Type.Array(Code, { maxItems: 500, uniqueItems: true }),
    /** 0..100; a terminal is in when its bucket (0..99) is below this. */
    percentage: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
/** Which terminals get a release: group members (or everyone when empty), then a percentage of them. */
export type Rollout = Static<typeof RolloutSchema>;

/** The signed description of the release every terminal should run now. */
export const UpdateManifestSchema = Type.Object(
  {
    schema: Type.Literal('store-os.update-manifest'),
    schemaVersion: Type.Literal(1),
    /** App version (semver) this manifest points at; may be lower than installed (a signed rollback). */
    version: Type.String({ pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$', maxLength: 64 }),
    /** Strictly increasing across everything IT publishes; orders releases, halts and rollbacks. */
    serial: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    releasedAt: IsoDateTime,
    /** After this instant a terminal refuses the manifest, so a stale one cannot be replayed forever. */
    expiresAt: IsoDateTime,
    files: Type.Array(UpdateFileSchema, { minItems: 1, maxItems: 16 }),
    rollout: RolloutSchema,
    /** Stops the rollout: terminals that have not installed this release must not start. */
    halted: Type.Boolean(),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
/** The signed description of the release every terminal should run now. */
export type UpdateManifest = Static<typeof UpdateManifestSchema>;

/** The set of keys allowed to sign, itself signed by a key the terminal already trusts. */
export const KeyListSchema = Type.Object(
  {
    schema: Type.Literal('store-os.update-keys'),
    /** Strictly increasing; a terminal ignores a list no newer than the one it has applied. */
    serial: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    keys: Type.Array(TrustedKeySchema, { minItems: 1, maxItems: 16 }),
    /** Key ids that must never be trusted again, even when built into an old app. */
    retired: Type.Array(KeyIdSchema, { maxItems: 256, uniqueItems: true }),
  },
  { additionalProperties: false },
);
/** The set of keys allowed to sign, itself signed by a key the terminal already trusts. */
export type KeyList = Static<typeof KeyListSchema>;

/** A key list with the signature of a currently trusted key. */
export const SignedKeyListSchema = Type.Object(
  { keyList: KeyListSchema, signature: UpdateSignatureSchema },
  { additionalProperties: false },
);
/** A key list with the signature of a currently trusted key. */
export type SignedKeyList = Static<typeof SignedKeyListSchema>;

/** What `/_updates/manifest.json` serves: the manifest, its signature, and optionally a key rotation. */
export const UpdateEnvelopeSchema = Type.Object(
  {
    manifest: UpdateManifestSchema,
    signature: UpdateSignatureSchema,
    keyList: Type.Optional(SignedKeyListSchema),
  },
  { additionalProperties: false },
);
/** What `/_updates/manifest.json` serves: the manifest, its signature, and optionally a key rotation. */
export type UpdateEnvelope = Static<typeof UpdateEnvelopeSchema>;
