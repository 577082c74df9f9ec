// Who is asking. Roles come from the issue: admin, HQ, IT, store manager, terminal.

/** A role a credential carries. */
export type Role = 'admin' | 'hq' | 'it' | 'manager' | 'terminal';

export const ROLES: readonly Role[] = ['admin', 'hq', 'it', 'manager', 'terminal'];

/** An authenticated caller; store roles carry the one store they belong to. */
export interface Principal {
  name: string;
  role: Role;
  storeId?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
