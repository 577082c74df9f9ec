import type { StaffDoc } from '@store-os/shared/schemas';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TerminalContext } from '../app/start-terminal';
import { useObservable } from '../app/use-observable';
import { recordAudit } from './audit-event';
import { ApprovalDialog, type ApprovalRequest } from './ApprovalDialog';
import { saleActivityOf } from '../sell/open-sale';
import { tillDocs$ } from '../sell/use-till';
import { checkPin } from './check-pin';
import { installWindow$, reportInstallWindow } from './install-window';
import { PinForm } from './PinForm';
import { SessionContext, type ManagerApproval, type Session } from './session-context';
import { activeStaff$ } from './staff-directory';
import './session.css';

/**
 * The login gate: until someone signs in with their PIN, the screens are not rendered; once signed in,
 * they get the session (who, manager approval, sign-out) through SessionContext.
 */
export function SessionGate({ context, children }: { context: TerminalContext; children: ReactNode }) {
  const staff = useObservable(
    useMemo(() => activeStaff$(context.db, context.info.storeId), [context]),
    undefined,
  );
  const [signedIn, setSignedIn] = useState<StaffDoc>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [approval, setApproval] = useState<ApprovalRequest>();
  const pendingApproval = useRef<ApprovalRequest>(undefined);

  const signIn = (person: StaffDoc, pin: string) => {
    setBusy(true);
    checkPin(context, person, pin, { kind: 'login' })
      .then((check) => {
        setMessage(check.ok ? undefined : check.message);
        if (check.ok) setSignedIn(person);
      })
      .catch((error: unknown) => setMessage(`The PIN could not be checked: ${String(error)}`))
      .finally(() => setBusy(false));
  };

  const requestApproval = useCallback(
    (reason: string): Promise<ManagerApproval | undefined> => {
      if (signedIn?.role === 'manager') {
        return Promise.resolve({
          managerId: signedIn.userId,
          managerName: signedIn.name,
          reason,
          at: new Date().toISOString(),
        });
      }
      // One approval at a time: a second request while the dialog is open is refused rather than queued.
      if (pendingApproval.current) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const request: ApprovalRequest = {
          reason,
          settle: (result) => {
            pendingApproval.current = undefined;
            setApproval(undefined);
            resolve(result);
          },
        };
        pendingApproval.current = request;
        setApproval(request);
      });
    },
    [signedIn],
  );

  const signOut = useCallback(() => {
    const leaving = signedIn;
    pendingApproval.current?.settle(undefined);
    setSignedIn(undefined);
    setMessage(undefined);
    if (leaving) {
      recordAudit(context, 'logout', leaving.userId).catch((error: unknown) =>
        setMessage(`Signed out, but the sign-out could not be recorded: ${String(error)}`),
      );
    }
  }, [context, signedIn]);

  const session = useMemo<Session | undefined>(
    () =>
      signedIn
        ? {
            staff: { id: signedIn.userId, name: signedIn.name, role: signedIn.role },
            requestApproval,
            signOut,
          }
        : undefined,
    [signedIn, requestApproval, signOut],
  );

  useEffect(() => {
    // The host keeps the list beside the journal: a wiped profile, offline, can still sign in.
    if (!staff || staff.length === 0) return;
    context.host
      .invoke('staff.remember', { documents: staff.map((d) => ({ ...d })) })
      .catch((error: unknown) => setMessage(`The host did not keep the staff list: ${String(error)}`));
  }, [context, staff]);

  useEffect(() => {
    // The updater restarts the app only between sales and outside a shift: told at start and on each change.
    const window$ = installWindow$(saleActivityOf(context), tillDocs$(context), context.info.terminalId);
    const subscription = reportInstallWindow(context.host, window$, (error: unknown) =>
      setMessage(`The host did not take the till's state: ${String(error)}`),
    );
    return () => subscription.unsubscribe();
  }, [context]);

  useEffect(() => {
    // A person disabled or removed by HQ while signed in is signed out as soon as the change replicates.
    if (signedIn && staff && !staff.some((p) => p.userId === signedIn.userId)) signOut();
  }, [staff, signedIn, signOut]);

  if (!session) {
    return (
      <main className="login" aria-label="Sign in">
        <h1>Sign in</h1>
        {staff === undefined ? (
          <p role="status">Reading the staff list…</p>
        ) : staff.length === 0 ? (
          <p role="status">
            No staff for store {context.info.storeId} on this terminal yet. They arrive from the sync-server;
            check the connection in the header.
          </p>
        ) : (
          <PinForm
            people={staff}
            legend="Who is signing in?"
            submitLabel="Sign in"
            message={message}
            busy={busy}
            onSubmit={signIn}
          />
        )}
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      {children}
      {approval ? (
        <ApprovalDialog
          context={context}
          request={approval}
          managers={(staff ?? []).filter((p) => p.role === 'manager')}
        />
      ) : null}
    </SessionContext.Provider>
  );
}
