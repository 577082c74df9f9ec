import { describe, expect, it } from 'vitest';
import { KeyboardWedgeDetector, type WedgeResult } from './keyboard-wedge-detector';

function type(
  detector: KeyboardWedgeDetector,
  keys: string[],
  startMs: number,
  gapMs: number,
): WedgeResult[] {
  return keys.map((key, i) => detector.onKey({ key, timeMs: startMs + i * gapMs }));
}

describe('KeyboardWedgeDetector', () => {
  it('recognises a fast burst ending in Enter as a scan and consumes every key', () => {
    const detector = new KeyboardWedgeDetector();
    const results = type(detector, [...'4006381333931', 'Enter'], 1000, 4);
    expect(results.every((r) => r.consume)).toBe(true);
    expect(results.at(-1)?.scan).toBe('4006381333931');
    expect(results.map((r) => r.release).join('')).toBe('');
  });

  it('releases slow typing to the focused field in order, and lets Enter through', () => {
    const detector = new KeyboardWedgeDetector();
    const results = type(detector, ['1', '2', '3', 'Enter'], 1000, 150);
    expect(results.map((r) => r.release).join('')).toBe('123');
    expect(results.at(-1)).toEqual({ consume: false, release: '3' });
    expect(results.some((r) => r.scan !== undefined)).toBe(false);
  });

  it('flushes a held key after the quiet period so a typed character is not lost', () => {
    const detector = new KeyboardWedgeDetector();
    expect(detector.onKey({ key: 'a', timeMs: 0 })).toEqual({ consume: true, release: '' });
    expect(detector.deadlineMs).toBe(31);
    expect(detector.flush(31)).toEqual({ consume: false, release: 'a' });
  });

  it('does not let a scan trigger a shortcut key in the middle of the burst', () => {
    const detector = new KeyboardWedgeDetector();
    const results = type(detector, ['A', 'B', 'Shift', 'C', 'D', 'Enter'], 0, 3);
    expect(results.every((r) => r.consume)).toBe(true);
    expect(results.at(-1)?.scan).toBe('ABCD');
  });

  it('passes Ctrl shortcuts typed by a person', () => {
    const detector = new KeyboardWedgeDetector();
    expect(detector.onKey({ key: 'p', timeMs: 0, ctrlKey: true })).toEqual({ consume: false, release: '' });
  });

  it('treats a fast burst too short for a barcode as typing', () => {
    const detector = new KeyboardWedgeDetector({ minLength: 6 });
    const results = type(detector, ['1', '2', 'Enter'], 0, 3);
    expect(results.at(-1)).toEqual({ consume: false, release: '12' });
  });

  it('with a configured prefix key, only prefixed bursts are scans', () => {
    const detector = new KeyboardWedgeDetector({ prefixKey: 'F13' });
    expect(detector.onKey({ key: 'x', timeMs: 0 })).toEqual({ consume: false, release: '' });
    const results = type(detector, ['F13', ...'ABC123', 'Enter'], 100, 5);
    expect(results.at(-1)?.scan).toBe('ABC123');
    expect(results.every((r) => r.consume)).toBe(true);
  });
});
