import { ascii } from './bytes';

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;

/** DLE EOT n: which real-time status to transmit (Epson ESC/POS). */
export type RealtimeStatusKind = 1 | 2 | 3 | 4;

/** DLE EOT n — answered on receipt, even while the printer is offline or its buffer is full. */
export function realtimeStatusRequest(n: RealtimeStatusKind): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** GS a n — automatic status back: the printer sends 4 status bytes whenever they change. */
export function enableAsb(on: boolean): Uint8Array {
  // bits: 0 drawer, 1 online/offline, 2 error, 3 paper roll sensor.
  return Uint8Array.of(GS, 0x61, on ? 0x0f : 0x00);
}

/**
 * GS ( H fn=48 — "transmit a process ID response after processing the data before this command".
 * Placed after the cut, its answer is the printer's own statement that the receipt is done.
 * `id` is four ASCII digits.
 */
export function processIdRequest(id: string): Uint8Array {
  if (!/^\d{4}$/.test(id)) throw new RangeError(`process id must be four digits, got "${id}"`);
  return Uint8Array.of(GS, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, ...ascii(id));
}

/** ESC p m t1 t2 — pulse drawer kick-out connector pin 2 (m=0) or pin 5 (m=1); times in ms, 2 ms units. */
export function drawerKick(pin: 2 | 5, onMs = 100, offMs = 500): Uint8Array {
  const units = (ms: number): number => Math.max(1, Math.min(255, Math.round(ms / 2)));
  return Uint8Array.of(ESC, 0x70, pin === 2 ? 0 : 1, units(onMs), units(offMs));
}

/** ESC @ — reset modes (not the buffer). */
export const INITIALIZE = Uint8Array.of(ESC, 0x40);
