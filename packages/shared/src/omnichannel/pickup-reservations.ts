import { DomainError } from '../errors';
import type { IdFactory } from '../ids';
import { lineBaseUnits } from '../orders';
import { orderLineMovement } from '../stock';
import type { MovementDoc, MovementReason, OrderDoc } from '../schemas';

// A pickup order holds its goods with `reserve` movements that reference the order line; cancel,
// expiry and collection answer them. Every function reads what the ledger already holds for the
// order (by reference) and writes only the difference, so running one twice — two tills, a retried
// sync — writes nothing the second time.

/** The movement fields the reservation logic reads from the ledger. */
export type LedgerMovement = Pick<MovementDoc, 'id' | 'sku' | 'locationId' | 'delta' | 'reason' | 'ref'>;

/** Where one order line stands in the ledger. */
export interface LineReservation {
  readonly lineId: string;
  readonly sku: string;
  /** Base units the line asks for (items, or grams). */
  readonly units: number;
  /** Units ever reserved for the line (a line is reserved once). */
  readonly reservedEver: number;
  /** Reserved and not yet released, per location. */
  readonly outstanding: ReadonlyMap<string, number>;
  /** Units already handed over (sale movements referencing the line). */
  readonly collected: number;
}

/** What the order's movements in the ledger add up to, per sold line. */
export function lineReservations(order: OrderDoc, ledger: Iterable<LedgerMovement>): LineReservation[] {
  const seen = new Set<string>();
  const perLine = new Map<string, { ever: number; outstanding: Map<string, number>; collected: number }>();
  for (const m of ledger) {
    if (m.ref?.kind !== 'order' || m.ref.id !== order.id || m.ref.lineId === undefined) continue;
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    let entry = perLine.get(m.ref.lineId);
    if (entry === undefined)
      perLine.set(m.ref.lineId, (entry = { ever: 0, outstanding: new Map(), collected: 0 }));
    if (m.reason === 'reserve' || m.reason === 'release') {
      entry.outstanding.set(m.locationId, (entry.outstanding.get(m.locationId) ?? 0) + m.delta);
      if (m.reason === 'reserve') entry.ever += m.delta;
    } else if (m.reason === 'sale') {
      entry.collected -= m.delta;
    }
  }
  return order.lines.map((line) => {
    const entry = perLine.get(line.lineId);
    const outstanding = new Map(
      [...(entry?.outstanding ?? [])].filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    return {
      lineId: line.lineId,
      sku: line.sku,
      units: lineBaseUnits(line),
      reservedEver: entry?.ever ?? 0,
      outstanding,
      collected: entry?.collected ?? 0,
    };
  });
}

/** Shared input of the reservation functions. */
export interface PickupLedgerInput {
  /** The web order (channel `web`, fulfillment `pickup`). */
  readonly order: OrderDoc;
  /** Every movement known locally that references the order (others are ignored). */
  readonly ledger: Iterable<LedgerMovement>;
  readonly newId: IdFactory;
  /** ISO time from the caller's clock. */
  readonly at: string;
  readonly userId?: string;
}

function movement(
  input: PickupLedgerInput,
  line: { lineId: string; sku: string; unit: 'each' | 'kg' },
  locationId: string,
  reason: MovementReason,
  delta: number,
): MovementDoc {
  return orderLineMovement({
    order: input.order,
    line,
    locationId,
    reason,
    delta,
    newId: input.newId,
    createdAt: input.at,
    ...(input.userId === undefined ? {} : { userId: input.userId }),
  });
}

function assertPickup(order: OrderDoc): void {
  if (order.fulfillment !== 'pickup') {
    throw new DomainError(
      'pickup.not-pickup',
      `Order ${order.id} is fulfilled by "${order.fulfillment}", not pickup; only pickup orders hold stock in a store.`,
      { orderId: order.id, fulfillment: order.fulfillment },
    );
  }
}

/** Reserves each line at the pickup store's location; lines already reserved once are left alone. */
export function reservePickup(input: PickupLedgerInput & { readonly locationId: string }): MovementDoc[] {
  assertPickup(input.order);
  const state = lineReservations(input.order, input.ledger);
  return input.order.lines.flatMap((line, i) => {
    const missing = (state[i]?.units ?? 0) - (state[i]?.reservedEver ?? 0);
    return missing > 0 ? [movement(input, line, input.locationId, 'reserve', missing)] : [];
  });
}

/** Releases whatever the order still holds (cancel, expiry): the exact inverse of what is outstanding. */
export function releasePickup(input: PickupLedgerInput): MovementDoc[] {
  const state = lineReservations(input.order, input.ledger);
  return input.order.lines.flatMap((line, i) =>
    [...(state[i]?.outstanding ?? [])].map(([locationId, n]) =>
      movement(input, line, locationId, 'release', -n),
    ),
  );
}

/** What the customer takes of one line at the counter (base units: items, or grams). */
export interface CollectedLine {
  readonly lineId: string;
  readonly units: number;
}

/**
 * The customer collects some or all lines: each collected unit becomes a `sale` at the location
 * that held it, and every reservation of the order is released (collected units leave on hand,
 * uncollected ones go back to sellable stock). Collecting what was already collected adds nothing.
 */
export function collectPickup(
  input: PickupLedgerInput & { readonly collected: readonly CollectedLine[] },
): MovementDoc[] {
  assertPickup(input.order);
  const state = new Map(lineReservations(input.order, input.ledger).map((s) => [s.lineId, s]));
  const lines = new Map(input.order.lines.map((l) => [l.lineId, l]));
  const sales: MovementDoc[] = [];
  for (const c of input.collected) {
    const line = lines.get(c.lineId);
    const s = state.get(c.lineId);
    if (line === undefined || s === undefined) {
      throw new DomainError(
        'pickup.unknown-line',
        `Order ${input.order.id} has no line "${c.lineId}"; pick one of ${[...lines.keys()].join(', ')}.`,
        { orderId: input.order.id, lineId: c.lineId },
      );
    }
    const left = s.units - s.collected;
    if (!Number.isSafeInteger(c.units) || c.units < 0 || c.units > s.units) {
      throw new DomainError(
        'pickup.bad-quantity',
        `Line ${c.lineId} (${line.name}): collect between 0 and ${s.units} units, got ${c.units}.`,
        { lineId: c.lineId, units: c.units, ordered: s.units },
      );
    }
    // `units` is the line's collected total so far, so a repeated hand-over is a no-op.
    const now = Math.min(c.units, s.units) - s.collected;
    if (now <= 0) continue;
    const [locationId] = [...s.outstanding.keys()];
    if (locationId === undefined) {
      throw new DomainError(
        'pickup.not-reserved',
        `Line ${c.lineId} (${line.name}) holds no reserved stock (${left} left to collect); reserve it or sell it at the counter.`,
        { lineId: c.lineId },
      );
    }
    sales.push(movement(input, line, locationId, 'sale', -now));
  }
  return [...sales, ...releasePickup(input)];
}
