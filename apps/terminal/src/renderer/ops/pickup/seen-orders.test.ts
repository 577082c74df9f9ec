import { describe, expect, it } from 'vitest';
import { loadSeen, saveSeen } from './seen-orders';

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  } as Storage;
}

describe('seen web orders', () => {
  it('round-trips and forgets orders that left the queue', () => {
    const s = memory();
    saveSeen(s, new Set(['fulfillment:a', 'fulfillment:b']), ['fulfillment:a']);
    expect([...loadSeen(s)]).toEqual(['fulfillment:a']);
  });
  it('reads garbage as nothing seen rather than failing', () => {
    const s = memory();
    s.setItem('store-os.ops.seen-web-orders', '{not json');
    expect(loadSeen(s).size).toBe(0);
    expect(loadSeen(undefined).size).toBe(0);
  });
});
