// Resolves the caller of a request from HTTP Basic credentials or the `AuthSession` cookie. Verified
// Basic credentials are cached by a hash of name and password, so a terminal's every request does not
// pay for scrypt; the principal itself is re-read each time so revocation takes effect at once.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CouchError, unauthorized } from '../http/couch-error';
import type { AuthStore } from './auth-store';
import type { LoginRateLimit } from './login-rate-limit';
import type { Principal } from './principal';
import { claimedName, readCookie, SESSION_COOKIE, signSession, verifySession } from './session-cookie';

/**
 * A session cookie that names no active principal (expired, forged, or its principal revoked). Unlike a
 * wrong Basic password it must not stop a new login, so the open paths answer it as anonymous.
 */
export class StaleSessionError extends CouchError {
  constructor() {
    super(401, 'unauthorized', 'Your session has expired or was revoked; log in again.');
  }
}

export class Authenticator {
  /** Verified Basic credentials: the name and the stored hash they were checked against. */
  private readonly verified = new Map<string, { name: string; hash: string }>();

  constructor(
    private readonly auth: AuthStore,
    private readonly limiter: LoginRateLimit,
    private readonly cookieSecret: string,
  ) {}

  /** The principal of the request, undefined when anonymous; throws 401/429 on bad credentials. */
  async principalOf(req: IncomingMessage): Promise<Principal | undefined> {
    const header = req.headers.authorization;
    if (header?.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw unauthorized('Malformed Basic authorization header.');
      return this.login(req, decoded.slice(0, colon), decoded.slice(colon + 1));
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) {
      const claimed = claimedName(token);
      const key = claimed === undefined ? undefined : this.sessionKey(claimed);
      const name = key === undefined ? undefined : verifySession(key, token, Date.now());
      const principal = name === undefined ? undefined : this.auth.active(name);
      if (!principal) throw new StaleSessionError();
      return principal;
    }
    return undefined;
  }

  /** A session token for `name`, valid until `expiresAt` or until its password changes. */
  sessionToken(name: string, expiresAt: number): string {
    const key = this.sessionKey(name);
    if (key === undefined) throw unauthorized();
    return signSession(key, name, expiresAt);
  }

  private sessionKey(name: string): string | undefined {
    const stored = this.auth.get(name);
    return stored ? `${this.cookieSecret}:${stored.hash}` : undefined;
  }

  /** Checks a name and password (rate-limited); the principal, or a 401/429 error. */
  async login(req: IncomingMessage, name: string, password: string): Promise<Principal> {
    const key = createHash('sha256').update(name).update('\0').update(password).digest('base64');
    const cached = this.verified.get(key);
    if (cached?.name === name) {
      // Still the same stored credential: a new password (or a revocation) invalidates the entry.
      const principal = this.auth.get(name)?.hash === cached.hash ? this.auth.active(name) : undefined;
      if (principal) return principal;
      this.verified.delete(key);
    }
    const checkedHash = this.auth.get(name)?.hash;
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = this.limiter.retryAfter(address, name);
    if (wait > 0) {
      throw new CouchError(429, 'too_many_requests', `Too many failed logins; retry in ${wait} s.`);
    }
    const principal = await this.auth.checkPassword(name, password);
    if (!principal) {
      this.limiter.recordFailure(address, name);
      throw unauthorized();
    }
    if (this.verified.size > 50_000) this.verified.clear();
    if (checkedHash !== undefined) this.verified.set(key, { name, hash: checkedHash });
    return principal;
  }
}
