import { describe, expect, it } from 'vitest';
import { fillGaps } from './series';

describe('fillGaps', () => {
  it('adds the quiet hours between the first and last hour with sales', () => {
    expect(
      fillGaps(
        [
          { label: '14', value: 5 },
          { label: '11', value: 2 },
        ],
        'hour',
      ),
    ).toEqual([
      { label: '11', value: 2 },
      { label: '12', value: 0 },
      { label: '13', value: 0 },
      { label: '14', value: 5 },
    ]);
  });

  it('walks calendar days across a month end', () => {
    expect(
      fillGaps(
        [
          { label: '2026-11-29', value: 1 },
          { label: '2026-12-02', value: 3 },
        ],
        'day',
      ).map((p) => p.label),
    ).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('keeps one point, returns nothing for nothing, leaves unknown keys alone and stops at the limit', () => {
    expect(fillGaps([{ label: '09', value: 4 }], 'hour')).toEqual([{ label: '09', value: 4 }]);
    expect(fillGaps([], 'day')).toEqual([]);
    const odd = [
      { label: 'x', value: 1 },
      { label: 'y', value: 1 },
    ];
    expect(fillGaps(odd, 'day')).toEqual(odd);
    const year = [
      { label: '2025-01-01', value: 1 },
      { label: '2026-01-01', value: 1 },
    ];
    expect(fillGaps(year, 'day', 10)).toHaveLength(10);
  });
});
