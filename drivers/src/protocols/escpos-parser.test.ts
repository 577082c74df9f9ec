import { describe, expect, it } from 'vitest';
import { EscPosParser } from './escpos-parser';

describe('EscPosParser', () => {
  it('does not mistake DLE EOT bytes inside raster data for a status request', () => {
    // GS v 0: 2 bytes wide, 2 rows; the pixel data happens to contain 10 04 01 (DLE EOT 1).
    const bytes = Uint8Array.of(
      0x1d,
      0x76,
      0x30,
      0x00,
      0x02,
      0x00,
      0x02,
      0x00,
      0x10,
      0x04,
      0x01,
      0xff,
      0x10,
      0x04,
      0x01,
    );
    const commands = new EscPosParser().push(bytes);
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatchObject({ op: 'raster', widthBytes: 2, height: 2 });
    expect(commands[1]).toEqual({ op: 'realtime-status', n: 1 });
  });

  it('holds an incomplete raster image until the rest arrives', () => {
    const parser = new EscPosParser();
    expect(parser.push(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x03, 0x00, 0xaa))).toEqual([]);
    expect(parser.pendingBytes).toBe(9);
    const [raster] = parser.push(Uint8Array.of(0x55, 0xaa, 0x0a));
    expect(raster).toMatchObject({ op: 'raster', height: 3, data: Uint8Array.of(0xaa, 0x55, 0xaa) });
  });

  it('reads the encoder output for EAN-13, CODE128, QR, cut and drawer kick (captured bytes)', () => {
    const hex =
      '1d68321d77031d48001d6b0234303036333831333333393331000a' +
      '1d6b490a7b4231323334353637380a' +
      '1d286b0400314132001d286b03003143041d286b03003145311d286b050031503068691d286b0300315130' +
      '1d5601' +
      '1b700032fa';
    const bytes = Uint8Array.from(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
    const ops = new EscPosParser().push(bytes).map((c) => c.op);
    expect(ops).toEqual([
      'barcode-setting',
      'barcode-setting',
      'barcode-setting',
      'barcode',
      'lf',
      'barcode',
      'lf',
      'gs-paren',
      'gs-paren',
      'gs-paren',
      'gs-paren',
      'gs-paren',
      'cut',
      'pulse',
    ]);
  });

  it('splits text runs from style commands and keeps code-page bytes', () => {
    const commands = new EscPosParser().push(
      Uint8Array.of(0x1b, 0x74, 0x13, 0xd5, 0x20, 0x1b, 0x45, 0x01, 0x41, 0x0a),
    );
    expect(commands).toEqual([
      { op: 'codepage', table: 19 },
      { op: 'text', bytes: Uint8Array.of(0xd5, 0x20) },
      { op: 'bold', on: true },
      { op: 'text', bytes: Uint8Array.of(0x41) },
      { op: 'lf' },
    ]);
  });
});
