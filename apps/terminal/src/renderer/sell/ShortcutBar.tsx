/** One action of the sell screen: its key (as KeyboardEvent.key, with Alt where `alt`) and its label. */
export interface SellShortcut {
  readonly id: string;
  readonly key: string;
  readonly alt: boolean;
  readonly label: string;
}

/** The sell screen's actions and keys. Alt+letter keeps plain F-keys free for the screen navigation. */
export const SELL_SHORTCUTS: readonly SellShortcut[] = [
  { id: 'pay', key: 'F12', alt: false, label: 'Pay' },
  { id: 'quantity', key: 'q', alt: true, label: 'Quantity' },
  { id: 'discount', key: 'd', alt: true, label: 'Line discount' },
  { id: 'override', key: 'p', alt: true, label: 'Price override' },
  { id: 'voidLine', key: 'F8', alt: false, label: 'Void line' },
  { id: 'voidSale', key: 'x', alt: true, label: 'Void sale' },
  { id: 'customer', key: 'c', alt: true, label: 'Customer' },
  { id: 'priceCheck', key: 'k', alt: true, label: 'Price check' },
  { id: 'weigh', key: 'w', alt: true, label: 'Weigh' },
  { id: 'giftCard', key: 'g', alt: true, label: 'Gift card' },
  { id: 'hold', key: 'h', alt: true, label: 'Hold' },
  { id: 'recall', key: 'r', alt: true, label: 'Recall' },
  { id: 'reprint', key: 'l', alt: true, label: 'Last sales / reprint' },
  { id: 'noSale', key: 'n', alt: true, label: 'No sale' },
];

/** How a shortcut is written on its button and in aria-keyshortcuts. */
export function shortcutText(s: SellShortcut): string {
  return s.alt ? `Alt+${s.key.toUpperCase()}` : s.key;
}

/** The shortcut a keydown means, if any. */
export function shortcutFor(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }) {
  if (e.ctrlKey || e.metaKey) return undefined;
  return SELL_SHORTCUTS.find((s) => s.alt === e.altKey && s.key.toLowerCase() === e.key.toLowerCase());
}

/** The keyboard shortcuts, always visible, each also a large button. */
export function ShortcutBar(props: { enabled: (id: string) => boolean; run: (id: string) => void }) {
  return (
    <nav className="shortcuts" aria-label="Actions">
      {SELL_SHORTCUTS.map((s) => (
        <button
          key={s.id}
          type="button"
          className={s.id === 'pay' ? 'pay' : undefined}
          onClick={() => props.run(s.id)}
          disabled={!props.enabled(s.id)}
          aria-keyshortcuts={shortcutText(s)}
        >
          <kbd>{shortcutText(s)}</kbd> {s.label}
        </button>
      ))}
    </nav>
  );
}
