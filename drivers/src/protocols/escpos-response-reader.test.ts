import { describe, expect, it } from 'vitest';
import { EscPosResponseReader } from './escpos-response-reader';

describe('EscPosResponseReader', () => {
  it('separates real-time answers, ASB blocks and process-id answers in one stream', () => {
    const reader = new EscPosResponseReader();
    const out = reader.push(
      Uint8Array.of(0x16, 0x10, 0x00, 0x0c, 0x00, 0x37, 0x22, 0x30, 0x30, 0x34, 0x32, 0x00, 0x12),
    );
    expect(out.map((r) => r.kind)).toEqual(['realtime', 'asb', 'process-id', 'realtime']);
    expect(out[2]).toEqual({ kind: 'process-id', id: '0042' });
    expect(out[1]).toMatchObject({ kind: 'asb', status: { paperOut: true } });
  });

  it('waits for a process-id answer split across reads', () => {
    const reader = new EscPosResponseReader();
    expect(reader.push(Uint8Array.of(0x37, 0x22, 0x31))).toEqual([]);
    expect(reader.push(Uint8Array.of(0x32, 0x33, 0x34, 0x00))).toEqual([{ kind: 'process-id', id: '1234' }]);
  });

  it('drops garbage, including a lone 0x37, without swallowing the next real answer', () => {
    const reader = new EscPosResponseReader();
    const out = reader.push(Uint8Array.of(0xff, 0x80, 0x37, 0x00, 0xfe, 0x16));
    expect(out.filter((r) => r.kind !== 'discarded')).toEqual([{ kind: 'realtime', byte: 0x16 }]);
    expect(
      out
        .filter((r) => r.kind === 'discarded')
        .reduce((n, r) => n + (r.kind === 'discarded' ? r.bytes : 0), 0),
    ).toBe(5);
  });
});
