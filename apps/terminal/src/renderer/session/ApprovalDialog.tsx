import type { StaffDoc } from '@store-os/shared/schemas';
import { useEffect, useState } from 'react';
import type { TerminalContext } from '../app/start-terminal';
import { checkPin } from './check-pin';
import { PinForm } from './PinForm';
import type { ManagerApproval } from './session-context';

/** An open request for a manager's PIN, settled once with the approval or undefined. */
export interface ApprovalRequest {
  readonly reason: string;
  settle(result: ManagerApproval | undefined): void;
}

/** The manager-approval dialog: what is being approved, which manager, their PIN; Esc cancels. */
export function ApprovalDialog({
  context,
  request,
  managers,
}: {
  context: TerminalContext;
  request: ApprovalRequest;
  managers: readonly StaffDoc[];
}) {
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      request.settle(undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [request]);
  const approve = (manager: StaffDoc, pin: string) => {
    setBusy(true);
    checkPin(context, manager, pin, { kind: 'approval', reason: request.reason })
      .then((check) => {
        setBusy(false);
        if (!check.ok) {
          setMessage(check.message);
          return;
        }
        request.settle({
          managerId: manager.userId,
          managerName: manager.name,
          reason: request.reason,
          at: new Date().toISOString(),
        });
      })
      .catch((error: unknown) => {
        setBusy(false);
        setMessage(`The PIN could not be checked: ${String(error)}`);
      });
  };
  return (
    <div className="approval-backdrop">
      <div role="dialog" aria-modal="true" aria-label="Manager approval" className="approval">
        <h2>Manager approval</h2>
        <p data-testid="approval-reason">{request.reason}</p>
        {managers.length === 0 ? (
          <p role="alert">No manager of this store is known to this terminal yet.</p>
        ) : (
          <PinForm
            people={managers}
            legend="Approving manager"
            submitLabel="Approve"
            message={message}
            busy={busy}
            onSubmit={approve}
            onCancel={() => request.settle(undefined)}
          />
        )}
      </div>
    </div>
  );
}
