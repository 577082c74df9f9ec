import { describe, expect, it } from 'vitest';
import { splitByMonth } from './month-split';

describe('splitByMonth', () => {
  it('reads whole months from month tables and only the edge days from day tables', () => {
    expect(splitByMonth({ from: '2025-11-24', to: '2026-11-23' })).toEqual({
      months: ['2025-12', '2026-10'],
      days: [
        ['2025-11-24', '2025-11-30'],
        ['2026-11-01', '2026-11-23'],
      ],
    });
    expect(splitByMonth({ from: '2026-02-01', to: '2026-02-28' })).toEqual({
      months: ['2026-02', '2026-02'],
      days: [],
    });
    expect(splitByMonth({ from: '2024-02-01', to: '2024-02-28' })).toEqual({
      months: undefined,
      days: [['2024-02-01', '2024-02-28']],
    });
    expect(splitByMonth({ from: '2026-11-02', to: '2026-11-23' })).toEqual({
      months: undefined,
      days: [['2026-11-02', '2026-11-23']],
    });
    expect(splitByMonth({ from: '2026-12-01', to: '2027-01-15' })).toEqual({
      months: ['2026-12', '2026-12'],
      days: [['2027-01-01', '2027-01-15']],
    });
  });
});
