// Fleet administration through the server's `/_pos/` endpoints and the store databases.
import { api } from './http';

/** What enrolling a terminal returns: the one-time code the terminal exchanges for its credential. */
export interface Enrollment {
  readonly terminalId: string;
  readonly storeId: string;
  readonly enrollmentCode: string;
  readonly expiresAt: string;
}

export const enrollTerminal = (storeId: string, terminalId: string) =>
  api<Enrollment>(`/_pos/stores/${encodeURIComponent(storeId)}/terminals`, { json: { terminalId } });

export const revokeTerminal = (name: string) =>
  api<{ ok: boolean; revoked: boolean }>(`/_pos/terminals/${encodeURIComponent(name)}/revoke`, {
    method: 'POST',
    json: {},
  });

/** A staff member of a store as HQ lists them (never the PIN hash). */
export interface StaffMember {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly status: string;
}

export const staffOf = (storeId: string, signal?: AbortSignal) =>
  api<{ rows: StaffMember[] }>(
    `/_hq/api/fleet/stores/${encodeURIComponent(storeId)}/staff`,
    signal ? { signal } : {},
  );

/**
 * Sets a new PIN on a staff member: the server hashes it (PBKDF2-SHA256, the staff document's scheme)
 * and rewrites the staff document, which the store's terminals replicate and check offline.
 */
export const resetPin = (storeId: string, userId: string, pin: string) =>
  api<{ ok: boolean }>(
    `/_hq/api/fleet/stores/${encodeURIComponent(storeId)}/staff/${encodeURIComponent(userId)}/pin`,
    { json: { pin } },
  );

/** Puts a store in these store groups (rollout cohorts name groups); the server rewrites its store document. */
export const setStoreGroups = (storeId: string, groups: readonly string[]) =>
  api<{ ok: boolean; storeId: string; groups: string[] }>(
    `/_hq/api/fleet/stores/${encodeURIComponent(storeId)}/groups`,
    { method: 'PUT', json: { groups } },
  );
