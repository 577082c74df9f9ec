import { describe, expect, it } from 'vitest';
import { ascii } from './bytes';
import { CasLineReader, encodeCasLine, parseCasLine } from './cas-scale';
import { encodeToledoStatus, encodeToledoWeight, ToledoFrameReader, toledoReading } from './toledo-8217';
import { parseThousandths } from './weight';

describe('Toledo 8217', () => {
  it('reads a stable weight frame (STX 01.234 CR) as 1234 thousandths', () => {
    const [frame] = new ToledoFrameReader().push(Uint8Array.of(0x02, ...ascii('01.234'), 0x0d));
    expect(frame).toEqual({ kind: 'weight', thousandths: 1234 });
    expect(toledoReading(frame as never, 'lb')).toEqual({
      thousandths: 1234,
      unit: 'lb',
      stable: true,
      overload: false,
      underZero: false,
    });
  });

  it('reads status frames: in motion, over capacity, under zero', () => {
    const reader = new ToledoFrameReader();
    const frames = reader.push(
      Uint8Array.of(0x02, 0x3f, 0x21, 0x0d, 0x02, 0x3f, 0x22, 0x0d, 0x02, 0x3f, 0x24, 0x0d),
    );
    expect(frames.map((f) => toledoReading(f, 'kg'))).toEqual([
      { thousandths: 0, unit: 'kg', stable: false, overload: false, underZero: false },
      { thousandths: 0, unit: 'kg', stable: false, overload: true, underZero: false },
      { thousandths: 0, unit: 'kg', stable: false, overload: false, underZero: true },
    ]);
  });

  it('skips noise and malformed frames, and joins a frame split across reads', () => {
    const reader = new ToledoFrameReader();
    expect(reader.push(Uint8Array.of(0xff, 0x02, ...ascii('1.2'), 0x0d, 0x02, ...ascii('00.')))).toEqual([]);
    expect(reader.push(Uint8Array.of(...ascii('500'), 0x0d))).toEqual([{ kind: 'weight', thousandths: 500 }]);
  });

  it('encodes what it parses', () => {
    expect(new ToledoFrameReader().push(encodeToledoWeight(12_345))).toEqual([
      { kind: 'weight', thousandths: 12_345 },
    ]);
    expect(new ToledoFrameReader().push(encodeToledoStatus({ inMotion: true }))[0]).toMatchObject({
      kind: 'status',
      status: { inMotion: true },
    });
  });
});

describe('CAS', () => {
  it('parses stable, unstable and overload lines', () => {
    expect(parseCasLine('ST,GS,+001.234kg')).toEqual({
      thousandths: 1234,
      unit: 'kg',
      stable: true,
      overload: false,
      underZero: false,
    });
    expect(parseCasLine('US,NT,+  0.350kg')).toMatchObject({ thousandths: 350, stable: false });
    expect(parseCasLine('OL,GS,+999.999kg')).toMatchObject({ overload: true, stable: false });
    expect(parseCasLine('ST,GS,-000.020kg')).toMatchObject({ thousandths: -20, underZero: true });
    expect(parseCasLine('garbage')).toBeUndefined();
  });

  it('splits lines across reads and round-trips the encoder', () => {
    const reader = new CasLineReader();
    const bytes = encodeCasLine({
      thousandths: 2500,
      unit: 'kg',
      stable: true,
      overload: false,
      underZero: false,
    });
    expect(reader.push(bytes.subarray(0, 5))).toEqual([]);
    expect(reader.push(bytes.subarray(5))).toEqual([
      { thousandths: 2500, unit: 'kg', stable: true, overload: false, underZero: false },
    ]);
  });
});

describe('parseThousandths', () => {
  it('parses without floats and rejects junk', () => {
    expect(parseThousandths('0.1')).toBe(100);
    expect(parseThousandths('12.345')).toBe(12_345);
    expect(parseThousandths('-0.02')).toBe(-20);
    expect(parseThousandths('1.2345')).toBeUndefined();
    expect(parseThousandths('abc')).toBeUndefined();
  });
});
