import { useMemo } from 'react';
import type { ScreenProps } from '../app/screen-props';
import { useObservable } from '../app/use-observable';

const LIMIT = 500;

function time(epochMs: number): string {
  return new Date(epochMs).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' });
}

/**
 * Every document this terminal wrote that the server has not accepted: waiting (not yet sent, or sent
 * while offline) or rejected with the server's reason. A rejected document stays here for a manager to
 * act on; the others keep syncing past it.
 */
export function SyncScreen({ context }: ScreenProps) {
  const rows = useObservable(
    useMemo(() => context.ledger.unsettled$(LIMIT), [context.ledger]),
    undefined,
  );
  const connectivity = useObservable(context.replication?.connectivity.state$, undefined);
  return (
    <main className="sync-screen" aria-label="Sync">
      <h1>Sync</h1>
      <p role="status" data-testid="sync-summary">
        {!context.replication
          ? 'Standalone: this terminal has no sync-server.'
          : connectivity?.online
            ? `Online since ${time(connectivity.since)}.`
            : `Offline since ${time(connectivity?.since ?? Date.now())}${connectivity?.reason ? ` (${connectivity.reason})` : ''}.`}{' '}
        {rows === undefined
          ? 'Reading…'
          : rows.length === 0
            ? 'Every document has reached the server.'
            : `${rows.length}${rows.length === LIMIT ? '+' : ''} document(s) not accepted by the server yet.`}
      </p>
      {rows && rows.length > 0 ? (
        <table className="sync-documents" aria-label="Documents not on the server">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Database</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
              <th scope="col">Server’s reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="sync-row" data-state={r.state}>
                <td>{r.docId}</td>
                <td>{r.collectionName}</td>
                <td>{r.state === 'pending' ? 'waiting' : 'rejected'}</td>
                <td>{time(r.updatedAt)}</td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
