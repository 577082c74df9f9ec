import { describe, expect, it } from 'vitest';
import { ascii } from './bytes';
import { encodeFrame, FRAMINGS, SerialFrameDecoder } from './serial-framing';

describe('SerialFrameDecoder', () => {
  it('reassembles CR-terminated scans split across chunks', () => {
    const decoder = new SerialFrameDecoder(FRAMINGS.cr);
    expect(decoder.push(ascii('40063813')).frames).toEqual([]);
    expect(decoder.push(ascii('33931\r]E0123')).frames).toEqual(['4006381333931']);
    expect(decoder.push(ascii('\r')).frames).toEqual([']E0123']);
  });

  it('drops noise before STX and keeps a scan split inside ETX framing', () => {
    const decoder = new SerialFrameDecoder(FRAMINGS['stx-etx']);
    const result = decoder.push(
      Uint8Array.of(0xff, 0x00, 0x41, 0x02, ...ascii('12345'), 0x03, 0x02, ...ascii('67')),
    );
    expect(result.frames).toEqual(['12345']);
    expect(result.discarded).toBe(3);
    expect(decoder.push(Uint8Array.of(...ascii('8'), 0x03)).frames).toEqual(['678']);
  });

  it('handles a CRLF suffix arriving in two chunks', () => {
    const decoder = new SerialFrameDecoder(FRAMINGS.crlf);
    expect(decoder.push(ascii('ABC\r')).frames).toEqual([]);
    expect(decoder.push(ascii('\nDEF\r\n')).frames).toEqual(['ABC', 'DEF']);
  });

  it('discards a runaway frame longer than maxLength instead of growing forever', () => {
    const decoder = new SerialFrameDecoder({ ...FRAMINGS.cr, maxLength: 8 });
    const result = decoder.push(ascii('0123456789012'));
    expect(result.discarded).toBe(13);
    expect(decoder.push(ascii('42\r')).frames).toEqual(['42']);
  });

  it('strips control-byte noise from a frame but keeps the GS1 separator', () => {
    const decoder = new SerialFrameDecoder(FRAMINGS.cr);
    const { frames, discarded } = decoder.push(
      Uint8Array.of(0x00, 0x00, ...ascii(']C1010'), 0x1d, ...ascii('10AB\r')),
    );
    expect(frames).toEqual([']C1010\u001d10AB']);
    expect(discarded).toBe(2);
  });

  it('encodes frames the decoder reads back', () => {
    const decoder = new SerialFrameDecoder(FRAMINGS['stx-etx']);
    expect(decoder.push(encodeFrame(FRAMINGS['stx-etx'], ']C1(01)0950')).frames).toEqual([']C1(01)0950']);
  });
});
