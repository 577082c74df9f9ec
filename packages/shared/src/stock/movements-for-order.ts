import type { IdFactory } from '../ids';
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

const baseUnits = (line: { unit: string; quantity: number; weightGrams?: number }): number =>
  line.unit === 'kg' ? (line.weightGrams ?? 0) : line.quantity;

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
    movements.push({
      id: newId(),
      type: 'movement',
      schemaVersion: 1,
      storeId: order.storeId,
      ...(order.terminalId === undefined ? {} : { terminalId: order.terminalId }),
      sku: line.sku,
      locationId,
      unit: line.unit,
      delta: sign * baseUnits(line),
      reason,
      ref: { kind: 'order', id: order.id, lineId: line.lineId },
      createdAt,
    });
  };
  if (phase === 'reserve' || phase === 'release') {
    for (const line of order.lines) push(line, phase, phase === 'reserve' ? 1 : -1);
    return movements;
  }
  for (const line of order.lines) push(line, 'sale', -1);
  for (const line of order.returnLines) if (line.restock) push(line, 'return', 1);
  return movements;
}
