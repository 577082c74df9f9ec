import { describe, expect, it } from 'vitest';
import { SELL_SHORTCUTS, shortcutFor, shortcutText } from './ShortcutBar';

const key = (k: string, altKey = false) => ({ key: k, altKey, ctrlKey: false, metaKey: false });

describe('sell shortcuts', () => {
  it('maps each key to one action and shows it as written on the button', () => {
    expect(shortcutFor(key('F12'))?.id).toBe('pay');
    expect(shortcutFor(key('P', true))?.id).toBe('override');
    expect(shortcutFor(key('p'))).toBeUndefined();
    expect(shortcutFor({ ...key('p', true), ctrlKey: true })).toBeUndefined();
    const texts = SELL_SHORTCUTS.map(shortcutText);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toContain('Alt+N');
  });
});
