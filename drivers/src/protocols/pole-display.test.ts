import { describe, expect, it } from 'vitest';
import { DISPLAY_CLEAR, encodeDisplayLines, PoleDisplayScreen } from './pole-display';

describe('pole display (Epson DM-D)', () => {
  it('writes both lines at fixed positions, padded to 20 columns', () => {
    const bytes = encodeDisplayLines('Milk 1L', 'TOTAL 12.30');
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x1f, 0x24, 1, 1]);
    expect(bytes).toHaveLength(48);
    const screen = new PoleDisplayScreen();
    screen.push(bytes);
    expect(screen.lines).toEqual(['Milk 1L'.padEnd(20), 'TOTAL 12.30'.padEnd(20)]);
  });

  it('spells € as EUR (PC437 has no euro) and shows é, ü, ñ', () => {
    const screen = new PoleDisplayScreen();
    screen.push(encodeDisplayLines('Café Müller', 'Total 4,50 €'));
    expect(screen.lines).toEqual(['Café Müller'.padEnd(20), 'Total 4,50 EUR'.padEnd(20)]);
  });

  it('cuts text longer than the display and clears on FF', () => {
    const screen = new PoleDisplayScreen();
    screen.push(encodeDisplayLines('x'.repeat(30), 'y'));
    expect(screen.lines[0]).toBe('x'.repeat(20));
    expect(screen.lines[1]).toBe('y'.padEnd(20));
    screen.push(DISPLAY_CLEAR);
    expect(screen.lines).toEqual([' '.repeat(20), ' '.repeat(20)]);
  });
});
