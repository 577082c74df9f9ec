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

const ITERATIONS = 600_000;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/**
 * Sets a new PIN on a staff member (`staff:<userId>` in `store-<id>`): PBKDF2-SHA256 with a fresh salt,
 * as the terminal checks it offline. The PIN itself never leaves the browser.
 */
export async function resetPin(storeId: string, userId: string, pin: string, now: Date): Promise<void> {
  if (!/^[0-9]{4,12}$/.test(pin)) throw new Error('A PIN is 4 to 12 digits.');
  const path = `/store-${encodeURIComponent(storeId)}/${encodeURIComponent(`staff:${userId}`)}`;
  const doc = await api<Record<string, unknown>>(path);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS },
    key,
    256,
  );
  await api(path, {
    method: 'PUT',
    json: {
      ...doc,
      pin: {
        algorithm: 'PBKDF2-SHA256',
        iterations: ITERATIONS,
        salt: b64(salt),
        hash: b64(new Uint8Array(bits)),
      },
      updatedAt: now.toISOString(),
    },
  });
}
