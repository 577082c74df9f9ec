import { describe, expect, it } from 'vitest';
import { dateRange, daysIn, ratio } from './query-params';

const ctx = (query: string) => ({ url: new URL(`http://x/_hq/api/kpis?${query}`) });

describe('query parameters', () => {
  it('rounds ratios half-up to 4 places in integers, including negatives and zero denominators', () => {
    expect(ratio(1, 3)).toBe('0.3333');
    expect(ratio(2, 3)).toBe('0.6667');
    expect(ratio(1, 8)).toBe('0.1250');
    expect(ratio(-1, 8)).toBe('-0.1250');
    expect(ratio(5, 0)).toBe('0.0000');
    expect(ratio(730, 54)).toBe('13.5185');
    expect(ratio(9_007_199_254_740_991, 3)).toBe('3002399751580330.3333');
  });

  it('defaults to the 30 days up to today and refuses malformed or reversed ranges', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(dateRange(ctx(''), now)).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(daysIn(dateRange(ctx(''), now))).toBe(30);
    expect(dateRange(ctx('to=2026-01-31'), now)).toEqual({ from: '2026-01-02', to: '2026-01-31' });
    expect(() => dateRange(ctx('from=2026-13-45'), now)).toThrow(/YYYY-MM-DD/);
    expect(() => dateRange(ctx('from=2026-11-24&to=2026-11-23'), now)).toThrow(/after/);
  });
});
