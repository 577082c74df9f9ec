import { useEffect, useRef, useState, type FormEvent } from 'react';

/**
 * The scan/search field: a barcode, a SKU or part of a name, then Enter; F2 brings focus back. The value
 * is read from the field (not React state) so text the keyboard-wedge detector releases is never lost.
 */
export function ScanInput({
  onSubmit,
  disabled,
}: {
  onSubmit: (code: string) => Promise<void>;
  disabled: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const focus = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', focus);
    return () => window.removeEventListener('keydown', focus);
  }, []);
  useEffect(() => {
    if (!disabled) input.current?.focus();
  }, [disabled]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const field = input.current;
    if (!field) return;
    const code = field.value;
    field.value = '';
    setBusy(true);
    onSubmit(code)
      .catch(() => undefined)
      .finally(() => {
        setBusy(false);
        input.current?.focus();
      });
  };
  return (
    <form className="scan" onSubmit={submit} role="search">
      <label htmlFor="scan-input">
        Scan or search <kbd>F2</kbd>
      </label>
      <input id="scan-input" ref={input} autoFocus autoComplete="off" aria-busy={busy} disabled={disabled} />
    </form>
  );
}
