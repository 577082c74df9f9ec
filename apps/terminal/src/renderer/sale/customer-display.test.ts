import { describe, expect, it } from 'vitest';
import { changeDisplay, lineDisplay, totalDisplay } from './customer-display';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('customer display', () => {
  it('fits 20 columns and writes money with the ISO code (the pole display has no €)', () => {
    const lines = [
      ...lineDisplay('Very long coffee name 250 g', eur(499), eur(1314)),
      ...totalDisplay(eur(1314), eur(514)),
      ...changeDisplay(eur(2000), eur(686)),
    ];
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
    expect(lines.join('|')).not.toMatch(/€|\u00a0/);
    expect(lineDisplay('Tea', eur(315), eur(315))).toEqual([
      `${'Tea'.padEnd(12)}EUR 3.15`,
      `${'Total'.padEnd(12)}EUR 3.15`,
    ]);
    expect(changeDisplay(eur(2000), eur(686))[1]).toBe(`${'Change'.padEnd(12)}EUR 6.86`);
  });
});
