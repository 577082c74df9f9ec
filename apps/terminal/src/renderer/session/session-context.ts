// The signed-in cashier and the manager-approval request, shared by every screen through React context.
// The session-and-login work provides the value (PIN login, approval dialog); screens only consume it.
import { createContext, useContext } from 'react';

/** Who may do what at the counter. */
export type StaffRole = 'cashier' | 'manager';

/** The person signed in at this terminal. */
export interface StaffMember {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
}

/** A manager's approval of one action, recorded on the document or audit event it allowed. */
export interface ManagerApproval {
  readonly managerId: string;
  readonly managerName: string;
  /** What was approved, as shown to the manager ("Price override 12.99 → 9.99 on Mug"). */
  readonly reason: string;
  /** ISO timestamp of the approval. */
  readonly at: string;
}

/** What a screen can ask of the session. */
export interface Session {
  readonly staff: StaffMember;
  /**
   * Asks for a manager's PIN (the signed-in manager approves at once); resolves undefined when cancelled
   * or refused, never rejects for a wrong PIN (the dialog says so and lets the manager retry).
   */
  requestApproval(reason: string): Promise<ManagerApproval | undefined>;
  signOut(): void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

/** The current session; screens are only rendered inside a signed-in session. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session)
    throw new Error('useSession() outside a signed-in session: render screens inside the login gate.');
  return session;
}
