/**
 * Opens another screen the way the cashier would, by its shortcut key: the shell listens for it, so
 * ops never reaches into the shell's state (upsell at pickup goes to the sell screen this way).
 */
export function goToScreen(shortcut: string): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: shortcut, bubbles: true }));
}
