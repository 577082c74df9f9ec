// `/_api/keys`: administrators create, list and revoke integration API keys with their CouchDB credential.
import type { ApiKeyCreateRequest } from '@store-os/shared/integration';
import { ApiProblem } from './api-problem';
import type { ApiCall } from './api-route';
import type { ApiAnswer } from './idempotency';

export async function createKey(call: ApiCall): Promise<ApiAnswer> {
  const body = call.body as ApiKeyCreateRequest;
  const created = await call.api.keys.create({
    integration: body.integration,
    scopes: body.scopes,
    ...(body.description === undefined ? {} : { description: body.description }),
    createdBy: call.caller?.name ?? 'unknown',
  });
  return { status: 201, body: created, headers: { Location: `/_api/keys/${created.id}` } };
}

export function listKeys(call: ApiCall): ApiAnswer {
  return { status: 200, body: { keys: call.api.keys.list() } };
}

export async function revokeKey(call: ApiCall): Promise<ApiAnswer> {
  const id = call.params.keyId ?? '';
  if (!(await call.api.keys.revoke(id))) throw new ApiProblem(404, 'not-found', `No API key ${id}.`);
  return { status: 200, body: call.api.keys.get(id) };
}
