import Type from 'typebox';
import type { Static } from 'typebox';
import { Code, IsoDateTime } from '../schemas/fragments';

/** Reachability of one device as the terminal's health check last saw it. */
export const DeviceHealthSchema = Type.Union([
  Type.Literal('ok'),
  Type.Literal('warning'),
  Type.Literal('error'),
  Type.Literal('absent'),
]);
/** Health of one device: ok, warning (e.g. paper low), error (unreachable, paper out) or absent (not configured). */
export type DeviceHealth = Static<typeof DeviceHealthSchema>;

/** A period the terminal could not reach the server; `to` absent means still offline when sent. */
export const OfflinePeriodSchema = Type.Object(
  { from: IsoDateTime, to: Type.Optional(IsoDateTime) },
  { additionalProperties: false },
);
/** One offline period reported in a heartbeat. */
export type OfflinePeriod = Static<typeof OfflinePeriodSchema>;

/**
 * What a terminal reports to HQ when online (`POST /_hq/api/heartbeat`, authenticated as the terminal
 * itself): version, sync state, device health and the offline periods since the last heartbeat.
 */
export const HeartbeatSchema = Type.Object(
  {
    terminalId: Code,
    storeId: Code,
    appVersion: Type.String({ minLength: 1, maxLength: 64 }),
    /** When the last replication round completed without error; absent if never. */
    lastSyncAt: Type.Optional(IsoDateTime),
    /** Local documents not yet pushed to the server. */
    pendingDocs: Type.Integer({ minimum: 0 }),
    devices: Type.Object(
      {
        /** Receipt printer, incl. paper: `warning` = paper low, `error` = paper out / cover open / offline. */
        printer: DeviceHealthSchema,
        drawer: DeviceHealthSchema,
        /** Payment terminal reachable. */
        paymentTerminal: DeviceHealthSchema,
        scanner: Type.Optional(DeviceHealthSchema),
        scale: Type.Optional(DeviceHealthSchema),
      },
      { additionalProperties: false },
    ),
    /** Offline periods since the previous heartbeat (bounded: the newest 50). */
    offlinePeriods: Type.Array(OfflinePeriodSchema, { maxItems: 50 }),
    /** The terminal's clock when it sent this (the server also records its own receive time). */
    sentAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** A terminal heartbeat as posted to HQ. */
export type Heartbeat = Static<typeof HeartbeatSchema>;
