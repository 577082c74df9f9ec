import type { StaffDoc } from '@store-os/shared/schemas';
import { useEffect, useRef, useState, type FormEvent } from 'react';

/** Who may answer, the PIN field and the feedback line: shared by the login and the manager approval. */
export function PinForm({
  people,
  legend,
  submitLabel,
  message,
  busy,
  onSubmit,
  onCancel,
}: {
  people: readonly StaffDoc[];
  legend: string;
  submitLabel: string;
  message: string | undefined;
  busy: boolean;
  onSubmit: (person: StaffDoc, pin: string) => void;
  onCancel?: () => void;
}) {
  const [chosen, setChosen] = useState<string | undefined>(
    people.length === 1 ? people[0]?.userId : undefined,
  );
  const [pin, setPin] = useState('');
  const pinField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (chosen) pinField.current?.focus();
  }, [chosen]);
  useEffect(() => {
    // A wrong PIN clears the field for the next try.
    if (message) setPin('');
  }, [message]);
  const person = people.find((p) => p.userId === chosen);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (person && !busy) onSubmit(person, pin);
  };
  return (
    <form className="pin-form" onSubmit={submit}>
      <fieldset className="people">
        <legend>{legend}</legend>
        {people.map((p) => (
          <label key={p.userId} className={p.userId === chosen ? 'person chosen' : 'person'}>
            <input
              type="radio"
              name="person"
              value={p.userId}
              checked={p.userId === chosen}
              onChange={() => setChosen(p.userId)}
              aria-label={`${p.name}, ${p.role}`}
            />
            {p.name} <small>{p.role}</small>
          </label>
        ))}
      </fieldset>
      <label className="pin">
        PIN
        <input
          ref={pinField}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]*"
          maxLength={12}
          value={pin}
          disabled={!person || busy}
          onChange={(e) => setPin(e.target.value.replace(/[^0-9]/g, ''))}
        />
      </label>
      <div className="pin-actions">
        <button type="submit" disabled={!person || busy || pin.length < 4}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        ) : null}
      </div>
      <p role="alert" data-testid="login-message" className="login-message">
        {busy ? 'Checking the PIN…' : (message ?? '')}
      </p>
    </form>
  );
}
