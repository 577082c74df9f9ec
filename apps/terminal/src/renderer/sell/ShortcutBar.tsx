/** The keyboard shortcuts, always visible, each also a button. */
export function ShortcutBar(props: {
  canPay: boolean;
  onPay: () => void;
  onVoidLast: () => void;
  onClear: () => void;
}) {
  return (
    <nav className="shortcuts" aria-label="Actions">
      <button type="button" onClick={props.onVoidLast} aria-keyshortcuts="F8">
        <kbd>F8</kbd> Void last line
      </button>
      <button type="button" onClick={props.onClear} aria-keyshortcuts="Escape">
        <kbd>Esc</kbd> Clear sale
      </button>
      <button
        type="button"
        className="pay"
        onClick={props.onPay}
        disabled={!props.canPay}
        aria-keyshortcuts="F12"
      >
        <kbd>F12</kbd> Cash, exact
      </button>
    </nav>
  );
}
