import { describe, expect, it } from 'vitest';
import { ascii } from './bytes';
import { DEFAULT_HID_POS_LAYOUT, encodeHidPosReports, HidPosReassembler } from './hid-pos';

/** A report as a Honeywell scanner in HID POS mode sends it for EAN-13 4006381333931 (captured layout). */
function capturedEanReport(): Uint8Array {
  const report = new Uint8Array(64);
  report.set([0x02, 13, 0x5d, 0x45, 0x30]);
  report.set(ascii('4006381333931'), 5);
  return report;
}

describe('HidPosReassembler', () => {
  it('decodes a single scanned-data report with its AIM id', () => {
    const outcome = new HidPosReassembler().push(capturedEanReport(), 0);
    expect(outcome).toEqual({
      kind: 'scan',
      scan: { data: '4006381333931', aimId: ']E0', symbology: 'ean-13' },
    });
  });

  it('reassembles a 150-character QR code sent in three reports', () => {
    const data = 'https://receipts.example/r/' + 'x'.repeat(123);
    const reports = encodeHidPosReports({ data, aimId: ']Q1' });
    expect(reports).toHaveLength(3);
    expect(reports[0]?.[63]).toBe(1);
    const reassembler = new HidPosReassembler();
    expect(reassembler.push(reports[0] as Uint8Array, 0).kind).toBe('partial');
    expect(reassembler.push(reports[1] as Uint8Array, 5).kind).toBe('partial');
    expect(reassembler.push(reports[2] as Uint8Array, 10)).toEqual({
      kind: 'scan',
      scan: { data, aimId: ']Q1', symbology: 'qr' },
    });
  });

  it('never glues a stale half-scan onto the next one', () => {
    const reassembler = new HidPosReassembler(DEFAULT_HID_POS_LAYOUT, 500);
    const [first] = encodeHidPosReports({ data: 'A'.repeat(80), aimId: ']C0' });
    reassembler.push(first as Uint8Array, 0);
    const outcome = reassembler.push(capturedEanReport(), 2_000);
    expect(outcome).toEqual({
      kind: 'scan',
      scan: { data: '4006381333931', aimId: ']E0', symbology: 'ean-13' },
    });
  });

  it('ignores reports that are not scanned data or are malformed', () => {
    const reassembler = new HidPosReassembler();
    expect(reassembler.push(Uint8Array.of(0x04, 1, 2), 0).kind).toBe('ignored');
    const bad = capturedEanReport();
    bad[1] = 200;
    expect(reassembler.push(bad, 0).kind).toBe('ignored');
  });
});
