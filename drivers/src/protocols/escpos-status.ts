/** Everything a receipt printer can tell us about itself, merged from DLE EOT 1–4 or an ASB block. */
export interface PrinterStatus {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperNearEnd: boolean;
  readonly paperOut: boolean;
  /** Drawer kick-out connector pin 3 is high; whether that means "open" depends on the drawer's wiring. */
  readonly drawerPinHigh: boolean;
  readonly autocutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly recoverableError: boolean;
}

export const HEALTHY_STATUS: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  drawerPinHigh: false,
  autocutterError: false,
  unrecoverableError: false,
  recoverableError: false,
};

const bit = (byte: number, n: number): boolean => ((byte >> n) & 1) === 1;

/** A real-time status byte: fixed bits 1 and 4 set, 0 and 7 clear. */
export function isRealtimeStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** First byte of an ASB block: bit 4 set, bits 0, 1 and 7 clear. */
export function isAsbHeaderByte(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}

/** Applies one DLE EOT n answer to a status. */
export function applyRealtimeStatus(status: PrinterStatus, n: 1 | 2 | 3 | 4, byte: number): PrinterStatus {
  switch (n) {
    case 1:
      return { ...status, drawerPinHigh: bit(byte, 2), online: !bit(byte, 3) };
    case 2:
      return { ...status, coverOpen: bit(byte, 2), paperOut: bit(byte, 5) };
    case 3:
      return {
        ...status,
        recoverableError: bit(byte, 2),
        autocutterError: bit(byte, 3),
        unrecoverableError: bit(byte, 5),
      };
    case 4:
      return {
        ...status,
        paperNearEnd: bit(byte, 2) || bit(byte, 3),
        paperOut: bit(byte, 5) || bit(byte, 6),
      };
  }
}

/** The four ASB bytes (GS a) as a status. */
export function parseAsb(bytes: readonly [number, number, number, number]): PrinterStatus {
  const [b1, b2, b3] = bytes;
  return {
    drawerPinHigh: bit(b1, 2),
    online: !bit(b1, 3),
    coverOpen: bit(b1, 5),
    recoverableError: bit(b2, 2),
    autocutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    paperNearEnd: (b3 & 0x03) !== 0,
    paperOut: (b3 & 0x0c) !== 0,
  };
}

/** Encodes a status the way a printer answers DLE EOT n (used by the simulator). */
export function encodeRealtimeStatus(status: PrinterStatus, n: 1 | 2 | 3 | 4): number {
  const b = (flag: boolean, shift: number): number => (flag ? 1 << shift : 0);
  switch (n) {
    case 1:
      return 0x12 | b(status.drawerPinHigh, 2) | b(!status.online, 3);
    case 2:
      return (
        0x12 |
        b(status.coverOpen, 2) |
        b(status.paperOut, 5) |
        b(status.recoverableError || status.unrecoverableError, 6)
      );
    case 3:
      return (
        0x12 | b(status.recoverableError, 2) | b(status.autocutterError, 3) | b(status.unrecoverableError, 5)
      );
    case 4:
      return 0x12 | (status.paperNearEnd ? 0x0c : 0) | (status.paperOut ? 0x60 : 0);
  }
}

/** Encodes an ASB block (used by the simulator). */
export function encodeAsb(status: PrinterStatus): Uint8Array {
  const b = (flag: boolean, shift: number): number => (flag ? 1 << shift : 0);
  return Uint8Array.of(
    0x10 | b(status.drawerPinHigh, 2) | b(!status.online, 3) | b(status.coverOpen, 5),
    b(status.recoverableError, 2) | b(status.autocutterError, 3) | b(status.unrecoverableError, 5),
    (status.paperNearEnd ? 0x03 : 0) | (status.paperOut ? 0x0c : 0),
    0x00,
  );
}

/** The conditions that stop printing, as stable codes for error events. */
export function blockingConditions(status: PrinterStatus): string[] {
  const out: string[] = [];
  if (status.paperOut) out.push('paper-out');
  if (status.coverOpen) out.push('cover-open');
  if (status.autocutterError) out.push('autocutter-error');
  if (status.unrecoverableError) out.push('unrecoverable-error');
  if (!status.online && out.length === 0) out.push('offline');
  return out;
}
