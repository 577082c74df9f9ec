import { parseAimScan, symbologyFromAim, type ScanData } from './aim';
import { fromAscii } from './bytes';

/** HID usage page of point-of-sale barcode scanners (USB HID POS Usage Tables). */
export const HID_POS_USAGE_PAGE = 0x8c;

/**
 * Layout of the HID POS "scanned data" input report as Honeywell, Zebra and Datalogic scanners send
 * it in HID POS mode: report ID, data length, three AIM symbology bytes, the data area, and a flags
 * byte whose bit 0 says "decoded data continued" — a long 2D code arrives in several reports.
 */
export interface HidPosLayout {
  readonly reportId: number;
  /** Bytes in a report including the report ID. */
  readonly reportSize: number;
  readonly dataOffset: number;
  readonly flagsOffset: number;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  reportSize: 64,
  dataOffset: 5,
  flagsOffset: 63,
};

/** What one report did to the reassembler. */
export type HidPosOutcome =
  | { readonly kind: 'scan'; readonly scan: ScanData }
  | { readonly kind: 'partial' }
  | { readonly kind: 'ignored'; readonly reason: string };

/**
 * Reassembles multi-report scans. A continuation whose symbology differs from the first part, or
 * that comes after `maxGapMs`, starts over: two half-scans must never be glued into one barcode.
 */
export class HidPosReassembler {
  #parts: string[] = [];
  #aim = '';
  #lastAt = 0;

  constructor(
    private readonly layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT,
    private readonly maxGapMs = 500,
  ) {}

  push(report: Uint8Array, nowMs: number): HidPosOutcome {
    const { reportId, dataOffset, flagsOffset } = this.layout;
    if (report[0] !== reportId)
      return { kind: 'ignored', reason: `report id ${report[0] ?? 'none'} is not scanned data` };
    if (report.length <= flagsOffset)
      return { kind: 'ignored', reason: `short report (${report.length} bytes)` };
    const length = report[1] ?? 0;
    const capacity = flagsOffset - dataOffset;
    if (length > capacity)
      return { kind: 'ignored', reason: `length ${length} exceeds the report's ${capacity}-byte data area` };
    const aim = fromAscii(report.subarray(2, 5).filter((b) => b !== 0));
    const chunk = fromAscii(report.subarray(dataOffset, dataOffset + length));
    const continued = ((report[flagsOffset] ?? 0) & 0x01) === 0x01;
    const stale = this.#parts.length > 0 && (nowMs - this.#lastAt > this.maxGapMs || aim !== this.#aim);
    if (stale) this.#parts = [];
    if (this.#parts.length === 0) this.#aim = aim;
    this.#parts.push(chunk);
    this.#lastAt = nowMs;
    if (continued) return { kind: 'partial' };
    const data = this.#parts.join('');
    this.#parts = [];
    if (this.#aim.startsWith(']') && this.#aim.length === 3) {
      return { kind: 'scan', scan: { data, aimId: this.#aim, symbology: symbologyFromAim(this.#aim, data) } };
    }
    return { kind: 'scan', scan: parseAimScan(data) };
  }
}

/** Splits a scan into HID POS reports (for the simulator and tests). */
export function encodeHidPosReports(
  scan: { data: string; aimId?: string },
  layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT,
): Uint8Array[] {
  const capacity = layout.flagsOffset - layout.dataOffset;
  const reports: Uint8Array[] = [];
  const aim = scan.aimId ?? '';
  for (let offset = 0; offset < scan.data.length || reports.length === 0; offset += capacity) {
    const part = scan.data.slice(offset, offset + capacity);
    const report = new Uint8Array(layout.reportSize);
    report[0] = layout.reportId;
    report[1] = part.length;
    for (let i = 0; i < 3; i += 1) report[2 + i] = aim.charCodeAt(i) || 0;
    for (let i = 0; i < part.length; i += 1) report[layout.dataOffset + i] = part.charCodeAt(i) & 0xff;
    report[layout.flagsOffset] = offset + capacity < scan.data.length ? 0x01 : 0x00;
    reports.push(report);
  }
  return reports;
}
