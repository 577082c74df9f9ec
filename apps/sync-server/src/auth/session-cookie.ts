// The `AuthSession` cookie: name and expiry signed with a server secret (HMAC-SHA256). The principal is
// looked up again on every request, so revoking a credential also ends its sessions at once; the key
// also covers the credential's stored hash (as CouchDB's covers the user's salt), so a new password
// ends the sessions opened with the old one.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'AuthSession';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function signSession(secret: string, name: string, expiresAt: number): string {
  const payload = `${Buffer.from(name).toString('base64url')}.${expiresAt}`;
  const mac = createHmac('sha256', secret).update(payload).digest('base64url');
  return `${payload}.${mac}`;
}

/** The name a token claims, before its signature is checked (to find the key that must verify it). */
export function claimedName(token: string): string | undefined {
  const [name64] = token.split('.');
  return name64 ? Buffer.from(name64, 'base64url').toString() : undefined;
}

/** The name in a valid, unexpired session token; undefined otherwise. */
export function verifySession(secret: string, token: string, now: number): string | undefined {
  const [name64, expires, mac] = token.split('.');
  if (!name64 || !expires || !mac) return undefined;
  const expected = createHmac('sha256', secret).update(`${name64}.${expires}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(new Uint8Array(given), new Uint8Array(expected)))
    return undefined;
  if (Number(expires) < now) return undefined;
  return Buffer.from(name64, 'base64url').toString();
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
