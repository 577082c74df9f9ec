import Type from 'typebox';
import { ID_PART_PATTERN } from '../ids/natural-id';
import { PinHashSchema } from '../schemas/staff-document';
import { EpochMsSchema } from './primitives';

const closed = { additionalProperties: false } as const;
const Code = Type.String({ pattern: ID_PART_PATTERN, minLength: 1, maxLength: 64 });

/** Whether this terminal holds its own credential for the sync-server (or runs standalone on purpose). */
export const EnrollmentStatusSchema = Type.Object(
  {
    enrolled: Type.Boolean(),
    /** The server it was enrolled with (or was started pointing at), for the enrollment form. */
    syncServerUrl: Type.Union([Type.String(), Type.Null()]),
    terminalId: Type.Union([Code, Type.Null()]),
    storeId: Type.Union([Code, Type.Null()]),
  },
  closed,
);

/** The one-time exchange of an enrollment code for the terminal's credential (kept by the host only). */
export const EnrollRequestSchema = Type.Object(
  {
    serverUrl: Type.String({ pattern: '^https?://[^/\\s]+/?$', maxLength: 200 }),
    code: Type.String({ minLength: 1, maxLength: 200 }),
  },
  closed,
);

/** A PIN check: the host derives the key (slow, off the UI thread) and keeps the lockout count. */
export const VerifyPinRequestSchema = Type.Object(
  {
    userId: Code,
    pin: Type.String({ pattern: '^[0-9]{4,12}$' }),
    credential: PinHashSchema,
  },
  closed,
);

/** The outcome of a PIN check; `locked` answers without checking the PIN at all. */
export const VerifyPinResponseSchema = Type.Object(
  {
    outcome: Type.Union([Type.Literal('accepted'), Type.Literal('refused'), Type.Literal('locked')]),
    /** Consecutive failures so far (0 after an accepted PIN). */
    failures: Type.Integer({ minimum: 0 }),
    lockedUntil: Type.Union([EpochMsSchema, Type.Null()]),
  },
  closed,
);

/** What the counter is doing, so an update installs only between sales and when the shift allows it. */
export const ActivitySchema = Type.Object(
  {
    saleInProgress: Type.Boolean(),
    /** False while a shift is open at this till (docs/specs/updates.md, "When the terminal may restart"). */
    installAllowed: Type.Boolean(),
  },
  closed,
);
