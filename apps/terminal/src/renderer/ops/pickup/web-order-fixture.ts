// Test support: a web order as the integration API writes it into a store database (the order, its
// fulfillment and reserve movements), built with the same shared functions.
import {
  newFulfillment,
  type FulfillmentDoc,
  type IdFactory,
  type MovementDoc,
  type OrderDoc,
} from '@store-os/shared';
import { reservePickup } from '@store-os/shared/omnichannel';
import { exampleOrder } from '@store-os/shared/schemas';

/** The documents of one routed web order for `storeId`. */
export function webOrderDocs(input: {
  storeId: string;
  method: 'pickup' | 'ship';
  newId: IdFactory;
  at: string;
  externalRef: string;
  pickupCode?: string;
}): { order: OrderDoc; fulfillment: FulfillmentDoc; movements: MovementDoc[] } {
  const base = exampleOrder as unknown as OrderDoc;
  const order: OrderDoc = {
    ...base,
    id: input.newId(),
    storeId: input.storeId,
    channel: 'web',
    fulfillment: input.method,
    externalRef: input.externalRef,
    createdAt: input.at,
    customer: { customerId: 'customer:c-77' },
  };
  delete (order as { terminalId?: string }).terminalId;
  delete (order as { shiftId?: string }).shiftId;
  const fulfillment = newFulfillment({
    order,
    at: input.at,
    ...(input.pickupCode === undefined ? {} : { pickupCode: input.pickupCode }),
  });
  const movements =
    input.method === 'pickup'
      ? reservePickup({
          order,
          ledger: [],
          newId: input.newId,
          at: input.at,
          locationId: `${input.storeId}-floor`,
        })
      : [];
  return { order, fulfillment, movements };
}
