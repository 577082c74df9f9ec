import type { IdFactory } from '../ids';
import { lineBaseUnits } from '../orders/refundable-lines';
import type { MovementDoc, MovementReason, OrderDoc } from '../schemas';

/** What happened to the order's goods: handed over (sale/return), or held for / released from a web order. */
export type OrderStockPhase = 'handover' | 'reserve' | 'release';

/** Input of {@link movementsForOrder}. */
export interface MovementsForOrderInput {
  readonly order: OrderDoc;
  /** Where the goods leave from / come back to (the store's sales floor, normally). */
  readonly locationId: string;
  readonly newId: IdFactory;
  readonly phase?: OrderStockPhase;
  /** Movement time; defaults to the order's createdAt (the moment the goods changed hands). */
  readonly createdAt?: string;
}

/** Input of {@link orderLineMovement}: one order line's effect on one location's stock. */
export interface OrderLineMovementInput {
  readonly order: Pick<OrderDoc, 'id' | 'storeId' | 'terminalId'>;
  readonly line: { readonly lineId: string; readonly sku: string; readonly unit: 'each' | 'kg' };
  readonly locationId: string;
  readonly reason: MovementReason;
  /** Signed change in base units (items, or grams for weighed goods). */
  readonly delta: number;
  readonly newId: IdFactory;
  readonly createdAt: string;
  /** Who caused it, when a person did (a pickup hand-over). */
  readonly userId?: string;
}

/** The movement document for one order line, referencing the line so replays can recognise it. */
export function orderLineMovement(input: OrderLineMovementInput): MovementDoc {
  const { order, line } = input;
  return {
    id: input.newId(),
    type: 'movement',
    schemaVersion: 1,
    storeId: order.storeId,
    ...(order.terminalId === undefined ? {} : { terminalId: order.terminalId }),
    sku: line.sku,
    locationId: input.locationId,
    unit: line.unit,
    delta: input.delta,
    reason: input.reason,
    ref: { kind: 'order', id: order.id, lineId: line.lineId },
    ...(input.userId === undefined ? {} : { userId: input.userId }),
    createdAt: input.createdAt,
  };
}

/**
 * The stock movements an order causes, written with it. Handover: sold lines leave (`sale`),
 * restocked returned lines come back (`return`); returns not restocked never re-enter sellable
 * stock. Reserve/release: the sold lines of a web order are held, then released at collection.
 */
export function movementsForOrder(input: MovementsForOrderInput): MovementDoc[] {
  const { order, locationId, newId, phase = 'handover' } = input;
  const createdAt = input.createdAt ?? order.createdAt;
  const movements: MovementDoc[] = [];
  const push = (line: OrderDoc['lines'][number], reason: MovementReason, sign: 1 | -1) => {
    movements.push(
      orderLineMovement({
        order,
        line,
        locationId,
        reason,
        delta: sign * lineBaseUnits(line),
        newId,
        createdAt,
      }),
    );
  };
  if (phase === 'reserve' || phase === 'release') {
    for (const line of order.lines) push(line, phase, phase === 'reserve' ? 1 : -1);
    return movements;
  }
  for (const line of order.lines) push(line, 'sale', -1);
  for (const line of order.returnLines) if (line.restock) push(line, 'return', 1);
  return movements;
}
