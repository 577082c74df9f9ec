// `/_api/webhooks`: subscriptions and their delivery log (read by the HQ console too).
import type { DeliveryQuery, WebhookCreateRequest } from '@store-os/shared/integration';
import { ApiProblem, validationFailed } from './api-problem';
import type { ApiCall } from './api-route';
import type { ApiAnswer } from './idempotency';
import { newWebhookSecret } from './webhook-signature';
import { checkWebhookTarget } from './webhook-target';

/** How long a subscription waits for its host to resolve before it is refused as unresolvable. */
const RESOLVE_TIMEOUT_MS = 10_000;

export async function createWebhook(call: ApiCall): Promise<ApiAnswer> {
  const body = call.body as WebhookCreateRequest;
  // The host is resolved here too: a name that points inside the network is refused now, with the
  // address and its class, rather than failing every delivery later.
  const check = await checkWebhookTarget(
    body.url,
    call.api.webhookTargets,
    AbortSignal.timeout(RESOLVE_TIMEOUT_MS),
  );
  if (!check.ok)
    throw validationFailed(`The webhook URL ${check.refusal}`, [
      { pointer: '/url', detail: check.refusal, code: 'webhook.target-not-allowed' },
    ]);
  const secret = body.secret ?? newWebhookSecret();
  const sub = await call.api.webhooks.create({
    url: body.url,
    events: body.events,
    secret,
    ...(body.description === undefined ? {} : { description: body.description }),
    createdBy: call.caller?.name ?? 'unknown',
    before: () => call.api.events.skipAhead(),
  });
  call.api.events.wake();
  return { status: 201, body: { ...sub, secret }, headers: { Location: `/_api/webhooks/${sub.id}` } };
}

export function listWebhooks(call: ApiCall): ApiAnswer {
  return { status: 200, body: { webhooks: call.api.webhooks.list() } };
}

function subscriptionOf(call: ApiCall) {
  const id = call.params.webhookId ?? '';
  const sub = call.api.webhooks.get(id);
  if (!sub) throw new ApiProblem(404, 'not-found', `No webhook subscription ${id}.`);
  return sub;
}

export function getWebhook(call: ApiCall): ApiAnswer {
  return { status: 200, body: subscriptionOf(call) };
}

export async function deleteWebhook(call: ApiCall): Promise<ApiAnswer> {
  const sub = subscriptionOf(call);
  await call.api.webhooks.remove(sub.id);
  return { status: 200, body: sub };
}

export function listDeliveries(call: ApiCall): ApiAnswer {
  const sub = subscriptionOf(call);
  const q = call.query as DeliveryQuery;
  return { status: 200, body: { deliveries: call.api.webhooks.deliveries(sub.id, q) } };
}

export async function redeliver(call: ApiCall): Promise<ApiAnswer> {
  const sub = subscriptionOf(call);
  const id = call.params.deliveryId ?? '';
  if (!(await call.api.webhooks.redeliver(sub.id, id)))
    throw new ApiProblem(404, 'not-found', `No delivery ${id} for webhook ${sub.id}.`);
  call.api.dispatcher.wake();
  return { status: 202, body: { id, status: 'pending' } };
}
