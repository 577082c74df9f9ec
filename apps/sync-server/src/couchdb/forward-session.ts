// `/_session` in the CouchDB-cluster mode: the HQ console signs in against this server's origin, so its
// `_session` calls are forwarded to the cluster as they are (body, cookie, Basic auth) and the cluster's
// answer, its `AuthSession` cookie included, goes back unchanged. Later `/_hq` calls carry that cookie,
// which the cluster's `_session` then resolves to the caller's name and roles.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CouchError } from '../http/couch-error';
import { readRaw } from '../http/read-body';
import type { CouchClient } from './couch-client';

/** Sign-in bodies are a name and a password; anything larger is refused before it is forwarded. */
const MAX_SESSION_BODY = 64 * 1024;
const FORWARDED = ['authorization', 'cookie', 'content-type', 'accept'] as const;

export async function forwardSession(
  couch: CouchClient,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readRaw(req, MAX_SESSION_BODY);
  const answer = await fetch(`${couch.base}/_session`, {
    method,
    headers,
    redirect: 'manual',
    ...(body ? { body: new Uint8Array(body) } : {}),
  }).catch(clusterUnreachable);
  const out: Record<string, string | string[]> = {
    'Content-Type': answer.headers.get('content-type') ?? 'application/json',
  };
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) out['Set-Cookie'] = cookies;
  res.writeHead(answer.status, out);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

/** A request to the cluster that got no answer at all: the caller gets a 502 it can retry. */
export function clusterUnreachable(error: unknown): never {
  throw new CouchError(
    502,
    'bad_gateway',
    `The CouchDB cluster did not answer (${error instanceof Error ? error.message : String(error)}); try again.`,
  );
}
