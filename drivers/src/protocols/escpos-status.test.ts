import { describe, expect, it } from 'vitest';
import {
  applyRealtimeStatus,
  blockingConditions,
  encodeAsb,
  encodeRealtimeStatus,
  HEALTHY_STATUS,
  parseAsb,
  type PrinterStatus,
} from './escpos-status';

describe('DLE EOT answers', () => {
  // Bytes as a TM-T88 answers them (fixed bits 1 and 4 set).
  it('reads printer status (n=1): drawer pin and offline', () => {
    expect(applyRealtimeStatus(HEALTHY_STATUS, 1, 0x16)).toMatchObject({ drawerPinHigh: true, online: true });
    expect(applyRealtimeStatus(HEALTHY_STATUS, 1, 0x1a)).toMatchObject({
      drawerPinHigh: false,
      online: false,
    });
  });

  it('reads offline cause (n=2): cover open and paper-end stop', () => {
    expect(applyRealtimeStatus(HEALTHY_STATUS, 2, 0x16)).toMatchObject({ coverOpen: true, paperOut: false });
    expect(applyRealtimeStatus(HEALTHY_STATUS, 2, 0x32)).toMatchObject({ coverOpen: false, paperOut: true });
  });

  it('reads error cause (n=3) and paper sensors (n=4)', () => {
    expect(applyRealtimeStatus(HEALTHY_STATUS, 3, 0x1a)).toMatchObject({ autocutterError: true });
    expect(applyRealtimeStatus(HEALTHY_STATUS, 4, 0x1e)).toMatchObject({
      paperNearEnd: true,
      paperOut: false,
    });
    expect(applyRealtimeStatus(HEALTHY_STATUS, 4, 0x72)).toMatchObject({ paperOut: true });
  });

  it('round-trips every condition through the encoder the simulator uses', () => {
    const status: PrinterStatus = {
      ...HEALTHY_STATUS,
      online: false,
      coverOpen: true,
      paperNearEnd: true,
      paperOut: true,
      drawerPinHigh: true,
    };
    let read = HEALTHY_STATUS;
    for (const n of [1, 2, 3, 4] as const)
      read = applyRealtimeStatus(read, n, encodeRealtimeStatus(status, n));
    expect(read).toEqual(status);
  });
});

describe('automatic status back', () => {
  it('parses a captured ASB block: cover open, paper near end, drawer pin high', () => {
    expect(parseAsb([0x3c, 0x00, 0x03, 0x00])).toMatchObject({
      coverOpen: true,
      online: false,
      drawerPinHigh: true,
      paperNearEnd: true,
      paperOut: false,
    });
  });

  it('round-trips through encodeAsb', () => {
    const status: PrinterStatus = { ...HEALTHY_STATUS, online: false, paperOut: true, paperNearEnd: true };
    const [a, b, c, d] = encodeAsb(status);
    expect(parseAsb([a ?? 0, b ?? 0, c ?? 0, d ?? 0])).toEqual(status);
  });

  it('names what blocks printing, paper out first', () => {
    expect(blockingConditions({ ...HEALTHY_STATUS, online: false, paperOut: true, coverOpen: true })).toEqual(
      ['paper-out', 'cover-open'],
    );
    expect(blockingConditions({ ...HEALTHY_STATUS, online: false })).toEqual(['offline']);
    expect(blockingConditions({ ...HEALTHY_STATUS, paperNearEnd: true })).toEqual([]);
  });
});
