import Type from 'typebox';
import type { Static } from 'typebox';
import { KeyIdSchema, TrustedKeySchema } from './update-manifest';

/** A downloaded installer whose size and SHA-512 matched the accepted manifest, awaiting a quiet moment. */
export const PendingInstallSchema = Type.Object(
  {
    version: Type.String({ maxLength: 64 }),
    serial: Type.Integer({ minimum: 1 }),
    path: Type.String({ maxLength: 4096 }),
    sha512: Type.String({ maxLength: 100 }),
  },
  { additionalProperties: false },
);
/** A downloaded installer whose size and SHA-512 matched the accepted manifest, awaiting a quiet moment. */
export type PendingInstall = Static<typeof PendingInstallSchema>;

/** What a terminal's updater persists between runs (see the terminal's update-state.ts). */
export const UpdaterStateSchema = Type.Object(
  {
    /** Highest authentic manifest serial seen; anything at or below it is a replay. */
    lastAcceptedSerial: Type.Integer({ minimum: 0 }),
    trust: Type.Object(
      {
        keys: Type.Array(TrustedKeySchema, { maxItems: 16 }),
        keyListSerial: Type.Integer({ minimum: 0 }),
        retired: Type.Array(KeyIdSchema, { maxItems: 256 }),
      },
      { additionalProperties: false },
    ),
    pending: Type.Optional(PendingInstallSchema),
  },
  { additionalProperties: false },
);
/** What a terminal's updater persists between runs (see the terminal's update-state.ts). */
export type UpdaterState = Static<typeof UpdaterStateSchema>;
