// Who is calling the integration API: an integration with an API key (Bearer), or a person with a
// CouchDB credential (Basic or the console's cookie). Admin and HQ people hold every scope; anyone
// else needs a key.
import type { ApiScope } from '@store-os/shared/integration';
import { API_SCOPES } from '@store-os/shared/integration';
import type { Principal } from '../auth/principal';
import { ApiProblem } from './api-problem';
import type { KeyStore } from './key-store';

/** The authenticated caller of one request. */
export interface ApiCaller {
  /** Stable identity for idempotency records and audit: `key:<id>` or `user:<name>`. */
  id: string;
  /** Shown in logs and as `createdBy`. */
  name: string;
  kind: 'key' | 'user';
  scopes: readonly ApiScope[];
}

/** The caller of a request from its Authorization header or CouchDB principal; undefined if anonymous. */
export function callerOf(
  authorization: string | undefined,
  principal: Principal | undefined,
  keys: KeyStore,
): ApiCaller | undefined {
  if (authorization?.startsWith('Bearer ')) {
    const key = keys.verify(authorization.slice(7).trim());
    if (!key) {
      throw new ApiProblem(
        401,
        'unauthorized',
        'The API key is unknown, malformed or revoked; ask your Store OS administrator for a new one.',
        undefined,
        undefined,
        { 'WWW-Authenticate': 'Bearer realm="store-os", error="invalid_token"' },
      );
    }
    return {
      id: `key:${key.keyId}`,
      name: `${key.integration} (key ${key.keyId})`,
      kind: 'key',
      scopes: key.scopes,
    };
  }
  if (!principal) return undefined;
  const everything = principal.role === 'admin' || principal.role === 'hq';
  return {
    id: `user:${principal.name}`,
    name: principal.name,
    kind: 'user',
    scopes: everything ? API_SCOPES : [],
  };
}

/** Throws 401 without a caller, 403 when the caller lacks `scope`. */
export function requireScope(caller: ApiCaller | undefined, scope: ApiScope): ApiCaller {
  if (!caller) {
    throw new ApiProblem(
      401,
      'unauthorized',
      'Send an API key as "Authorization: Bearer <key>" (or, for administrators, CouchDB credentials).',
      undefined,
      undefined,
      { 'WWW-Authenticate': 'Bearer realm="store-os"' },
    );
  }
  if (!caller.scopes.includes(scope)) {
    throw new ApiProblem(
      403,
      'forbidden',
      `This ${caller.kind === 'key' ? 'API key' : 'account'} lacks the "${scope}" scope; ask an administrator for a key that has it.`,
      undefined,
      { requiredScope: scope },
    );
  }
  return caller;
}

/** Throws unless the caller is a person with the admin or HQ role (key management). */
export function requireAdminPerson(principal: Principal | undefined): Principal {
  if (!principal) {
    throw new ApiProblem(
      401,
      'unauthorized',
      'API keys are managed with an admin or HQ CouchDB credential (Basic auth or the console session).',
      undefined,
      undefined,
      { 'WWW-Authenticate': 'Basic realm="store-os"' },
    );
  }
  if (principal.role !== 'admin' && principal.role !== 'hq') {
    throw new ApiProblem(403, 'forbidden', 'Only admin and HQ accounts may manage API keys.');
  }
  return principal;
}
