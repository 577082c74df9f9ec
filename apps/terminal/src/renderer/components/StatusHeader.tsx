import { map } from 'rxjs';
import { useMemo } from 'react';
import type { TerminalContext } from '../app/start-terminal';
import { useObservable } from '../app/use-observable';
import { connectionText } from './connection-text';

/** The header: terminal, connection state and since when, and how many documents wait for the server. */
export function StatusHeader({ context }: { context: TerminalContext }) {
  const connectivity = useObservable(context.replication?.connectivity.state$, undefined);
  const waiting = useObservable(context.ledger.pendingCount$(), 0);
  const rejected = useObservable(
    useMemo(() => context.ledger.rejected$().pipe(map((r) => r.length)), [context.ledger]),
    0,
  );
  const online = connectivity?.online ?? false;
  const label = connectionText(
    {
      replicated: context.replication !== undefined,
      online,
      ...(connectivity ? { since: connectivity.since } : {}),
    },
    Date.now(),
  );
  return (
    <header className="status-header">
      <span className="terminal-name">
        {context.info.storeId} · {context.info.terminalId}
      </span>
      <span
        className={online ? 'status online' : 'status offline'}
        role="status"
        aria-label="Connection"
        data-testid="connection"
        title={connectivity?.reason}
      >
        {label}
      </span>
      <span role="status" aria-label="Documents waiting" data-testid="waiting">
        {waiting} waiting
      </span>
      {rejected > 0 ? (
        <span role="alert" className="rejected" data-testid="rejected">
          {rejected} rejected by the server
        </span>
      ) : null}
    </header>
  );
}
