import { useState, type FormEvent } from 'react';
import { can, type ConsoleUser } from '../access';
import { fleet, type Fleet } from '../api/hq-api';
import { messageOf } from '../api/http';
import {
  enrollTerminal,
  resetPin,
  revokeTerminal,
  setStoreGroups,
  staffOf,
  type Enrollment,
} from '../api/pos-admin';
import { Status } from '../components/status';
import { dateTime } from '../format';
import { useLoad } from '../use-load';
import { StoreSelect } from '../components/store-select';

const PROBLEM_TEXT: Readonly<Record<string, string>> = {
  'not-synced': 'not synced for too long',
  'no-heartbeat': 'no heartbeat',
  printer: 'printer',
  drawer: 'drawer',
  'payment-terminal': 'payment terminal',
  'pending-docs': 'documents waiting',
};

/** The offline periods of the last heartbeat: how many, and the latest with its length. */
function offlineText(periods: readonly { from: string; to?: string }[] | undefined): string {
  if (!periods || periods.length === 0) return 'none';
  const last = periods.reduce((a, b) => (b.from > a.from ? b : a));
  const minutes = last.to ? Math.round((Date.parse(last.to) - Date.parse(last.from)) / 60_000) : undefined;
  const latest =
    minutes === undefined
      ? `offline since ${dateTime(last.from)}`
      : `${dateTime(last.from)} for ${minutes} min`;
  return `${periods.length} (latest ${latest})`;
}

/** Fleet: stores, terminals at a glance (stale ones flagged), users; enroll, revoke, reset a PIN. */
export function FleetPage({ user }: { user: ConsoleUser }) {
  const [data, reload] = useLoad((s) => fleet(s), 'fleet');
  return (
    <>
      <h1 id="page-title">Fleet</h1>
      <button type="button" onClick={reload}>
        Refresh
      </button>
      <Status value={data}>
        {(f) => (
          <>
            <Terminals f={f} user={user} onChanged={reload} />
            {can.enrollTerminals(user) ? <EnrollForm stores={f.stores} onEnrolled={reload} /> : null}
            <ResetPinForm user={user} stores={f.stores} />
            <table aria-label="Stores">
              <caption>Stores</caption>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Name</th>
                  <th scope="col">Terminals</th>
                  <th scope="col">Groups</th>
                </tr>
              </thead>
              <tbody>
                {f.stores.map((s) => (
                  <tr key={s.id} data-store={s.id}>
                    <th scope="row">{s.id}</th>
                    <td>{s.name}</td>
                    <td>{f.terminals.filter((t) => t.storeId === s.id && !t.revoked).length}</td>
                    <td>{(s.groups ?? []).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {can.manageStoreGroups(user) ? <StoreGroupsForm stores={f.stores} onSaved={reload} /> : null}
            <table aria-label="Store groups">
              <caption>Store groups (rollout cohorts name them)</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Stores</th>
                </tr>
              </thead>
              <tbody>
                {(f.storeGroups ?? []).map((g) => (
                  <tr key={g.group} data-group={g.group}>
                    <th scope="row">{g.group}</th>
                    <td>{g.storeIds.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table aria-label="Users and roles">
              <caption>Users and roles</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Store</th>
                </tr>
              </thead>
              <tbody>
                {f.users.map((u) => (
                  <tr key={u.name}>
                    <th scope="row">{u.name}</th>
                    <td>{u.role}</td>
                    <td>{u.storeId ?? 'all'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Status>
    </>
  );
}

function Terminals({ f, user, onChanged }: { f: Fleet; user: ConsoleUser; onChanged: () => void }) {
  const [message, setMessage] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const stale = f.terminals.filter((t) => t.stale && !t.revoked).length;
  const revoke = (name: string) => {
    setConfirming(undefined);
    revokeTerminal(name).then(
      () => {
        setMessage(`Terminal ${name} is revoked; its credential is refused from now on.`);
        onChanged();
      },
      (e: unknown) => setMessage(messageOf(e)),
    );
  };
  return (
    <section aria-label="Terminals">
      <h2>Terminals</h2>
      <p>
        {f.terminals.length} terminals; <strong>{stale}</strong> not synced within {f.staleAfterMinutes ?? 60}{' '}
        minutes.
      </p>
      {message ? <p role="status">{message}</p> : null}
      <table aria-label="Terminals at a glance">
        <thead>
          <tr>
            <th scope="col">Terminal</th>
            <th scope="col">Store</th>
            <th scope="col">Version</th>
            <th scope="col">Last sync</th>
            <th scope="col">Waiting</th>
            <th scope="col">Health</th>
            <th scope="col">State</th>
            <th scope="col">Offline periods</th>
            {can.enrollTerminals(user) ? <th scope="col">Action</th> : null}
          </tr>
        </thead>
        <tbody>
          {f.terminals.map((t) => (
            <tr
              key={t.terminalId}
              data-terminal={t.terminalId}
              className={t.stale && !t.revoked ? 'stale' : undefined}
            >
              <th scope="row">{t.terminalId}</th>
              <td>{t.storeId}</td>
              <td>{t.lastHeartbeat?.appVersion ?? '—'}</td>
              <td>{dateTime(t.lastHeartbeat?.lastSyncAt)}</td>
              <td>{t.lastHeartbeat?.pendingDocs ?? '—'}</td>
              <td>
                {t.problems.length === 0 ? 'OK' : t.problems.map((p) => PROBLEM_TEXT[p] ?? p).join(', ')}
              </td>
              <td>{t.revoked ? 'Revoked' : t.stale ? 'Stale' : 'Active'}</td>
              <td>{offlineText(t.lastHeartbeat?.offlinePeriods)}</td>
              {can.enrollTerminals(user) ? (
                <td>
                  {t.revoked ? null : confirming === t.terminalId ? (
                    <>
                      <button type="button" onClick={() => revoke(t.terminalId)}>
                        Confirm revoking {t.terminalId}
                      </button>
                      <button type="button" onClick={() => setConfirming(undefined)}>
                        Keep {t.terminalId}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(t.terminalId)}>
                      Revoke {t.terminalId}
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function EnrollForm({ stores, onEnrolled }: { stores: Fleet['stores']; onEnrolled: () => void }) {
  const [storeId, setStoreId] = useState(stores[0]?.id ?? '');
  const [terminalId, setTerminalId] = useState('');
  const [result, setResult] = useState<Enrollment | undefined>();
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setResult(undefined);
    enrollTerminal(storeId, terminalId).then(
      (r) => {
        setResult(r);
        onEnrolled();
      },
      (err: unknown) => setError(messageOf(err)),
    );
  };
  return (
    <section aria-label="Enroll a terminal" className="panel">
      <h2>Enroll a terminal</h2>
      <form onSubmit={submit}>
        <StoreSelect stores={stores} value={storeId} onChange={setStoreId} required />
        <label>
          Terminal id
          <input
            value={terminalId}
            onChange={(e) => setTerminalId(e.target.value.trim())}
            required
            pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}"
          />
        </label>
        <button type="submit">Create enrollment code</button>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {result ? (
        <p role="status">
          One-time code for {result.terminalId}:{' '}
          <output aria-label="Enrollment code">{result.enrollmentCode}</output> (valid until{' '}
          {dateTime(result.expiresAt)}; shown once).
        </p>
      ) : null}
    </section>
  );
}

function ResetPinForm({ user, stores }: { user: ConsoleUser; stores: Fleet['stores'] }) {
  const [storeId, setStoreId] = useState(user.storeId ?? stores[0]?.id ?? '');
  const [staff, setStaff] = useState('');
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const [members] = useLoad((s) => staffOf(storeId, s), `staff:${storeId}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage('Setting the PIN…');
    resetPin(storeId, staff, pin).then(
      () => {
        setMessage(`The PIN of ${staff} is reset; terminals of ${storeId} accept it after their next sync.`);
        setPin('');
      },
      (err: unknown) => setMessage(messageOf(err)),
    );
  };
  return (
    <section aria-label="Reset a PIN" className="panel">
      <h2>Reset a staff PIN</h2>
      <form onSubmit={submit}>
        {user.storeId ? null : <StoreSelect stores={stores} value={storeId} onChange={setStoreId} />}
        <label>
          Staff member
          <select value={staff} onChange={(e) => setStaff(e.target.value)} required>
            <option value="">Choose…</option>
            {members.state === 'ok'
              ? members.data.rows.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name} ({m.userId}, {m.role})
                  </option>
                ))
              : null}
          </select>
        </label>
        <label>
          New PIN (4 to 8 digits)
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            pattern="[0-9]{4,8}"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            required
          />
        </label>
        <button type="submit">Reset PIN</button>
      </form>
      {members.state === 'error' ? (
        <p role="alert" className="error">
          {members.message}
        </p>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}

/** Parses "north, pilot" into group names (blank entries dropped). */
function groupList(text: string): string[] {
  return text
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
}

function StoreGroupsForm({ stores, onSaved }: { stores: Fleet['stores']; onSaved: () => void }) {
  const [storeId, setStoreId] = useState(stores[0]?.id ?? '');
  const [text, setText] = useState((stores[0]?.groups ?? []).join(', '));
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const pick = (id: string) => {
    setStoreId(id);
    setText((stores.find((s) => s.id === id)?.groups ?? []).join(', '));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setMessage(undefined);
    setStoreGroups(storeId, groupList(text)).then(
      (r) => {
        setMessage(
          `Store ${r.storeId} is in ${r.groups.length === 0 ? 'no group' : `groups ${r.groups.join(', ')}`}.`,
        );
        onSaved();
      },
      (err: unknown) => setError(messageOf(err)),
    );
  };
  return (
    <section aria-label="Set store groups" className="panel">
      <h2>Set store groups</h2>
      <form onSubmit={submit}>
        <StoreSelect stores={stores} value={storeId} onChange={pick} required />
        <label>
          Groups (comma separated)
          <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">Save groups</button>
      </form>
      {message ? <p role="status">{message}</p> : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
