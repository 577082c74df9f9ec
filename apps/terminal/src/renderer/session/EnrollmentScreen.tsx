import type { HostBridge, HostResponse } from '@store-os/shared';
import { useState, type FormEvent } from 'react';
import './session.css';

/**
 * First run: the sync-server's address and the one-time code IT created for this terminal. The host
 * exchanges the code for the terminal's credential and keeps it; this page only learns that it worked.
 */
export function EnrollmentScreen({
  host,
  status,
  onEnrolled,
}: {
  host: HostBridge;
  status: HostResponse<'enrollment.status'>;
  onEnrolled: (status: HostResponse<'enrollment.status'>) => void;
}) {
  const [serverUrl, setServerUrl] = useState(status.syncServerUrl ?? '');
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    host
      .invoke('enrollment.enroll', { serverUrl: serverUrl.trim().replace(/\/$/, ''), code: code.trim() })
      .then(onEnrolled)
      .catch((error: unknown) => {
        setBusy(false);
        setMessage(error instanceof Error ? error.message : String(error));
      });
  };
  return (
    <main aria-label="Enroll this terminal">
      <form className="enrollment" onSubmit={submit}>
        <h1>Enroll this terminal</h1>
        <p>Enter the sync-server address and the one-time enrollment code IT created for this terminal.</p>
        <label>
          Sync-server address
          <input
            type="url"
            required
            placeholder="http://store-server:5984"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
          />
        </label>
        <label>
          Enrollment code
          <input
            required
            autoComplete="off"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          Enroll this terminal
        </button>
        <p role="alert" data-testid="login-message" className="login-message">
          {busy ? 'Enrolling…' : (message ?? '')}
        </p>
      </form>
    </main>
  );
}
