import { useEffect, useRef, useState, type FormEvent } from 'react';

/** The scan/search field: barcode scanners type into it and press Enter; F2 brings focus back. */
export function ScanInput({ onSubmit }: { onSubmit: (code: string) => Promise<void> }) {
  const [value, setValue] = useState('');
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = value;
    setValue('');
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
      <input
        id="scan-input"
        ref={input}
        autoFocus
        autoComplete="off"
        value={value}
        aria-busy={busy}
        onChange={(e) => setValue(e.target.value)}
      />
    </form>
  );
}
