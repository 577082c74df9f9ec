import Type from 'typebox';
import type { Static } from 'typebox';
import { baseFields, Code, IsoDateTime, Text, UserId } from './fragments';

/** Iterations below this are refused: OWASP's 2023 floor for PBKDF2-HMAC-SHA256. */
export const MIN_PIN_HASH_ITERATIONS = 600_000;

const Base64 = (minLength: number, maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9+/]+={0,2}$', minLength, maxLength });

/**
 * A PIN stored as a slow hash: PBKDF2-HMAC-SHA256 with a per-person random salt. A PIN has few digits,
 * so only the iteration count (and the lockout at the terminal) stands between a copied document and the PIN.
 */
export const PinHashSchema = Type.Object(
  {
    algorithm: Type.Literal('PBKDF2-SHA256'),
    iterations: Type.Integer({ minimum: MIN_PIN_HASH_ITERATIONS, maximum: 10_000_000 }),
    /** Base64 of at least 16 random bytes. */
    salt: Base64(22, 88),
    /** Base64 of the 32-byte derived key. */
    hash: Base64(43, 44),
  },
  { additionalProperties: false },
);
/** A stored PIN hash. */
export type PinHash = Static<typeof PinHashSchema>;

/** What a person may do at the counter: a manager also approves overrides and signs off closes. */
export const StaffRoleSchema = Type.Union([Type.Literal('cashier'), Type.Literal('manager')]);
/** A staff role. */
export type StaffRoleName = Static<typeof StaffRoleSchema>;

/**
 * A person who signs in at the store's terminals with a PIN, id `staff:<userId>`; lives in the store's
 * database so every terminal of that store (and only those) can check a PIN offline.
 */
export const StaffDocSchema = Type.Object(
  {
    ...baseFields('staff'),
    userId: UserId,
    storeId: Code,
    name: Text(80),
    role: StaffRoleSchema,
    pin: PinHashSchema,
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Staff document (store database, mutable: a PIN change or a leaver overwrites it). */
export type StaffDoc = Static<typeof StaffDocSchema>;
