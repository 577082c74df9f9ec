import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

/** A question the screen asks the cashier: one typed value, or a choice from a short list. */
export type PromptSpec =
  | {
      readonly kind: 'input';
      readonly title: string;
      readonly label: string;
      readonly hint?: string;
      readonly initial?: string;
      readonly numeric?: boolean;
      /** Resolves with why the value was refused (the dialog stays open), or undefined when done. */
      readonly submit: (value: string) => Promise<string | undefined>;
    }
  | {
      readonly kind: 'choice';
      readonly title: string;
      readonly hint?: string;
      readonly options: readonly { readonly id: string; readonly label: string }[];
      readonly choose: (id: string) => Promise<string | undefined>;
    };

/**
 * A modal dialog for one prompt: Enter confirms, Escape cancels, digits 1–9 pick a choice. The value is
 * read from the field itself (not React state), so text released by the keyboard-wedge detector counts.
 */
export function Prompt({ spec, onClose }: { spec: PromptSpec; onClose: (spec: PromptSpec) => void }) {
  const titleId = useId();
  const fieldId = useId();
  const input = useRef<HTMLInputElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    (input.current ?? first.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      // While an answer is awaited (a manager typing a PIN in the approval dialog), keys are not ours.
      if (busy) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose(spec);
      } else if (spec.kind === 'choice' && /^[1-9]$/.test(e.key)) {
        const option = spec.options[Number(e.key) - 1];
        if (!option) return;
        e.preventDefault();
        e.stopPropagation();
        run(() => spec.choose(option.id));
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const run = (action: () => Promise<string | undefined>) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    action()
      .then((refused) => {
        // A flow may have moved on to its next question: closing closes only this one.
        if (refused === undefined) onClose(spec);
        else setError(refused);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (spec.kind === 'input') {
      const value = input.current?.value ?? '';
      run(() => spec.submit(value));
    }
  };

  return (
    <div className="prompt-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="prompt" aria-busy={busy}>
        <h2 id={titleId}>{spec.title}</h2>
        {spec.hint && <p>{spec.hint}</p>}
        {spec.kind === 'input' ? (
          <form onSubmit={submit}>
            <label htmlFor={fieldId}>{spec.label}</label>
            <input
              id={fieldId}
              ref={input}
              defaultValue={spec.initial ?? ''}
              autoComplete="off"
              inputMode={spec.numeric ? 'decimal' : 'text'}
            />
            <div className="prompt-actions">
              <button type="submit" disabled={busy}>
                OK <kbd>Enter</kbd>
              </button>
              <button type="button" onClick={() => onClose(spec)}>
                Cancel <kbd>Esc</kbd>
              </button>
            </div>
          </form>
        ) : (
          <div className="prompt-choices" role="group" aria-label={spec.title}>
            {spec.options.map((option, i) => (
              <button
                key={option.id}
                type="button"
                ref={i === 0 ? first : undefined}
                disabled={busy}
                aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
                onClick={() => run(() => spec.choose(option.id))}
              >
                {i < 9 && <kbd>{i + 1}</kbd>} {option.label}
              </button>
            ))}
            <button type="button" onClick={() => onClose(spec)}>
              Cancel <kbd>Esc</kbd>
            </button>
          </div>
        )}
        {error && (
          <p role="alert" className="prompt-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
