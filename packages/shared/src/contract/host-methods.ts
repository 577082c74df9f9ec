import Type from 'typebox';
import {
  DeviceInfoSchema,
  PaymentRecoverySchema,
  PaymentStartSchema,
  PaymentStatusSchema,
  PrintJobSchema,
  PrintJobStatusSchema,
  ScaleReadingSchema,
} from './device-schemas';
import { JournalDamageSchema, JournalEntryInputSchema, JournalEntrySchema } from './journal-schemas';
import { DeviceIdSchema, EmptySchema, EpochMsSchema, IdSchema, JsonObjectSchema } from './primitives';
import {
  ActivitySchema,
  EnrollmentStatusSchema,
  EnrollRequestSchema,
  VerifyPinRequestSchema,
  VerifyPinResponseSchema,
} from './session-schemas';

const closed = { additionalProperties: false } as const;

/**
 * The terminal UI ↔ host contract: method name → request and response JSON Schemas. Electron IPC and
 * the browser-mode WebSocket both implement exactly this map, and both validate at the boundary.
 */
export const hostMethods = {
  'app.info': {
    request: EmptySchema,
    response: Type.Object(
      {
        version: Type.String(),
        mode: Type.Union([Type.Literal('electron'), Type.Literal('browser')]),
        terminalId: Type.String({ minLength: 1 }),
        storeId: Type.String({ minLength: 1 }),
        /** Base URL of the sync-server (`http://host:port`), or null when the terminal runs standalone. */
        syncServerUrl: Type.Union([Type.String(), Type.Null()]),
        startedAt: EpochMsSchema,
      },
      closed,
    ),
  },
  'sync.authorization': {
    /** The `Authorization` header for the sync-server: the terminal's credential stays in the host's config. */
    request: EmptySchema,
    response: Type.Object({ value: Type.Union([Type.String({ minLength: 1 }), Type.Null()]) }, closed),
  },
  'enrollment.status': { request: EmptySchema, response: EnrollmentStatusSchema },
  'enrollment.enroll': {
    /** Exchanges the one-time code at the server's POST /_pos/enroll; the credential never leaves the host. */
    request: EnrollRequestSchema,
    response: EnrollmentStatusSchema,
  },
  'session.verifyPin': { request: VerifyPinRequestSchema, response: VerifyPinResponseSchema },
  'staff.local': {
    /** Staff documents the host keeps (standalone: given at start; enrolled: the last replicated list), so a wiped profile can still sign in offline. */
    request: EmptySchema,
    response: Type.Object({ documents: Type.Array(JsonObjectSchema, { maxItems: 500 }) }, closed),
  },
  'staff.remember': {
    /** The renderer hands the host each replicated staff list (PIN hashes only) to keep beside the journal. */
    request: Type.Object({ documents: Type.Array(JsonObjectSchema, { maxItems: 500 }) }, closed),
    response: EmptySchema,
  },
  'terminal.activity': {
    /** The renderer reports every change; the updater installs only when this says it may. */
    request: ActivitySchema,
    response: EmptySchema,
  },
  'journal.append': {
    request: JournalEntryInputSchema,
    response: Type.Object(
      { seq: Type.Integer({ minimum: 1 }), appendedAt: EpochMsSchema, duplicate: Type.Boolean() },
      closed,
    ),
  },
  'journal.since': {
    request: Type.Object(
      {
        afterSeq: Type.Integer({ minimum: 0 }),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
      },
      closed,
    ),
    response: Type.Object(
      {
        entries: Type.Array(JournalEntrySchema),
        /** The highest sequence number in the file, so the caller knows when it has caught up. */
        lastSeq: Type.Integer({ minimum: 0 }),
        damaged: Type.Array(JournalDamageSchema),
      },
      closed,
    ),
  },
  'journal.resume': {
    /**
     * Where a replay into this database starts: the host's durable checkpoint when it was written for the
     * same database (its RxDB storage token), else 0 (a new or wiped database gets every journaled sale).
     */
    request: Type.Object({ database: Type.String({ minLength: 1, maxLength: 200 }) }, closed),
    response: Type.Object(
      { afterSeq: Type.Integer({ minimum: 0 }), lastSeq: Type.Integer({ minimum: 0 }) },
      closed,
    ),
  },
  'journal.replayed': {
    /** The renderer reports how far it has put journal entries back into this database; the host checkpoints it. */
    request: Type.Object(
      {
        database: Type.String({ minLength: 1, maxLength: 200 }),
        upToSeq: Type.Integer({ minimum: 0 }),
        restored: Type.Integer({ minimum: 0 }),
      },
      closed,
    ),
    response: EmptySchema,
  },
  'holds.load': {
    /** The held (parked) sales of this terminal as the host keeps them beside the journal, or null for none. */
    request: EmptySchema,
    response: Type.Object(
      { value: Type.Union([Type.String({ maxLength: 4_000_000 }), Type.Null()]) },
      closed,
    ),
  },
  'holds.save': {
    /**
     * Replaces the held sales (fsynced, written whole) so a crash or a wiped profile keeps them; `aside`
     * keeps unreadable content in a file of its own for the store manager instead.
     */
    request: Type.Object(
      { value: Type.String({ maxLength: 4_000_000 }), aside: Type.Optional(Type.Boolean()) },
      closed,
    ),
    response: EmptySchema,
  },
  'payment.recoveries': {
    /**
     * Card approvals the host found unfinished at start (approved, no journaled sale took them) and what it
     * did: reversed through the payment terminal, or could not; each until the renderer has audited it.
     */
    request: EmptySchema,
    response: Type.Object({ recoveries: Type.Array(PaymentRecoverySchema, { maxItems: 1000 }) }, closed),
  },
  'payment.recoveriesAudited': {
    /** The renderer wrote an audit event for these recoveries; the host stops reporting them. */
    request: Type.Object({ transactionIds: Type.Array(IdSchema, { maxItems: 1000 }) }, closed),
    response: EmptySchema,
  },
  'devices.list': {
    request: EmptySchema,
    response: Type.Object({ devices: Type.Array(DeviceInfoSchema) }, closed),
  },
  'devices.status': {
    request: Type.Object({ deviceId: DeviceIdSchema }, closed),
    response: DeviceInfoSchema,
  },
  'printer.print': {
    request: PrintJobSchema,
    response: PrintJobStatusSchema,
  },
  'drawer.open': {
    request: Type.Object(
      {
        deviceId: Type.Optional(DeviceIdSchema),
        /** Why the drawer opens (a sale id, or `no-sale`): no-sale opens are audited. */
        reason: Type.String({ minLength: 1, maxLength: 200 }),
      },
      closed,
    ),
    response: Type.Object({ opened: Type.Boolean(), detail: Type.Optional(Type.String()) }, closed),
  },
  'payment.start': {
    request: PaymentStartSchema,
    response: PaymentStatusSchema,
  },
  'payment.status': {
    request: Type.Object({ transactionId: IdSchema }, closed),
    response: PaymentStatusSchema,
  },
  'payment.abort': {
    request: Type.Object({ transactionId: IdSchema }, closed),
    response: PaymentStatusSchema,
  },
  'display.text': {
    request: Type.Object(
      {
        deviceId: Type.Optional(DeviceIdSchema),
        lines: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 4 }),
      },
      closed,
    ),
    response: EmptySchema,
  },
  'scale.read': {
    request: Type.Object({ deviceId: Type.Optional(DeviceIdSchema) }, closed),
    response: ScaleReadingSchema,
  },
} as const;

/** Every method name of the host contract. */
export type HostMethod = keyof typeof hostMethods;

/** The request type of a method, as the renderer sends it. */
export type HostRequest<M extends HostMethod> = Type.Static<(typeof hostMethods)[M]['request']>;

/** The response type of a method, as the host answers it. */
export type HostResponse<M extends HostMethod> = Type.Static<(typeof hostMethods)[M]['response']>;

/** What the host implements: one async function per method. */
export type HostHandlers = { [M in HostMethod]: (request: HostRequest<M>) => Promise<HostResponse<M>> };

/** True when `name` is a method of the contract (used on untrusted input). */
export function isHostMethod(name: unknown): name is HostMethod {
  return typeof name === 'string' && Object.hasOwn(hostMethods, name);
}
