import Type from 'typebox';
import { DeviceInfoSchema } from './device-schemas';
import { DeviceIdSchema, EpochMsSchema } from './primitives';

/** Events the host pushes to the renderer, on a channel separate from method calls. */
export const hostEvents = {
  /** A barcode from a scanner the host owns (HID POS or serial); wedge scanners arrive as keystrokes instead. */
  'scanner.data': Type.Object(
    {
      deviceId: DeviceIdSchema,
      data: Type.String({ minLength: 1, maxLength: 4000 }),
      symbology: Type.Optional(Type.String()),
      at: EpochMsSchema,
    },
    { additionalProperties: false },
  ),
  /** A device changed state (paper out, reconnected, claimed). */
  'device.status': DeviceInfoSchema,
  /** How far the start-up journal replay has got, so the UI can say why it is not yet ready. */
  'journal.replay': Type.Object(
    {
      total: Type.Integer({ minimum: 0 }),
      restored: Type.Integer({ minimum: 0 }),
      damaged: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
} as const;

/** Every event name the host may emit. */
export type HostEvent = keyof typeof hostEvents;

/** The payload type of an event. */
export type HostEventPayload<E extends HostEvent> = Type.Static<(typeof hostEvents)[E]>;

/** True when `name` is an event of the contract. */
export function isHostEvent(name: unknown): name is HostEvent {
  return typeof name === 'string' && Object.hasOwn(hostEvents, name);
}
