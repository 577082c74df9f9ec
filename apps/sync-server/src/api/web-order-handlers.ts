// Handlers of `/_api/web-orders`: intake (idempotent, all-or-nothing), status, cancel.
import type { WebOrderRequest } from '@store-os/shared/integration';
import type { OrderDoc } from '@store-os/shared/schemas';
import { ApiProblem } from './api-problem';
import type { ApiCall } from './api-route';
import type { ApiAnswer } from './idempotency';
import { cancelWebOrder } from './web-order-cancel';
import { acceptWebOrder, readWebOrder, webOrderIdsByRef } from './web-order-intake';
import { readWebOrderStatus } from './web-order-status';

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._~@+-]*$/;

export function postWebOrder(call: ApiCall): Promise<ApiAnswer> {
  const { api } = call;
  return api.writeOnce(call, (writer) => {
    const status = acceptWebOrder(call.body as WebOrderRequest, {
      store: api.store,
      writer,
      validate: api.services.validate,
      newId: api.newId,
      now: Date.now(),
      staleAfterMs: api.options.staleAfterMs,
      adjustLevels: (levels) => api.overlay.apply(levels, Date.now()),
    });
    return { status: 201, body: status, headers: { Location: `/_api/web-orders/${status.orderId}` } };
  });
}

function storedOrThrow(call: ApiCall) {
  const orderId = call.params.orderId ?? '';
  const stored = readWebOrder(call.api.store.sqlite, orderId);
  if (!stored)
    throw new ApiProblem(404, 'not-found', `No web order ${orderId} was received through this API.`);
  return stored;
}

export function getWebOrder(call: ApiCall): ApiAnswer {
  return { status: 200, body: readWebOrderStatus(call.api.store, storedOrThrow(call)) };
}

export function findWebOrders(call: ApiCall): ApiAnswer {
  const ref = call.query.externalRef as string;
  const orders = webOrderIdsByRef(call.api.store.sqlite, ref).flatMap((id) => {
    const stored = readWebOrder(call.api.store.sqlite, id);
    return stored ? [readWebOrderStatus(call.api.store, stored)] : [];
  });
  return { status: 200, body: { orders } };
}

export function cancelWebOrderHandler(call: ApiCall): Promise<ApiAnswer> {
  const { api } = call;
  const stored = storedOrThrow(call);
  const integration = call.caller?.kind === 'key' ? call.caller.name.split(' ')[0] : call.caller?.name;
  return api.writeOnce(call, (writer) => {
    const info = api.store.info('web-orders');
    const row = info ? api.store.getWinner(info, stored.orderId) : undefined;
    if (!row?.body) throw new ApiProblem(404, 'not-found', `Order document ${stored.orderId} is missing.`);
    const status = cancelWebOrder({
      store: api.store,
      writer,
      stored,
      order: JSON.parse(row.body) as OrderDoc,
      newId: api.newId,
      now: Date.now(),
      ...(integration !== undefined && CODE_RE.test(integration) ? { by: integration } : {}),
    });
    return { status: 200, body: status };
  });
}
